import type { JsonObject } from "../core/index.js";
import type { ListOptions, Page } from "./page.js";

/** Batch compute node `state`. */
export type NodeState =
  | "idle"
  | "rebooting"
  | "reimaging"
  | "running"
  | "unusable"
  | "creating"
  | "starting"
  | "waitingforstarttask"
  | "starttaskfailed"
  | "unknown"
  | "leavingpool"
  | "offline"
  | "preempted";

/** Batch compute node `schedulingState`. */
export type SchedulingState = "enabled" | "disabled";

/**
 * A compute node (one agent) as stored; times are ms since the Unix epoch. Node ids are
 * made by the service and match exactly (not case-insensitively).
 */
export interface NodeRecord {
  readonly id: string;
  /** The pool's id lowercased. */
  readonly poolKey: string;
  readonly state: NodeState;
  readonly stateTransitionTime: number;
  readonly schedulingState: SchedulingState;
  readonly taskSlots: number;
  /** Counted from the tasks running on the node when read, so it never drifts. */
  readonly runningTasksCount: number;
  /** The slots those running tasks occupy. */
  readonly runningTaskSlotsCount: number;
  /** Tasks completed on the node (Batch's `totalTasksRun`). */
  readonly totalTasksRun: number;
  /** Tasks completed on the node with result success. */
  readonly totalTasksSucceeded: number;
  /** When the node counts as lost unless it heartbeats again; null before its first heartbeat. */
  readonly heartbeatExpiry: number | null;
  readonly allocationTime: number;
  readonly lastBootTime: number | null;
  /** The node's other Batch properties (ipAddress, startTaskInfo, errors, agent version...). */
  readonly info: JsonObject;
}

/** A node joining a pool; the store sets allocation and state transition times to now. */
export interface NewNode {
  readonly id: string;
  /** The pool to join, in any case; it must exist. */
  readonly poolId: string;
  readonly state: NodeState;
  readonly schedulingState: SchedulingState;
  readonly taskSlots: number;
  readonly info: JsonObject;
  /** Default null. */
  readonly lastBootTime?: number | null;
  /** Default null (no heartbeat yet: never listed as expired). */
  readonly heartbeatExpiry?: number | null;
}

/** Fields to change; absent fields keep their value. The caller sets transition times. */
export type NodePatch = Partial<
  Pick<
    NodeRecord,
    "state" | "stateTransitionTime" | "schedulingState" | "taskSlots" | "info" | "lastBootTime"
  >
>;

/** Options for listing a pool's nodes. */
export interface NodeListOptions extends ListOptions {
  /** Only nodes in this state; default all. */
  readonly state?: NodeState;
}

/** The nodes aggregate. Errors are `SluiceError`s (`StoreNotFound`, `StoreDuplicate`). */
export interface NodeStore {
  /** Adds a node to its pool; `StoreNotFound` if the pool does not exist, `StoreDuplicate` if the id is taken. */
  register(node: NewNode): Promise<NodeRecord>;
  /** The node, or `StoreNotFound`. */
  get(id: string): Promise<NodeRecord>;
  /** A pool's nodes in id order, a page at a time. */
  listByPool(poolId: string, options?: NodeListOptions): Promise<Page<NodeRecord>>;
  /** Applies `patch`; `StoreNotFound`. */
  update(id: string, patch: NodePatch): Promise<NodeRecord>;
  /** Sets `heartbeatExpiry` to now + `ttlMs`; `StoreNotFound` (e.g. removed meanwhile). */
  heartbeat(id: string, ttlMs: number): Promise<NodeRecord>;
  /** Nodes whose heartbeat expired before `before` (default now), soonest expired first. */
  listExpired(before?: number): Promise<NodeRecord[]>;
  /** Removes the node; `StoreNotFound`. Its tasks keep their `nodeId` (requeue them first). */
  remove(id: string): Promise<void>;
}
