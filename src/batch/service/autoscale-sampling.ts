// One round of autoscale samples: for each pool, its tasks by state (in tasks and in slots),
// its node count, its nodes' average CPU, memory and disk space in use, and their disk and
// network traffic. `$WallClockSeconds` is not sampled (formulas reading it see no samples).
import type { PoolRecord } from "../../store/index.js";
import type { NodeIoRates } from "./autoscale-metrics.js";
import type { SampledVariable } from "../autoscale/index.js";
import { liveNodeCount, poolNodes } from "./allocation.js";
import { forEachPool } from "./autoscale-pools.js";
import type { ServiceContext } from "./service-deps.js";

/** A node's latest figures, as {@link resourceValues} reads them. */
export interface NodeUsageFigures {
  readonly diskBytes?: number;
  readonly ioPerSecond?: NodeIoRates;
}

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
    ...resourceValues(usage, ctx.settings.autoScaleSamplePeriodMs / 1000),
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

/**
 * The disk and network metrics of the nodes' latest figures. As Batch documents them:
 * `$DiskBytes` the average gigabytes in use on the nodes' disks; the traffic metrics what
 * the pool's nodes moved in one sample period (their per-second rates summed, times the
 * period). A metric no node reported is left out (formulas see no sample for it). Pure.
 */
export function resourceValues(
  usage: readonly NodeUsageFigures[],
  periodSeconds: number,
): Partial<Record<SampledVariable, number>> {
  const values: Partial<Record<SampledVariable, number>> = {};
  const disk = average(usage.flatMap((u) => (u.diskBytes === undefined ? [] : [u.diskBytes])));
  if (disk !== undefined) values.DiskBytes = disk / 2 ** 30;
  const traffic = [
    ["diskReadBytes", "DiskReadBytes"],
    ["diskWriteBytes", "DiskWriteBytes"],
    ["diskReadOps", "DiskReadOps"],
    ["diskWriteOps", "DiskWriteOps"],
    ["networkInBytes", "NetworkInBytes"],
    ["networkOutBytes", "NetworkOutBytes"],
  ] as const;
  for (const [rate, metric] of traffic) {
    const reported = usage.flatMap((u) => {
      const value = u.ioPerSecond?.[rate];
      return value === undefined ? [] : [value];
    });
    if (reported.length > 0) values[metric] = reported.reduce((a, b) => a + b, 0) * periodSeconds;
  }
  return values;
}
