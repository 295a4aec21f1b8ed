// Pool allocation: resize and stop-resize requests, which nodes leave when a pool shrinks,
// and what happens to their running tasks (`nodeDeallocationOption`).
import { BatchError } from "../batch-error.js";
import type {
  AllocationState,
  ComputeNodeDeallocationOption,
  ComputeNodeState,
} from "../../api/index.js";

/** What resizing reads of a pool. */
export interface PoolAllocationView {
  readonly id: string;
  readonly allocationState: AllocationState;
  readonly enableAutoScale?: boolean;
}

/**
 * The allocation state after a resize request: `resizing`. Batch allows a resize only on a
 * `steady` pool that does not autoscale.
 */
export function startResize(pool: PoolAllocationView): AllocationState {
  if (pool.enableAutoScale === true) {
    throw new BatchError(
      "OperationInvalidForCurrentState",
      `Pool '${pool.id}' scales automatically; disable autoscale before resizing it.`,
    );
  }
  if (pool.allocationState !== "steady") {
    throw new BatchError(
      "PoolBeingResized",
      `Pool '${pool.id}' is ${pool.allocationState}; a resize is allowed only when its allocationState is steady.`,
    );
  }
  return "resizing";
}

/** The allocation state after a stop-resize request: `stopping` while resizing; steady stays steady. */
export function stopResize(pool: PoolAllocationView): AllocationState {
  return pool.allocationState === "resizing" ? "stopping" : pool.allocationState;
}

/** What to do with the running tasks of a node that leaves the pool. */
export interface DeallocationPlan {
  /** Kill the running tasks now. */
  readonly killRunningTasks: boolean;
  /** Put the killed tasks back in the queue (requeue, no retry counted); else they complete as terminated. */
  readonly requeueKilledTasks: boolean;
  /** Wait for the running tasks to finish before the node goes. */
  readonly waitForRunningTasks: boolean;
  /** Also wait until the retention time of the node's task data has passed. */
  readonly waitForRetainedData: boolean;
}

/** The plan for `option` (default `requeue`). */
export function deallocationPlan(
  option: ComputeNodeDeallocationOption = "requeue",
): DeallocationPlan {
  switch (option) {
    case "requeue":
      return {
        killRunningTasks: true,
        requeueKilledTasks: true,
        waitForRunningTasks: false,
        waitForRetainedData: false,
      };
    case "terminate":
      return {
        killRunningTasks: true,
        requeueKilledTasks: false,
        waitForRunningTasks: false,
        waitForRetainedData: false,
      };
    case "taskcompletion":
      return {
        killRunningTasks: false,
        requeueKilledTasks: false,
        waitForRunningTasks: true,
        waitForRetainedData: false,
      };
    case "retaineddata":
      return {
        killRunningTasks: false,
        requeueKilledTasks: false,
        waitForRunningTasks: true,
        waitForRetainedData: true,
      };
  }
}

/** What picking nodes to remove reads of a node. */
export interface AllocatedNode {
  readonly id: string;
  readonly state: ComputeNodeState;
  readonly runningTaskSlots: number;
}

/** Node states that go first when a pool shrinks: nodes doing no useful work. */
const cheapToRemove: ReadonlySet<ComputeNodeState> = new Set([
  "unusable",
  "starttaskfailed",
  "unknown",
  "offline",
  "preempted",
  "creating",
  "starting",
  "waitingforstarttask",
]);

/** How far the pool is from its target: nodes to add, or which nodes to remove. */
export interface AllocationStep {
  readonly add: number;
  readonly remove: readonly string[];
  /** True when the pool has reached its target (or stopped): `allocationState` goes `steady`. */
  readonly steady: boolean;
}

/**
 * One step towards `target` nodes. Nodes already `leavingpool` count as gone. To shrink,
 * broken or not-yet-started nodes go first, then idle ones, then the least busy; ties by
 * id, so the choice is deterministic. A `stopping` pool adds and removes nothing more.
 */
export function allocationStep(
  allocationState: AllocationState,
  target: number,
  nodes: readonly AllocatedNode[],
): AllocationStep {
  const staying = nodes.filter((node) => node.state !== "leavingpool");
  const leaving = nodes.length - staying.length;
  if (allocationState === "stopping") return { add: 0, remove: [], steady: leaving === 0 };
  if (staying.length < target) return { add: target - staying.length, remove: [], steady: false };
  if (staying.length === target) return { add: 0, remove: [], steady: leaving === 0 };
  const rank = (node: AllocatedNode): number =>
    cheapToRemove.has(node.state) ? 0 : node.runningTaskSlots === 0 ? 1 : 2;
  const remove = [...staying]
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        a.runningTaskSlots - b.runningTaskSlots ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .slice(0, staying.length - target)
    .map((node) => node.id);
  return { add: 0, remove, steady: false };
}
