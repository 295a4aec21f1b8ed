import { describe, expect, it } from "vitest";
import { MAX_MS, MIN_MS } from "./calendar.js";
import {
  dayOfYearOf,
  fieldsOf,
  isInRange,
  makeTimestamp,
  ticksOf,
  timestampFromEpochMs,
} from "./timestamp.js";

describe("timestamp", () => {
  it("splits a reading into .NET's fields with 100-ns fractions", () => {
    const ts = makeTimestamp(Date.UTC(2018, 2, 15, 13, 27, 36, 123), 4567, "utc")!;
    expect(fieldsOf(ts)).toEqual({
      year: 2018,
      month: 3,
      day: 15,
      hour: 13,
      minute: 27,
      second: 36,
      fraction: 1_234_567,
      weekday: 4,
    });
  });

  it("reads fields of timestamps before 1970", () => {
    const ts = makeTimestamp(Date.UTC(1969, 11, 31, 23, 59, 59, 999), 9999, "unspecified")!;
    expect(fieldsOf(ts)).toMatchObject({
      year: 1969,
      month: 12,
      day: 31,
      hour: 23,
      minute: 59,
      second: 59,
      fraction: 9_999_999,
    });
  });

  it("counts .NET ticks exactly, beyond 2^53", () => {
    expect(ticksOf(makeTimestamp(Date.UTC(2018, 0, 1), 0, "utc")!)).toBe(636503616000000000n);
    expect(ticksOf(makeTimestamp(MIN_MS, 0, "utc")!)).toBe(0n);
    expect(ticksOf(makeTimestamp(MAX_MS, 9999, "utc")!)).toBe(3155378975999999999n); // DateTime.MaxValue.Ticks
    expect(ticksOf(makeTimestamp(0, 1, "utc")!)).toBe(621355968000000001n);
  });

  it("keeps to .NET DateTime's range", () => {
    expect(isInRange(MIN_MS)).toBe(true);
    expect(isInRange(MIN_MS - 1)).toBe(false);
    expect(isInRange(MAX_MS + 1)).toBe(false);
    expect(isInRange(Number.NaN)).toBe(false);
    expect(makeTimestamp(MAX_MS + 1, 0, "utc")).toBeUndefined();
  });

  it("gives the day of the year and builds timestamps from epoch ms", () => {
    expect(dayOfYearOf(makeTimestamp(Date.UTC(2020, 11, 31, 23), 0, "utc")!)).toBe(366);
    expect(timestampFromEpochMs(1.7, "utc")).toEqual({ ms: 1, subTicks: 0, kind: "utc" });
  });
});
