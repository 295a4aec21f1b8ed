// Pool allocation as I/O: nodes leave the pool with their deallocation option applied, and a
// resizing pool becomes steady once its live nodes match the target and the leavers are gone.
import type { ComputeNodeDeallocationOption } from "../../api/index.js";
import type { NodeRecord, PoolRecord } from "../../store/index.js";
import { allocationStep, deallocationPlan } from "../state/pool-allocation.js";
import { endTask, settleJob } from "./job-lifecycle.js";
import { asJson, nodeInfoOf, poolInternalOf, type NodeInfo } from "./records.js";
import type { ServiceContext } from "./service-deps.js";
import { isStoreNotFound } from "./store-errors.js";

/** Every node of a pool. */
export async function poolNodes(ctx: ServiceContext, poolId: string): Promise<NodeRecord[]> {
  const nodes: NodeRecord[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.nodes.listByPool(
      poolId,
      token === undefined ? {} : { continuationToken: token },
    );
    nodes.push(...page.items);
    token = page.continuationToken;
  } while (token !== undefined);
  return nodes;
}

/** Nodes that count towards `currentDedicatedNodes`: all but those leaving. */
export const liveNodeCount = (nodes: readonly NodeRecord[]): number =>
  nodes.filter((node) => node.state !== "leavingpool").length;

/**
 * Marks a node `leavingpool` and applies `option` (default requeue) to its running tasks:
 * requeue them (a requeue, not a retry), end them as terminated, or let them finish
 * (`taskcompletion`, `retaineddata`). The agent is told to leave once nothing runs there.
 */
export async function markLeaving(
  ctx: ServiceContext,
  node: NodeRecord,
  option: ComputeNodeDeallocationOption = "requeue",
): Promise<void> {
  if (node.state === "leavingpool") return;
  const info: NodeInfo = { ...nodeInfoOf(node), deallocation: option };
  await ctx.nodes.update(node.id, {
    state: "leavingpool",
    stateTransitionTime: ctx.clock.now(),
    info: asJson(info),
  });
  const plan = deallocationPlan(option);
  if (!plan.killRunningTasks) return;
  if (plan.requeueKilledTasks) {
    const requeued = await ctx.tasks.requeue({ nodeId: node.id });
    if (requeued.length > 0) ctx.signal.notify(node.poolKey);
    return;
  }
  for (const task of await ctx.tasks.listOnNode(node.id)) {
    if (await endTask(ctx, task.jobKey, task)) await settleJob(ctx, task.jobKey, task);
  }
}

/**
 * One allocation step for a pool: a resizing pool sheds the nodes `allocationStep` picks
 * (broken, then idle, then least busy) and turns steady at its target; a stopping pool
 * turns steady once its leavers are gone. Adding nodes is the node spawner's part.
 */
export async function reconcilePool(ctx: ServiceContext, pool: PoolRecord): Promise<void> {
  if (pool.state === "deleting" || pool.allocationState === "steady") return;
  const nodes = await poolNodes(ctx, pool.id);
  const step = allocationStep(
    pool.allocationState,
    pool.targetDedicatedNodes,
    nodes.map((node) => ({
      id: node.id,
      state: node.state,
      runningTaskSlots: node.runningTaskSlotsCount,
    })),
  );
  const option = poolInternalOf(pool).nodeDeallocationOption;
  for (const id of step.remove) {
    const node = nodes.find((candidate) => candidate.id === id);
    if (node !== undefined) await markLeaving(ctx, node, option);
  }
  if (!step.steady) return;
  const now = ctx.clock.now();
  await ctx.pools.update(pool.id, {
    allocationState: "steady",
    allocationStateTransitionTime: now,
  });
}

/** Reconciles the pool with this id, if it still exists. */
export async function reconcilePoolById(ctx: ServiceContext, poolId: string): Promise<void> {
  try {
    await reconcilePool(ctx, await ctx.pools.get(poolId));
  } catch (error) {
    if (!isStoreNotFound(error)) throw error;
  }
}
