import type { JsonObject, JsonValue } from "../core/index.js";
import type { Page } from "./page.js";
import type { RunQuery } from "./run-query.js";

/** A pipeline run's `status`, as ADF reports it. */
export type PipelineRunStatus =
  "Queued" | "InProgress" | "Succeeded" | "Failed" | "Canceling" | "Cancelled";

/** Every {@link PipelineRunStatus}. */
export const pipelineRunStatuses: readonly PipelineRunStatus[] = [
  "Queued",
  "InProgress",
  "Succeeded",
  "Failed",
  "Canceling",
  "Cancelled",
];

/** The statuses of runs some server must drive: the unfinished ones. */
export const drivenRunStatuses: readonly PipelineRunStatus[] = [
  "Queued",
  "InProgress",
  "Canceling",
];

/** ADF's `invokedBy` of a run: who started it. */
export interface InvokedBy {
  readonly name: string;
  readonly id: string;
  /** `Manual`, `ScheduleTrigger`, `TumblingWindowTrigger`, `PipelineActivity`, ... */
  readonly invokedByType: string;
  /** For a run started by ExecutePipeline: the parent pipeline and run. */
  readonly pipelineName?: string;
  readonly pipelineRunId?: string;
}

/** A pipeline run as stored; times are ms since the Unix epoch. */
export interface PipelineRunRecord {
  /** A lowercase UUID. */
  readonly runId: string;
  /** The factory's name as the run was created with. */
  readonly factory: string;
  readonly pipelineName: string;
  /** The pipeline resource version the run executes (`FactoryStore.getResource`), if known. */
  readonly pipelineVersion: number | null;
  readonly status: PipelineRunStatus;
  readonly parameters: JsonObject;
  readonly invokedBy: InvokedBy;
  readonly runStart: number;
  readonly runEnd: number | null;
  readonly durationInMs: number | null;
  readonly message: string;
  /** Runs of one rerun chain share it; a first run's group is its own id. */
  readonly runGroupId: string;
  /** True for the newest run of its group. */
  readonly isLatest: boolean;
  /** The ExecutePipeline parent's run id, or null. */
  readonly parentRunId: string | null;
  /** The run this one reruns (`referencePipelineRunId` of createRun), or null. */
  readonly referencePipelineRunId: string | null;
  readonly isRecovery: boolean;
  readonly annotations: readonly JsonValue[];
  readonly runDimensions: JsonObject;
  /** The pipeline's variables as the run left them. */
  readonly variables: JsonObject;
  /** The pipeline return value (`setSystemVariable`), or null. */
  readonly returnValue: JsonValue | null;
  /** The engine's own bookkeeping; the store never reads it. */
  readonly engineState: JsonValue | null;
  /** The server driving the run, or null. */
  readonly leaseOwner: string | null;
  /** When `leaseOwner`'s lease ends; 0 when no server holds one. */
  readonly leaseExpiry: number;
  /** Changes on every write (not on lease renewals). */
  readonly etag: string;
  /** ADF's `lastUpdated`: the time of the last write. */
  readonly lastUpdated: number;
  readonly creationTime: number;
}

/** A run to create. Absent fields take the defaults given. */
export interface NewPipelineRun {
  /** Default: a fresh UUID. */
  readonly runId?: string;
  readonly factory: string;
  readonly pipelineName: string;
  /** Default null. */
  readonly pipelineVersion?: number | null;
  /** Default `Queued`. */
  readonly status?: PipelineRunStatus;
  /** Default `{}`. */
  readonly parameters?: JsonObject;
  readonly invokedBy: InvokedBy;
  /** Default: the creation time. */
  readonly runStart?: number;
  /** Default: the run's own id. */
  readonly runGroupId?: string;
  /** Default true; a latest run makes the other runs of its group not latest. */
  readonly isLatest?: boolean;
  readonly parentRunId?: string | null;
  readonly referencePipelineRunId?: string | null;
  /** Default false. */
  readonly isRecovery?: boolean;
  /** Default `[]`. */
  readonly annotations?: readonly JsonValue[];
  /** Default `{}`. */
  readonly runDimensions?: JsonObject;
  /** Default `{}`. */
  readonly variables?: JsonObject;
  readonly engineState?: JsonValue | null;
}

/** Fields to change; absent fields keep their value. Transitions are the engine's to decide. */
export type PipelineRunPatch = Partial<
  Pick<
    PipelineRunRecord,
    | "status"
    | "runStart"
    | "runEnd"
    | "durationInMs"
    | "message"
    | "isLatest"
    | "annotations"
    | "runDimensions"
    | "variables"
    | "returnValue"
    | "engineState"
  >
>;

