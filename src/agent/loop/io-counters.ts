// The machine's disk and network counters for autoscale's `$DiskReadBytes`,
// `$DiskWriteBytes`, `$DiskReadOps`, `$DiskWriteOps`, `$NetworkInBytes` and
// `$NetworkOutBytes`, read from Linux's /proc (elsewhere there are none and the heartbeat
// omits them), and the disk space in use under the node root for `$DiskBytes`.
import { readdirSync, readFileSync, statfsSync } from "node:fs";
import type { NodeIoRates } from "../../client/index.js";

/** Cumulative counters since the machine booted: the heartbeat's rates' figures, as totals. */
export type IoCounters = { readonly [K in keyof NodeIoRates]: number };

/** /proc/diskstats and the kernel's sectors are 512 bytes whatever the device's. */
const sectorBytes = 512;

/**
 * Sums `/proc/diskstats` over the whole disks named in `disks` (partitions would count their
 * disk's I/O twice). Pure.
 */
export function parseDiskStats(
  text: string,
  disks: ReadonlySet<string>,
): Pick<IoCounters, "diskReadBytes" | "diskWriteBytes" | "diskReadOps" | "diskWriteOps"> {
  const totals = { diskReadBytes: 0, diskWriteBytes: 0, diskReadOps: 0, diskWriteOps: 0 };
  for (const line of text.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || !disks.has(fields[2] ?? "")) continue;
    // reads completed, reads merged, sectors read, ms reading, writes completed, ..., sectors written
    totals.diskReadOps += Number(fields[3]);
    totals.diskReadBytes += Number(fields[5]) * sectorBytes;
    totals.diskWriteOps += Number(fields[7]);
    totals.diskWriteBytes += Number(fields[9]) * sectorBytes;
  }
  return totals;
}

/** Sums `/proc/net/dev`'s received and sent bytes over every interface but loopback. Pure. */
export function parseNetDev(text: string): Pick<IoCounters, "networkInBytes" | "networkOutBytes"> {
  const totals = { networkInBytes: 0, networkOutBytes: 0 };
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const fields = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    if (name === "lo" || fields.length < 9) continue;
    totals.networkInBytes += Number(fields[0]);
    totals.networkOutBytes += Number(fields[8]);
  }
  return totals;
}

/** Block devices that are disks, not loop or RAM devices (they would count memory traffic). */
function wholeDisks(): Set<string> {
  try {
    return new Set(readdirSync("/sys/block").filter((name) => !/^(loop|ram|zram)/.test(name)));
  } catch {
    return new Set();
  }
}

let disks: Set<string> | undefined;

/** The counters now, or undefined where /proc does not have them. */
export function readIoCounters(): IoCounters | undefined {
  try {
    disks ??= wholeDisks();
    return {
      ...parseDiskStats(readFileSync("/proc/diskstats", "utf8"), disks),
      ...parseNetDev(readFileSync("/proc/net/dev", "utf8")),
    };
  } catch {
    return undefined;
  }
}

/** Bytes in use on the file system holding `dir`, or undefined when it cannot be read. */
export function diskBytesUsed(dir: string): number | undefined {
  try {
    const stats = statfsSync(dir);
    return (stats.blocks - stats.bfree) * stats.bsize;
  } catch {
    return undefined;
  }
}
