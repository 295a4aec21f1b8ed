import { cpus, freemem, totalmem } from "node:os";

/** CPU time counters summed over every core, in milliseconds. */
interface CpuTimes {
  readonly busy: number;
  readonly total: number;
}

function readCpuTimes(): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    busy += all - times.idle;
    total += all;
  }
  return { busy, total };
}

/** CPU percent between two samples, 0..100; 0 when no time passed. Pure. */
export function cpuPercentBetween(before: CpuTimes, after: CpuTimes): number {
  const total = after.total - before.total;
  if (total <= 0) return 0;
  const percent = ((after.busy - before.busy) / total) * 100;
  return Math.min(100, Math.max(0, Math.round(percent * 10) / 10));
}

/**
 * Samples the machine's CPU use since the previous sample and its memory in use, for the
 * heartbeat's autoscale figures.
 */
export class ResourceSampler {
  private last = readCpuTimes();

  sample(): { cpuPercent: number; memoryBytes: number } {
    const now = readCpuTimes();
    const cpuPercent = cpuPercentBetween(this.last, now);
    this.last = now;
    return { cpuPercent, memoryBytes: totalmem() - freemem() };
  }
}
