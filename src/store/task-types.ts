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
  /**
   * A multi-instance task: started only by the gang claim, on several nodes at once (see
   * gang-hold.ts), never by the one-by-one claim. Default false.
   */
  readonly gang?: boolean;
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

/** The claiming node and its pool, as the claim's own transaction reads them. */
export interface ClaimNode {
  readonly id: string;
  readonly poolKey: string;
  /** The pool's id as the user wrote it. */
  readonly poolId: string;
  readonly poolState: string;
  readonly nodeFillType: string;
  readonly state: string;
  readonly schedulingState: string;
  readonly slots: number;
  /** Slots of the node's running and preparing tasks. */
  readonly runningSlots: number;
  readonly lastBootTime: number | null;
}

/** What the claim may take, decided from its {@link ClaimNode}. */
export interface ClaimAdmission {
  /** Slots the node may fill now; 0 (or less) claims nothing. */
  readonly slots: number;
  /** As {@link ClaimRequest.slotLimit}. */
  readonly slotLimit?: (load: PoolLoad) => number | Promise<number>;
}

/**
 * A claim for a node, where the node's and pool's state are read in the claim's transaction
 * (locked against a concurrent change on PostgreSQL), so a node whose scheduling was just
 * disabled, or a pool being deleted, takes nothing.
 */
export interface NodeClaimRequest {
  readonly nodeId: string;
  /** Slots the agent says are free. */
  readonly freeSlots: number;
  readonly leaseMs: number;
  readonly maxTasks: number;
  /** Decides from the node as read in the transaction what it may take. */
  readonly admit: (node: ClaimNode) => ClaimAdmission;
}

/** A node's claim: the node as read (undefined: no such node) and the tasks it took. */
export interface NodeClaim {
  readonly node: ClaimNode | undefined;
  readonly tasks: TaskRecord[];
}

/** A completed (or terminated) task, and what became of the tasks depending on it. */
export interface CompletionResult {
  readonly task: TaskRecord;
  /** Ids of dependents it released (one fewer unmet dependency each). */
  readonly releasedDependents: readonly string[];
  /** Ids of dependents still waiting on it, as it did not satisfy them ("block"). */
  readonly blockedDependents: readonly string[];
  /**
   * `finishAttempt` only: the job's state and `onAllTasksComplete` as the completion's
   * transaction read them (PostgreSQL: the job row locked `FOR SHARE`, so a concurrent
   * change of the job commits before and is seen, or waits and then sees this completion).
   */
  readonly job?: { readonly state: string; readonly onAllTasksComplete: string };
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
