import type { JsonObject } from "../core/index.js";
import type { PoolLoad } from "./claim-plan.js";
import type { TaskRecord } from "./task-store.js";

/** A task's address: its job's id and its own, in any case. */
export interface TaskKey {
  readonly jobId: string;
  readonly taskId: string;
}

/** Task ids `start`..`end` inclusive, as Batch's `dependsOn.taskIdRanges`. */
export interface TaskIdRange {
  readonly start: number;
  readonly end: number;
}

/** A task to add; the store adds it in state active. */
export interface NewTask {
  readonly id: string;
  readonly spec: JsonObject;
  /** Default 1. */
  readonly requiredSlots?: number;
  /** Tasks of the same job this one waits for; they need not exist yet. Default none. */
  readonly dependsOn?: {
    readonly taskIds?: readonly string[];
    readonly taskIdRanges?: readonly TaskIdRange[];
  };
}

/** One task's outcome of `addMany`: added, or refused as its id is taken (in the job or the call). */
export type AddTaskResult =
  | { readonly status: "created"; readonly task: TaskRecord }
  | { readonly status: "duplicate"; readonly id: string };

/** Fields to change; absent fields keep their value. */
export interface TaskPatch {
  readonly spec?: JsonObject;
  readonly requiredSlots?: number;
}

/** What a node asks for when it claims work. */
export interface ClaimRequest {
  readonly poolId: string;
  readonly nodeId: string;
  /** Slots free on the node; the claimed tasks' `requiredSlots` add up to at most this. */
  readonly freeSlots: number;
  /** How long the attempt lives without a lease renewal, in ms. */
  readonly leaseMs: number;
  /** Most tasks to claim. */
  readonly maxTasks: number;
  /**
   * Caps the slots this claim takes by the pool's load, read in the claim's transaction (how
   * the service enforces `nodeFillType: spread`). Default: no cap beyond `freeSlots`.
   */
  readonly slotLimit?: (load: PoolLoad) => number | Promise<number>;
}

/** A completed (or terminated) task, and what became of the tasks depending on it. */
export interface CompletionResult {
  readonly task: TaskRecord;
  /** Ids of dependents it released (one fewer unmet dependency each). */
  readonly releasedDependents: readonly string[];
  /** Ids of dependents still waiting on it, as it did not satisfy them ("block"). */
  readonly blockedDependents: readonly string[];
}

/**
 * Which running tasks to requeue: a lost node's, those whose lease expired before a time, or
 * a job's (a job disabled with `requeue`).
 */
export type RequeueSelector =
  | { readonly nodeId: string }
  | { readonly leaseExpiredBefore: number }
  | { readonly jobId: string };

/** The outcome of a lease renewal. */
export interface LeaseRenewal {
  /** Tokens whose attempt no longer runs on the node (requeued, terminated, deleted): kill them. */
  readonly invalid: readonly string[];
}

/** Counts by state; "preparing" counts as running, as in Batch's task counts. */
export interface TaskStateCounts {
  readonly active: number;
  readonly running: number;
  readonly completed: number;
  /** Completed with result success. */
  readonly succeeded: number;
  /** Completed with result failure. */
  readonly failed: number;
}

/** A job's task counts and slot counts (Batch's `taskCounts` and `taskSlotCounts`). */
export interface TaskCounts {
  readonly tasks: TaskStateCounts;
  readonly slots: TaskStateCounts;
}
