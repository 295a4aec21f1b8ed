// One round of autoscale samples: for each pool, its tasks by state (in tasks and in slots),
// its node count, and its nodes' average CPU and memory. Batch's disk and network metrics
// are not sampled (formulas reading them see no samples).
import type { PoolRecord } from "../../store/index.js";
import type { SampledVariable } from "../autoscale/index.js";
import { liveNodeCount, poolNodes } from "./allocation.js";
import { forEachPool } from "./autoscale-pools.js";
import type { ServiceContext } from "./service-deps.js";

const average = (values: number[]): number | undefined =>
  values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;

/** Samples every pool now, if a sample period has passed since the last round. */
export async function sampleIfDue(ctx: ServiceContext): Promise<void> {
  const now = ctx.clock.now();
  const metrics = ctx.autoScale;
  const last = metrics.lastSampleTime;
  if (last !== undefined && now - last < ctx.settings.autoScaleSamplePeriodMs) return;
  metrics.lastSampleTime = now;
  await forEachPool(ctx, async (pool) => {
    if (pool.state === "active") await samplePool(ctx, pool, now);
  });
  await metrics.prune(now);
}

/** Records one sample of each metric Sluice keeps for `pool`. */
export async function samplePool(
  ctx: ServiceContext,
  pool: PoolRecord,
  now: number,
): Promise<void> {
  const key = pool.id.toLowerCase();
  const load = await ctx.autoScale.taskLoad.poolTaskLoad(pool.id);
  const nodes = await poolNodes(ctx, pool.id);
  const usage = ctx.autoScale.nodeUsage(key, now - ctx.settings.leaseMs);
  const cpu = average(usage.flatMap((u) => (u.cpuPercent === undefined ? [] : [u.cpuPercent])));
  // Batch's docs describe $MemoryBytes as megabytes used, averaged over the nodes.
  const memory = average(
    usage.flatMap((u) => (u.memoryBytes === undefined ? [] : [u.memoryBytes / 2 ** 20])),
  );
  const values: Partial<Record<SampledVariable, number>> = {
    ActiveTasks: load.active,
    RunningTasks: load.running,
    PendingTasks: load.active + load.running,
    SucceededTasks: load.succeeded,
    FailedTasks: load.failed,
    ActiveTaskSlots: load.activeSlots,
    RunningTaskSlots: load.runningSlots,
    PendingTaskSlots: load.activeSlots + load.runningSlots,
    SampleNodeCount: liveNodeCount(nodes),
    // Sluice's nodes are never preempted.
    PreemptedNodeCount: 0,
    ...(cpu === undefined ? {} : { CPUPercent: cpu }),
    ...(memory === undefined ? {} : { MemoryBytes: memory }),
  };
  await ctx.autoScale.record(pool.id, now, values);
}
