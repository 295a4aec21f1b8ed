import type { JsonObject } from "../core/index.js";
import type { ListOptions, Page } from "./page.js";

/** Batch pool `state`. */
export type PoolState = "active" | "deleting";
/** Batch pool `allocationState`. */
export type AllocationState = "steady" | "resizing" | "stopping";
/** Batch `taskSchedulingPolicy.nodeFillType`. */
export type NodeFillType = "spread" | "pack";

/**
 * A pool as stored. Times are milliseconds since the Unix epoch. The columns the scheduler
 * reads are fields; `spec` holds the pool's other Batch properties (vmSize, startTask,
 * metadata, autoscale settings...) as the Batch service shaped them.
 */
export interface PoolRecord {
  /** As the user wrote it; unique regardless of case. */
  readonly id: string;
  readonly state: PoolState;
  readonly stateTransitionTime: number;
  readonly allocationState: AllocationState;
  readonly allocationStateTransitionTime: number;
  readonly targetDedicatedNodes: number;
  readonly taskSlotsPerNode: number;
  readonly nodeFillType: NodeFillType;
  readonly spec: JsonObject;
  /** Changes on every write; pass it as `ifMatch` to update only what you read. */
  readonly etag: string;
  readonly lastModified: number;
  readonly creationTime: number;
}

/** A pool to create. The store sets the etag and times (transition times = creation time). */
export type NewPool = Pick<
  PoolRecord,
  | "id"
  | "state"
  | "allocationState"
  | "targetDedicatedNodes"
  | "taskSlotsPerNode"
  | "nodeFillType"
  | "spec"
>;

/**
 * Fields to change; absent fields keep their value. The caller sets transition times when it
 * changes a state: which changes count as transitions is Batch logic, not storage.
 */
export type PoolPatch = Partial<
  Pick<
    PoolRecord,
    | "state"
    | "stateTransitionTime"
    | "allocationState"
    | "allocationStateTransitionTime"
    | "targetDedicatedNodes"
    | "taskSlotsPerNode"
    | "nodeFillType"
    | "spec"
  >
>;

/** Optimistic concurrency for a write. */
export interface WriteOptions {
  /** Write only if the stored etag is this one (HTTP If-Match); default: write regardless. */
  readonly ifMatch?: string;
}

/**
 * The pools aggregate. Errors are `SluiceError`s: `StoreDuplicate`, `StoreNotFound`,
 * `StoreConflict`; a rejected write changes nothing. Ids match regardless of case.
 */
export interface PoolStore {
  /** Adds a pool; `StoreDuplicate` if one with the same id (in any case) exists. */
  create(pool: NewPool): Promise<PoolRecord>;
  /** The pool, or `StoreNotFound`. */
  get(id: string): Promise<PoolRecord>;
  /** Pools in id order (bytewise, case-insensitive), a page at a time. */
  list(options?: ListOptions): Promise<Page<PoolRecord>>;
  /** Applies `patch` and returns the new record; `StoreNotFound`, or `StoreConflict` on an etag mismatch. */
  update(id: string, patch: PoolPatch, options?: WriteOptions): Promise<PoolRecord>;
  /** Removes the pool and its nodes; `StoreNotFound`, or `StoreConflict` on an etag mismatch. */
  delete(id: string, options?: WriteOptions): Promise<void>;
}
