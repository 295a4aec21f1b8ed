// The background sweep: what happens because time passed. Nodes that stopped heartbeating
// go `unusable` (their running tasks requeued, not retried) and are removed a lease later;
// expired leases are requeued; resizing pools settle; deleted pools go once their nodes
// have; jobs past their maxWallClockTime end; jobs disabling with `wait` settle.
import type { JobRecord, NodeRecord, PoolRecord } from "../../store/index.js";
import { parseBatchTime } from "../duration.js";
import { jobEndingForTime } from "../state/job-state.js";
import { nextNodeState } from "../state/node-state.js";
import { finishPoolDeletion } from "./agent-nodes.js";
import { reconcilePool } from "./allocation.js";
import { settleJob, settleTermination, terminateJob } from "./job-lifecycle.js";
import { tickJobSchedules } from "./job-schedule-tick.js";
import { jobSpecOf } from "./records.js";
import type { ServiceContext } from "./service-deps.js";
import { isStoreNotFound } from "./store-errors.js";
import { sweepLostGangs } from "./multi-instance-gang.js";

/** What one sweep did. */
export interface SweepReport {
  /** Nodes that turned unusable. */
  readonly lostNodes: number;
  /** Nodes removed (unusable past a further lease, or leaving with a dead agent). */
  readonly removedNodes: number;
  /** Tasks requeued (from lost nodes and expired leases). */
  readonly requeuedTasks: number;
  /** Jobs ended by their maxWallClockTime. */
  readonly expiredJobs: number;
}

/** Runs one sweep at the clock's now. */
export async function sweep(ctx: ServiceContext): Promise<SweepReport> {
  const now = ctx.clock.now();
  const nodes = await sweepNodes(ctx, now);
  const requeued = await ctx.tasks.requeue({ leaseExpiredBefore: now });
  for (const pool of new Set(requeued.map((task) => task.poolKey))) ctx.signal.notify(pool);
  await sweepLostGangs(ctx);
  await forEachPage(
    (token) => ctx.pools.list(token ? { continuationToken: token } : {}),
    (pool) => sweepPool(ctx, pool),
  );
  let expiredJobs = 0;
  await forEachPage(
    (token) => ctx.jobs.list(token ? { continuationToken: token } : {}),
    async (job) => {
      if (await sweepJob(ctx, job, now)) expiredJobs += 1;
    },
  );
  // After the jobs settled: a schedule whose job just completed may create the next one.
  await tickJobSchedules(ctx);
  return { ...nodes, requeuedTasks: nodes.requeuedTasks + requeued.length, expiredJobs };
}

async function sweepNodes(ctx: ServiceContext, now: number) {
  let lostNodes = 0;
  let removedNodes = 0;
  let requeuedTasks = 0;
  for (const node of await ctx.nodes.listExpired(now)) {
    const gone =
      node.state === "leavingpool" || (node.heartbeatExpiry ?? now) < now - ctx.settings.leaseMs;
    const requeued = await ctx.tasks.requeue({ nodeId: node.id });
    requeuedTasks += requeued.length;
    if (requeued.length > 0) ctx.signal.notify(node.poolKey);
    if (gone) {
      await removeNode(ctx, node);
      removedNodes += 1;
    } else if (node.state !== "unusable") {
      const view = {
        state: node.state,
        schedulingState: node.schedulingState,
        runningTaskSlots: 0,
      };
      await ctx.nodes.update(node.id, {
        state: nextNodeState(view, { kind: "heartbeatLost" }),
        stateTransitionTime: now,
      });
      lostNodes += 1;
    }
  }
  return { lostNodes, removedNodes, requeuedTasks };
}

async function removeNode(ctx: ServiceContext, node: NodeRecord): Promise<void> {
  try {
    await ctx.nodes.remove(node.id);
  } catch (error) {
    // Another server (or the node's last heartbeat) removed it first.
    if (!isStoreNotFound(error)) throw error;
  }
  ctx.logger.info("node removed", { nodeId: node.id, pool: node.poolKey, state: node.state });
}

async function sweepPool(ctx: ServiceContext, pool: PoolRecord): Promise<void> {
  if (pool.state === "deleting") await finishPoolDeletion(ctx, pool);
  else await reconcilePool(ctx, pool);
}

async function sweepJob(ctx: ServiceContext, job: JobRecord, now: number): Promise<boolean> {
  if (job.state === "disabling") await settleJob(ctx, job.id);
  // Release tasks on nodes that are gone since will never run: the job completes without them.
  if (job.state === "terminating") await settleTermination(ctx, job.id);
  const start = parseBatchTime(String(job.executionInfo.startTime ?? "")) ?? job.creationTime;
  const ending = jobEndingForTime(job.state, start, jobSpecOf(job).constraints, now);
  if (ending === undefined) return false;
  await terminateJob(ctx, job, ending.terminateReason ?? "MaxWallClockTimeExpiry");
  return true;
}

async function forEachPage<T>(
  list: (token: string | undefined) => Promise<{ items: readonly T[]; continuationToken?: string }>,
  visit: (item: T) => Promise<void>,
): Promise<void> {
  let token: string | undefined;
  do {
    const page = await list(token);
    for (const item of page.items) await visit(item);
    token = page.continuationToken;
  } while (token !== undefined);
}
