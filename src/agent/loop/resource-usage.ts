import { cpus, freemem, totalmem } from "node:os";
import type { NodeIoRates } from "../../client/index.js";
import { diskBytesUsed, readIoCounters, type IoCounters } from "./io-counters.js";

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

/** Disk and network traffic per second, as heartbeats report it. */
export type IoRates = NodeIoRates;

/** Per-second rates between two readings `seconds` apart; undefined when no time passed. Pure. */
export function ioRatesBetween(
  before: IoCounters,
  after: IoCounters,
  seconds: number,
): IoRates | undefined {
  if (!(seconds > 0)) return undefined;
  const rate = (key: keyof IoCounters): number =>
    Math.max(0, Math.round((after[key] - before[key]) / seconds));
  return {
    diskReadBytes: rate("diskReadBytes"),
    diskWriteBytes: rate("diskWriteBytes"),
    diskReadOps: rate("diskReadOps"),
    diskWriteOps: rate("diskWriteOps"),
    networkInBytes: rate("networkInBytes"),
    networkOutBytes: rate("networkOutBytes"),
  };
}

/** What a heartbeat reports of the machine (see `HeartbeatRequest`). */
export interface ResourceSample {
  readonly cpuPercent: number;
  readonly memoryBytes: number;
  readonly diskBytes?: number;
  readonly ioPerSecond?: IoRates;
}

/**
 * Samples the machine's CPU use and disk and network traffic since the previous sample, its
 * memory in use, and the disk space in use under `rootDir`, for the heartbeat's autoscale
 * figures.
 */
export class ResourceSampler {
  private last = readCpuTimes();
  private lastIo = readIoCounters();
  private lastTime = performance.now();

  constructor(private readonly rootDir?: string) {}

  sample(): ResourceSample {
    const now = readCpuTimes();
    const cpuPercent = cpuPercentBetween(this.last, now);
    this.last = now;
    const io = readIoCounters();
    const time = performance.now();
    const rates =
      io === undefined || this.lastIo === undefined
        ? undefined
        : ioRatesBetween(this.lastIo, io, (time - this.lastTime) / 1000);
    this.lastIo = io;
    this.lastTime = time;
    const diskBytes = this.rootDir === undefined ? undefined : diskBytesUsed(this.rootDir);
    return {
      cpuPercent,
      memoryBytes: totalmem() - freemem(),
      ...(diskBytes === undefined ? {} : { diskBytes }),
      ...(rates === undefined ? {} : { ioPerSecond: rates }),
    };
  }
}
