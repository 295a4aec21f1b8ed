import { describe, expect, it } from "vitest";
import {
  formatDuration,
  infiniteDuration,
  parseBatchTime,
  parseDuration,
  toBatchTime,
} from "./duration.js";
import { isValidBatchId, normalizeId } from "./ids.js";

describe("parseDuration", () => {
  it.each([
    ["PT15M", 15 * 60_000],
    ["PT1H", 3_600_000],
    ["P7D", 7 * 86_400_000],
    ["P1DT2H3M4.5S", 86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4_500],
    ["PT0S", 0],
    ["PT0.0000001S", 0.0001],
    ["P1W", 7 * 86_400_000],
    ["P1Y", 365 * 86_400_000],
    ["P1M", 30 * 86_400_000],
  ])("reads %s", (text, ms) => {
    expect(parseDuration(text)).toBeCloseTo(ms, 6);
  });

  it("reads Batch's infinite value as Infinity", () => {
    expect(parseDuration(infiniteDuration)).toBe(Number.POSITIVE_INFINITY);
  });

  it.each(["", "P", "PT", "1H", "PT1.5M", "-PT1H", "PT1H ", "P1DT", "PT1.12345678S", "P10675200D"])(
    "refuses %j",
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});

describe("formatDuration", () => {
  it.each([
    [0, "PT0S"],
    [15 * 60_000, "PT15M"],
    [3_600_000, "PT1H"],
    [7 * 86_400_000, "P7D"],
    [86_400_000 + 3_600_000 + 500, "P1DT1H0.5S"],
    [0.0001, "PT0.0000001S"],
  ])("writes %d ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("writes Infinity as Batch's infinite value", () => {
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe(infiniteDuration);
  });

  it("round-trips long durations to the millisecond", () => {
    const ms = 9_999 * 86_400_000 + 123;
    expect(parseDuration(formatDuration(ms))).toBe(ms);
  });

  it("refuses negative durations", () => {
    expect(() => formatDuration(-1)).toThrow(RangeError);
  });
});

describe("Batch timestamps", () => {
  it("writes and reads ISO 8601 UTC", () => {
    expect(toBatchTime(Date.UTC(2024, 4, 1, 12))).toBe("2024-05-01T12:00:00.000Z");
    expect(parseBatchTime("2024-05-01T12:00:00.000Z")).toBe(Date.UTC(2024, 4, 1, 12));
    expect(parseBatchTime("2024-05-01T14:00:00+02:00")).toBe(Date.UTC(2024, 4, 1, 12));
    expect(parseBatchTime("yesterday")).toBeUndefined();
    expect(parseBatchTime("2024-05-01")).toBeUndefined();
  });
});

describe("ids", () => {
  it("accepts Batch ids and refuses others", () => {
    expect(isValidBatchId("job_1-A")).toBe(true);
    expect(isValidBatchId("a".repeat(64))).toBe(true);
    expect(isValidBatchId("a".repeat(65))).toBe(false);
    expect(isValidBatchId("")).toBe(false);
    expect(isValidBatchId("has space")).toBe(false);
    expect(isValidBatchId("dot.ted")).toBe(false);
    expect(isValidBatchId("é")).toBe(false);
  });

  it("normalizes ids case-insensitively", () => {
    expect(normalizeId("MyPool")).toBe(normalizeId("mypool"));
  });
});
