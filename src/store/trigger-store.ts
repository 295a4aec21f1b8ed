import type { JsonObject } from "../core/index.js";
import type { Page } from "./page.js";
import type { CursorMove, NewFire } from "./trigger-fire-batch.js";

/** Whether a trigger fires (ADF's `runtimeState`; triggers are created Stopped). */
export type TriggerRuntimeState = "Started" | "Stopped";

/** A trigger's runtime state. */
export interface TriggerStateRecord {
  readonly factory: string;
  readonly trigger: string;
  readonly runtimeState: TriggerRuntimeState;
  /** How many times the trigger was started. */
  readonly generation: number;
  readonly startedAt: number | null;
  /** The last fire time a schedule trigger has handled (ms); null before its first. */
  readonly cursor: number | null;
  /** True once a storage event trigger has listed its blobs since it was started. */
  readonly eventBaseline: boolean;
  readonly lastUpdated: number;
}

/**
 * A trigger run's status: `Inprogress`, `Succeeded`, `Failed` for schedule and event fires
 * (ADF's TriggerRunStatus); a tumbling window's state otherwise (`Waiting`,
 * `WaitingOnDependency`, `Running`, `Succeeded`, `Failed`, `Cancelled`).
 */
export type TriggerRunStatus =
  | "Inprogress"
  | "Succeeded"
  | "Failed"
  | "Waiting"
  | "WaitingOnDependency"
  | "Running"
  | "Cancelled";

/** One fire of a trigger (a tumbling window, through its attempts). Times are ms. */
export interface TriggerRunRecord {
  readonly triggerRunId: string;
  readonly factory: string;
  readonly triggerName: string;
  readonly triggerType: string;
  /** Unique per trigger: the scheduled time, window start or event that fired. */
  readonly fireKey: string;
  readonly scheduledTime: number;
  readonly triggerRunTimestamp: number;
  readonly status: TriggerRunStatus;
  readonly message: string;
  readonly properties: JsonObject;
  /** Pipeline run ids chosen before the runs are created, by pipeline name. */
  readonly plannedRuns: JsonObject;
  /** The pipeline runs started, by pipeline name (ADF's `triggeredPipelines`). */
  readonly triggeredPipelines: JsonObject;
  readonly windowStart: number | null;
  readonly windowEnd: number | null;
  readonly attempt: number;
  /** A window's current pipeline run. */
  readonly runId: string | null;
  /** A window waits until then (its due time plus delay, or a retry's interval). */
  readonly notBefore: number;
  readonly leaseOwner: string | null;
  readonly leaseExpiry: number;
  readonly lastUpdated: number;
  readonly creationTime: number;
}

/** A fire to record. */
export interface NewTriggerRun {
  readonly triggerRunId: string;
  readonly factory: string;
  readonly triggerName: string;
  readonly triggerType: string;
  readonly fireKey: string;
  readonly scheduledTime: number;
  readonly triggerRunTimestamp?: number;
  readonly status: TriggerRunStatus;
  readonly message?: string;
  readonly properties?: JsonObject;
  readonly plannedRuns?: JsonObject;
  /** The pipeline runs it started (a fire recorded with its runs, by `recordFires`). */
  readonly triggeredPipelines?: JsonObject;
  readonly windowStart?: number;
  readonly windowEnd?: number;
  readonly notBefore?: number;
  /** Taken by the inserting scheduler for `leaseMs`. */
  readonly leaseOwner?: string;
  readonly leaseMs?: number;
}

/** Fields a scheduler changes on a trigger run. */
export interface TriggerRunPatch {
  readonly status?: TriggerRunStatus;
  readonly message?: string;
  readonly properties?: JsonObject;
  readonly plannedRuns?: JsonObject;
  readonly triggeredPipelines?: JsonObject;
  readonly attempt?: number;
  readonly runId?: string | null;
  readonly notBefore?: number;
  readonly triggerRunTimestamp?: number;
  /** null releases the lease. */
  readonly leaseOwner?: string | null;
  readonly leaseMs?: number;
}

/** Conditions of a compare-and-set update: every given one must hold, or nothing changes. */
export interface TriggerRunCondition {
  readonly ifStatus?: readonly TriggerRunStatus[];
  /** The lease is this owner's, or free, or expired. */
  readonly ifLeaseFreeOr?: string;
}

