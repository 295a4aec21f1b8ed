import type { JsonObject } from "../core/index.js";
import type { ListOptions, Page } from "./page.js";
import type { WriteOptions } from "./pool-store.js";
import type {
  AddTaskResult,
  ClaimRequest,
  CompletionResult,
  LeaseRenewal,
  NewTask,
  NodeClaim,
  NodeClaimRequest,
  RequeueSelector,
  TaskCounts,
  TaskKey,
  TaskPatch,
} from "./task-types.js";

/** Batch task `state`. */
export type TaskState = "active" | "preparing" | "running" | "completed";
/** Batch `executionInfo.result`. */
export type TaskResult = "success" | "failure";
/** Batch `exitOptions.dependencyAction`: whether a completed task releases its dependents. */
export type DependencyAction = "satisfy" | "block";

/** A task as stored; times are ms since the Unix epoch, null when never set. */
export interface TaskRecord {
  /** As the user wrote it; unique in its job regardless of case. */
  readonly id: string;
  /** The job's id lowercased. */
  readonly jobKey: string;
  /** The pool's id lowercased (the job's pool when the task was added or the job moved). */
  readonly poolKey: string;
  readonly state: TaskState;
  readonly stateTransitionTime: number;
  readonly previousState: TaskState | null;
  readonly previousStateTransitionTime: number | null;
  readonly requiredSlots: number;
  /** Dependencies not yet satisfied; the task is claimable only at 0. */
  readonly unmetDependencies: number;
  /** The task's Batch properties (commandLine, resourceFiles, constraints, dependsOn...). */
  readonly spec: JsonObject;
  /** The node running it, or that ran it last; null while waiting. */
  readonly nodeId: string | null;
  /** The current attempt's secret; only while running. */
  readonly claimToken: string | null;
  /** When the current attempt is lost unless its node renews the lease; only while running. */
  readonly leaseExpiry: number | null;
  readonly retryCount: number;
  readonly requeueCount: number;
  readonly lastRetryTime: number | null;
  readonly lastRequeueTime: number | null;
  readonly startTime: number | null;
  readonly endTime: number | null;
  readonly exitCode: number | null;
  readonly result: TaskResult | null;
  readonly failureInfo: JsonObject | null;
  /** True once it completed with dependencyAction "satisfy". */
  readonly satisfiesDependents: boolean;
  /** Changes on every write except lease renewals and dependency releases. */
  readonly etag: string;
  readonly lastModified: number;
  readonly creationTime: number;
}

/** Options for listing a job's tasks. */
export interface TaskListOptions extends ListOptions {
  /** Only tasks in this state; default all. */
  readonly state?: TaskState;
}

/**
 * The tasks aggregate. Dumb but atomic: the caller (the Batch service) decides states with
 * Batch's rules; each method here is one atomic, race-free write. Errors are `SluiceError`s
 * (`StoreNotFound`, `StoreConflict`, `InvalidArgument`); a rejected write changes nothing.
 * Ids match regardless of case.
 */
export interface TaskStore {
  /**
   * Adds up to 100 tasks to a job in one transaction, in state active; a result per task in
   * order. `StoreNotFound` (nothing written) if the job does not exist.
   */
  addMany(jobId: string, tasks: readonly NewTask[]): Promise<AddTaskResult[]>;
  /** The task, or `StoreNotFound`. */
  get(key: TaskKey): Promise<TaskRecord>;
  /** A job's tasks in add order, a page at a time; `StoreNotFound` if the job does not exist. */
  list(jobId: string, options?: TaskListOptions): Promise<Page<TaskRecord>>;
  /** Applies `patch`; `StoreNotFound`, or `StoreConflict` on an etag mismatch. */
  update(key: TaskKey, patch: TaskPatch, options?: WriteOptions): Promise<TaskRecord>;
  /** Removes the task and its dependency edges; `StoreNotFound` or `StoreConflict`. */
  delete(key: TaskKey, options?: WriteOptions): Promise<void>;
  /** Moves ready tasks of the pool to running on the node; see {@link ClaimRequest}. */
  claim(request: ClaimRequest): Promise<TaskRecord[]>;
  /**
   * As {@link claim} for the node's pool, with the node and pool read and admitted in the
   * claim's transaction; see {@link NodeClaimRequest}.
   */
  claimForNode(request: NodeClaimRequest): Promise<NodeClaim>;
  /** Extends the leases of the node's running attempts; reports tokens no longer valid. */
  renewLeases(
    nodeId: string,
    claimTokens: readonly string[],
    leaseMs: number,
  ): Promise<LeaseRenewal>;
  /**
   * Ends the running attempt holding `claimToken`: completed, or back to active as a retry.
   * `StoreConflict`, changing nothing, if the task no longer runs under that token.
   */
  finishAttempt(
    key: TaskKey,
    claimToken: string,
    outcome: AttemptOutcome,
  ): Promise<CompletionResult>;
  /** The tasks running (or preparing) on a node now, in add order. */
  listOnNode(nodeId: string): Promise<TaskRecord[]>;
  /** Running tasks of a lost node, a job, or with expired leases, back to active (a requeue, not a retry). */
  requeue(selector: RequeueSelector): Promise<TaskRecord[]>;
  /** Completes a task that is not completed yet; `StoreConflict` if it is. */
  terminate(
    key: TaskKey,
    completion: Completion,
    options?: WriteOptions,
  ): Promise<CompletionResult>;
  /** A completed task back to active with its retry count reset; `StoreConflict` unless completed. */
  reactivate(key: TaskKey, options?: WriteOptions): Promise<TaskRecord>;
  /** The job's task and slot counts by state; `StoreNotFound` if the job does not exist. */
  countByState(jobId: string): Promise<TaskCounts>;
}

/** How a finished task ends. */
export interface Completion {
  readonly exitCode: number | null;
  readonly result: TaskResult;
  /** Batch's `failureInfo`; null on success. */
  readonly failureInfo: JsonObject | null;
  /** "satisfy" releases the tasks depending on this one; "block" leaves them waiting. */
  readonly dependencyAction: DependencyAction;
  /**
   * The job uses no task dependencies (Batch's `usesTaskDependencies` false): no task can
   * wait on this one, so none is looked for. Default false.
   */
  readonly noDependents?: boolean;
}

/** How an attempt ended: the task completed, or goes back to active for another attempt. */
export type AttemptOutcome =
  ({ readonly kind: "completed" } & Completion) | { readonly kind: "retry" };
