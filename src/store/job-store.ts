import type { JsonObject } from "../core/index.js";
import type { ListOptions, Page } from "./page.js";
import type { WriteOptions } from "./pool-store.js";

/** Batch job `state`. */
export type JobState =
  "active" | "disabling" | "disabled" | "enabling" | "terminating" | "completed" | "deleting";

/**
 * A job as stored; times are ms since the Unix epoch. The columns scheduling reads are
 * fields; `spec` holds the job's other Batch properties (constraints, jobManagerTask,
 * commonEnvironmentSettings, poolInfo as the user wrote it...).
 */
export interface JobRecord {
  /** As the user wrote it; unique regardless of case. */
  readonly id: string;
  /** The pool's id lowercased (the pool may not exist: Batch allows that). */
  readonly poolKey: string;
  readonly state: JobState;
  readonly stateTransitionTime: number;
  readonly previousState: JobState | null;
  readonly previousStateTransitionTime: number | null;
  /** -1000 to 1000; claiming serves higher first. */
  readonly priority: number;
  /** Most tasks running at once; -1 for no limit. */
  readonly maxParallelTasks: number;
  readonly onAllTasksComplete: string;
  readonly onTaskFailure: string;
  readonly spec: JsonObject;
  /** Batch's `executionInfo` (startTime, endTime, terminateReason, schedulingError). */
  readonly executionInfo: JsonObject;
  /** Changes on every write; pass it as `ifMatch` to update only what you read. */
  readonly etag: string;
  readonly lastModified: number;
  readonly creationTime: number;
}

/** A job to create. The store sets etag and times (state transition time = creation time). */
export interface NewJob {
  readonly id: string;
  /** The pool the job's tasks run on, in any case. */
  readonly poolId: string;
  readonly state: JobState;
  readonly priority: number;
  readonly maxParallelTasks: number;
  readonly onAllTasksComplete: string;
  readonly onTaskFailure: string;
  readonly spec: JsonObject;
  readonly executionInfo: JsonObject;
}

/**
 * Fields to change; absent fields keep their value. The caller sets transition times and
 * previous states: which changes are transitions is Batch logic, not storage.
 */
export type JobPatch = Partial<
  Omit<NewJob, "id"> &
    Pick<JobRecord, "stateTransitionTime" | "previousState" | "previousStateTransitionTime">
>;

/**
 * The jobs aggregate. Errors are `SluiceError`s (`StoreNotFound`, `StoreDuplicate`,
 * `StoreConflict`); a rejected write changes nothing. Ids match regardless of case.
 */
export interface JobStore {
  /** Adds a job; `StoreDuplicate` if the id is taken in any case. */
  create(job: NewJob): Promise<JobRecord>;
  /** The job, or `StoreNotFound`. */
  get(id: string): Promise<JobRecord>;
  /** Jobs in id order (bytewise, case-insensitive), a page at a time. */
  list(options?: ListOptions): Promise<Page<JobRecord>>;
  /** The jobs of one pool, in id order, a page at a time. */
  listByPool(poolId: string, options?: ListOptions): Promise<Page<JobRecord>>;
  /** Applies `patch` (a new `poolId` moves the job's tasks too); `StoreNotFound` or `StoreConflict`. */
  update(id: string, patch: JobPatch, options?: WriteOptions): Promise<JobRecord>;
  /** Removes the job with its tasks and their dependencies; `StoreNotFound` or `StoreConflict`. */
  delete(id: string, options?: WriteOptions): Promise<void>;
}