/** `queryTriggerRuns`: a factory's trigger runs updated in a time range. */
export interface TriggerRunQuery {
  readonly lastUpdatedAfter: number;
  readonly lastUpdatedBefore: number;
  readonly triggerNames?: readonly string[];
  /** Runs of these triggers are left out. */
  readonly excludeTriggerNames?: readonly string[];
  readonly statuses?: readonly TriggerRunStatus[];
  /** By `triggerRunTimestamp`; default DESC (newest first). */
  readonly order?: "ASC" | "DESC";
  readonly maxResults?: number;
  readonly continuationToken?: string;
}

/** A blob a storage event trigger has seen. */
export interface BlobCursorEntry {
  readonly container: string;
  readonly path: string;
  readonly version: string;
  readonly size: number;
}

/**
 * Trigger runtime: states, fires and windows, blob cursors. Trigger and factory names are
 * matched regardless of case. Dumb but atomic: every call is one race-free write; the
 * scheduler decides. `insertRun` returning undefined is the "already fired" answer that
 * keeps two schedulers on one database from firing twice.
 */
export interface TriggerStore {
  getState(factory: string, trigger: string): Promise<TriggerStateRecord | undefined>;
  listStates(factory?: string): Promise<TriggerStateRecord[]>;
  listStarted(): Promise<TriggerStateRecord[]>;
  /** Marks the trigger Started (a new generation) with `cursor`; already started: unchanged. */
  start(factory: string, trigger: string, cursor: number): Promise<TriggerStateRecord>;
  /** Marks it Stopped; undefined when it never started. */
  stop(factory: string, trigger: string): Promise<TriggerStateRecord | undefined>;
  deleteState(factory: string, trigger: string): Promise<void>;
  /** Moves the cursor forward to `cursor` if the trigger is still in `generation`; false otherwise. */
  advanceCursor(
    factory: string,
    trigger: string,
    generation: number,
    cursor: number,
  ): Promise<boolean>;
  setEventBaseline(factory: string, trigger: string, generation: number): Promise<void>;

  /** Records a fire; undefined when this trigger already has one with that fire key. */
  insertRun(run: NewTriggerRun): Promise<TriggerRunRecord | undefined>;
  /**
   * Records fires with their pipeline runs and moves cursors, in one transaction: a fire
   * whose key the trigger already has is skipped with its runs. Returns the new fires' ids.
   */
  recordFires(fires: readonly NewFire[], cursors?: readonly CursorMove[]): Promise<string[]>;
  /** Records many fires (windows), skipping taken fire keys; returns how many were new. */
  insertRuns(runs: readonly NewTriggerRun[]): Promise<number>;
  getRun(triggerRunId: string): Promise<TriggerRunRecord>;
  getByFireKey(
    factory: string,
    trigger: string,
    fireKey: string,
  ): Promise<TriggerRunRecord | undefined>;
  /** Compare-and-set: the updated run, or undefined when a condition failed. */
  updateRun(
    triggerRunId: string,
    patch: TriggerRunPatch,
    condition?: TriggerRunCondition,
  ): Promise<TriggerRunRecord | undefined>;
  /** A trigger's windows in window order, of the given statuses (all when absent). */
  listWindows(
    factory: string,
    trigger: string,
    options?: {
      readonly statuses?: readonly TriggerRunStatus[];
      readonly fromStart?: number;
      readonly toStart?: number;
      readonly limit?: number;
    },
  ): Promise<TriggerRunRecord[]>;
  countWindows(
    factory: string,
    trigger: string,
    statuses: readonly TriggerRunStatus[],
  ): Promise<number>;
  /** The start of the trigger's newest window, or undefined when it has none. */
  lastWindowStart(factory: string, trigger: string): Promise<number | undefined>;
  /** Runs of these statuses whose lease is free or expired at `now` (left by a stopped scheduler). */
  listUnleased(
    statuses: readonly TriggerRunStatus[],
    now: number,
    limit: number,
  ): Promise<TriggerRunRecord[]>;
  /** Extends `owner`'s leases; returns the ids it no longer holds. */
  renewLeases(owner: string, triggerRunIds: readonly string[], leaseMs: number): Promise<string[]>;
  queryRuns(factory: string, query: TriggerRunQuery): Promise<Page<TriggerRunRecord>>;

  listBlobCursor(factory: string, trigger: string): Promise<BlobCursorEntry[]>;
  /** Stores what a listing changed: blobs seen (new or changed) and blobs gone. */
  applyBlobCursor(
    factory: string,
    trigger: string,
    seen: readonly BlobCursorEntry[],
    gone: readonly BlobCursorEntry[],
  ): Promise<void>;
  /** Forgets every blob the trigger saw (at stop, so a new start lists afresh). */
  clearBlobCursor(factory: string, trigger: string): Promise<void>;
}