/** Conditions of a run write; each failing one is a `StoreConflict` that changes nothing. */
export interface RunWriteOptions {
  /** Write only if the stored etag is this one; default write regardless. */
  readonly ifMatch?: string;
  /** Write only if the status is one of these (compare-and-set); default any. */
  readonly ifStatus?: readonly PipelineRunStatus[];
  /** Write only if this server holds the run's lease; default regardless. */
  readonly leaseOwner?: string;
}

/** The outcome of {@link PipelineRunStore.tryStart}. */
export interface StartAttempt {
  /**
   * `started`: the run moved from Queued to InProgress. `queued`: it stays queued (the
   * pipeline is at its concurrency, or older runs queue before it). `notQueued`: its status
   * is not Queued; nothing changed.
   */
  readonly outcome: "started" | "queued" | "notQueued";
  readonly run: PipelineRunRecord;
}

/** Queued and running runs of one pipeline. */
export interface ActiveRunCounts {
  readonly queued: number;
  /** InProgress and Canceling: the runs holding a concurrency slot. */
  readonly inProgress: number;
}

/** What {@link PipelineRunStore.renewLeases} did. */
export interface RunLeaseRenewal {
  readonly renewed: readonly string[];
  /** Runs whose lease another server took over (or that no longer exist). */
  readonly lost: readonly string[];
}

/**
 * Pipeline runs. Errors are `SluiceError`s (`StoreNotFound`, `StoreDuplicate`,
 * `StoreConflict`, `InvalidArgument`); a rejected write changes nothing. Run ids match
 * regardless of case; factory and pipeline names too.
 */
export interface PipelineRunStore {
  /** Adds a run; `StoreDuplicate` if its id is taken. */
  create(run: NewPipelineRun): Promise<PipelineRunRecord>;
  /** The run, or `StoreNotFound`. */
  get(runId: string): Promise<PipelineRunRecord>;
  /** Applies `patch` if `options` hold; `StoreNotFound` or `StoreConflict`. */
  update(
    runId: string,
    patch: PipelineRunPatch,
    options?: RunWriteOptions,
  ): Promise<PipelineRunRecord>;
  /**
   * Takes up to `limit` unfinished runs (Queued, InProgress, Canceling) whose lease is free
   * or expired, oldest first, for `owner` to drive for `leaseMs`. Atomic: of servers
   * claiming at once, each run goes to exactly one. A claim changes the run's etag, so the
   * previous driver's `ifMatch` writes fail.
   */
  claimRunsToDrive(owner: string, leaseMs: number, limit: number): Promise<PipelineRunRecord[]>;
  /** Extends `owner`'s leases on these runs to now + `leaseMs`; etags stay. */
  renewLeases(owner: string, runIds: readonly string[], leaseMs: number): Promise<RunLeaseRenewal>;
  /** Gives up `owner`'s leases on these runs, so another server may claim them at once. */
  releaseLeases(owner: string, runIds: readonly string[]): Promise<void>;
  /**
   * Starts a Queued run if the pipeline has room: fewer than `concurrency` runs InProgress
   * or Canceling, counting the older queued runs of the pipeline as ahead of it (queue
   * order). `concurrency` undefined means no limit. Atomic on both dialects. `patch` is
   * applied with the start (engine state...); `runStart` becomes the time the start was
   * decided unless `patch` gives one.
   */
  tryStart(runId: string, concurrency?: number, patch?: PipelineRunPatch): Promise<StartAttempt>;
  /**
   * Starts many Queued runs of pipelines without a concurrency limit in one write: each
   * still Queued becomes InProgress with `runStart` now. Returns the runs it started; the
   * others (no longer Queued) are left as they are.
   */
  startMany(runIds: readonly string[]): Promise<PipelineRunRecord[]>;
  /** How many runs of the pipeline are queued and in progress. */
  countActive(factory: string, pipelineName: string): Promise<ActiveRunCounts>;
  /** ADF's `queryPipelineRuns` over one factory: filters, order, paging. */
  query(factory: string, query?: PipelineRunQuery): Promise<Page<PipelineRunRecord>>;
  /** The runs ExecutePipeline started from this run, oldest first (for recursive cancel). */
  listChildren(parentRunId: string): Promise<PipelineRunRecord[]>;
}

/** The operands `queryPipelineRuns` filters on. */
export type PipelineRunOperand =
  "PipelineName" | "Status" | "RunStart" | "RunEnd" | "RunGroupId" | "TriggerName" | "LatestOnly";

/** The fields `queryPipelineRuns` orders by. */
export type PipelineRunOrderField = "RunStart" | "RunEnd" | "PipelineName" | "Status";

/** ADF's `RunFilterParameters` for pipeline runs. */
export type PipelineRunQuery = RunQuery<PipelineRunOperand, PipelineRunOrderField>;
