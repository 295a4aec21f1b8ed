// The compute node state machine, driven by what agents report and what users ask.
import type { ComputeNodeState, SchedulingState } from "../../api/index.js";

/** What the node state machine reads of a node. */
export interface NodeView {
  readonly state: ComputeNodeState;
  readonly schedulingState: SchedulingState;
  /** Slots in use by running (or preparing) tasks. */
  readonly runningTaskSlots: number;
}

/** Something that happens to a node. */
export type NodeEvent =
  /** The agent registered (or re-registered after a reboot). */
  | { readonly kind: "registered"; readonly startTask?: { readonly waitForSuccess?: boolean } }
  | { readonly kind: "startTaskSucceeded" }
  /** The start task failed after its retries. */
  | { readonly kind: "startTaskFailed"; readonly waitForSuccess?: boolean }
  /** Running slots changed (a task started or finished). */
  | { readonly kind: "slotsChanged"; readonly runningTaskSlots: number }
  | { readonly kind: "heartbeatLost" }
  | { readonly kind: "heartbeatRestored" }
  | { readonly kind: "disableScheduling" }
  | { readonly kind: "enableScheduling" }
  | { readonly kind: "reboot" }
  | { readonly kind: "remove" };

/** The settled state of a healthy, started node. */
function settled(node: NodeView): ComputeNodeState {
  if (node.runningTaskSlots > 0) return "running";
  return node.schedulingState === "disabled" ? "offline" : "idle";
}

/** States the node leaves only by registering again or by leaving the pool. */
const terminal: ReadonlySet<ComputeNodeState> = new Set(["leavingpool"]);
const starting: ReadonlySet<ComputeNodeState> = new Set([
  "creating",
  "starting",
  "waitingforstarttask",
  "rebooting",
  "reimaging",
]);

/**
 * The node's next state after `event`. A start task with `waitForSuccess` (default true)
 * holds the node in `waitingforstarttask`, and its failure leaves it `starttaskfailed`; a
 * node whose agent stops heartbeating is `unusable` until it is heard from again.
 */
export function nextNodeState(node: NodeView, event: NodeEvent): ComputeNodeState {
  if (terminal.has(node.state)) return node.state;
  switch (event.kind) {
    case "registered":
      if (event.startTask === undefined) return settled({ ...node, runningTaskSlots: 0 });
      return event.startTask.waitForSuccess === false
        ? settled({ ...node, runningTaskSlots: 0 })
        : "waitingforstarttask";
    case "startTaskSucceeded":
      return node.state === "waitingforstarttask" || node.state === "starttaskfailed"
        ? settled(node)
        : node.state;
    case "startTaskFailed":
      return event.waitForSuccess === false ? node.state : "starttaskfailed";
    case "slotsChanged":
      return starting.has(node.state) ||
        node.state === "unusable" ||
        node.state === "starttaskfailed"
        ? node.state
        : settled({ ...node, runningTaskSlots: event.runningTaskSlots });
    case "heartbeatLost":
      return "unusable";
    case "heartbeatRestored":
      return node.state === "unusable" ? settled(node) : node.state;
    case "disableScheduling":
      return node.state === "idle" ? "offline" : node.state;
    case "enableScheduling":
      return node.state === "offline" ? "idle" : node.state;
    case "reboot":
      return "rebooting";
    case "remove":
      return "leavingpool";
  }
}

/** True when the scheduler may give the node new tasks. */
export function canRunTasks(node: NodeView): boolean {
  return (node.state === "idle" || node.state === "running") && node.schedulingState === "enabled";
}
