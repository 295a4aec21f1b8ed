// Task scheduling on a node: disabled, the node claims nothing (`canRunTasks`) and shows
// `offline` once nothing runs there; its running tasks are requeued, terminated, or left to
// finish (`nodeDisableSchedulingOption`, default requeue). Enabled, it claims again at once.
import type { NodeRecord, PoolRecord } from "../../store/index.js";
import { BatchError } from "../batch-error.js";
import { nextNodeState } from "../state/node-state.js";
import { validateNodeDisableScheduling } from "../validation/validate-node.js";
import { endTask, settleJob } from "./job-lifecycle.js";
import type { ServiceContext } from "./service-deps.js";

function alreadyThere(node: NodeRecord): BatchError {
  return new BatchError(
    "NodeAlreadyInTargetSchedulingState",
    `Task scheduling on node '${node.id}' is already ${node.schedulingState}.`,
    { PropertyName: "schedulingState", PropertyValue: node.schedulingState },
  );
}

function refuseLeaving(node: NodeRecord): void {
  if (node.state === "leavingpool") {
    throw new BatchError(
      "OperationNotValidOnNode",
      `Node '${node.id}' is leaving the pool; its task scheduling cannot change.`,
      { PropertyName: "state", PropertyValue: node.state },
    );
  }
}

/** Disables scheduling on `node` of `pool` with the body's option. */
export async function disableNodeScheduling(
  ctx: ServiceContext,
  pool: PoolRecord,
  node: NodeRecord,
  body: unknown,
): Promise<NodeRecord> {
  const option = validateNodeDisableScheduling(body).nodeDisableSchedulingOption ?? "requeue";
  refuseLeaving(node);
  if (node.schedulingState === "disabled") throw alreadyThere(node);
  // Disabled before the tasks end: a claim that reads the node from now on takes nothing.
  const updated = await ctx.nodes.update(node.id, { schedulingState: "disabled" });
  if (option === "requeue") {
    if ((await ctx.tasks.requeue({ nodeId: node.id })).length > 0) ctx.signal.notify(pool.id);
  } else if (option === "terminate") {
    for (const task of await ctx.tasks.listOnNode(node.id)) {
      if (await endTask(ctx, task.jobKey, task)) await settleJob(ctx, task.jobKey, task);
    }
    ctx.signal.notify(pool.id);
  }
  return updated;
}

/** Enables scheduling on `node`; waiting claims of its pool are woken. */
export async function enableNodeScheduling(
  ctx: ServiceContext,
  pool: PoolRecord,
  node: NodeRecord,
): Promise<NodeRecord> {
  refuseLeaving(node);
  if (node.schedulingState === "enabled") throw alreadyThere(node);
  // Other paths settle a disabled idle node as `offline` (a rejoin, a restored heartbeat).
  const view = { state: node.state, schedulingState: "enabled", runningTaskSlots: 0 } as const;
  const state = nextNodeState(view, { kind: "enableScheduling" });
  const updated = await ctx.nodes.update(node.id, {
    schedulingState: "enabled",
    ...(state === node.state ? {} : { state, stateTransitionTime: ctx.clock.now() }),
  });
  ctx.signal.notify(pool.id);
  return updated;
}
