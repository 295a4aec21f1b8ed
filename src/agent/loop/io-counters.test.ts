import { describe, expect, it } from "vitest";
import { diskBytesUsed, parseDiskStats, parseNetDev, readIoCounters } from "./io-counters.js";
import { ioRatesBetween } from "./resource-usage.js";

// Shapes as Linux prints them (proc(5)); values made up.
const diskstats = `
 259       0 nvme0n1 100 0 2000 50 40 0 800 30 0 60 80 0 0 0 0
 259       1 nvme0n1p1 90 0 1800 45 35 0 700 25 0 50 70 0 0 0 0
   7       0 loop0 5 0 10 1 0 0 0 0 0 1 1 0 0 0 0
`;
const netdev = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 5000 10 0 0 0 0 0 0 5000 10 0 0 0 0 0 0
  eth0: 1234 7 0 0 0 0 0 0 4321 6 0 0 0 0 0 0
  eth1: 1 1 0 0 0 0 0 0 2 1 0 0 0 0 0 0
`;

describe("node I/O counters", () => {
  it("sums whole disks' reads and writes, in bytes of 512-byte sectors", () => {
    expect(parseDiskStats(diskstats, new Set(["nvme0n1"]))).toEqual({
      diskReadOps: 100,
      diskReadBytes: 2000 * 512,
      diskWriteOps: 40,
      diskWriteBytes: 800 * 512,
    });
  });

  it("sums every interface's traffic but loopback's", () => {
    expect(parseNetDev(netdev)).toEqual({ networkInBytes: 1235, networkOutBytes: 4323 });
  });

  it("turns two readings into per-second rates, never negative", () => {
    const before = {
      diskReadBytes: 0,
      diskWriteBytes: 100,
      diskReadOps: 0,
      diskWriteOps: 0,
      networkInBytes: 0,
      networkOutBytes: 0,
    };
    const after = { ...before, diskReadBytes: 1000, diskWriteBytes: 50, networkInBytes: 30 };
    expect(ioRatesBetween(before, after, 2)).toMatchObject({
      diskReadBytes: 500,
      diskWriteBytes: 0,
      networkInBytes: 15,
    });
    expect(ioRatesBetween(before, after, 0)).toBeUndefined();
  });

  it("reads this machine's counters and disk space (Linux)", () => {
    const counters = readIoCounters();
    if (process.platform !== "linux") {
      expect(counters).toBeUndefined();
      return;
    }
    expect(counters?.networkInBytes).toBeGreaterThanOrEqual(0);
    expect(diskBytesUsed(process.cwd())).toBeGreaterThan(0);
    expect(diskBytesUsed("/no/such/dir")).toBeUndefined();
  });
});
