import { describe, expect, test } from "vitest";
import { parseTimeSpan } from "../time/time-span.js";
import {
  dependencyRange,
  dueWindowCount,
  windowAt,
  windowIndexAt,
  windowsOverlapping,
  type WindowGrid,
} from "./windows.js";

const iso = (t: number): string => new Date(t).toISOString();
const at = Date.parse;

describe("tumbling windows", () => {
  const hourly: WindowGrid = {
    frequency: "Hour",
    interval: 1,
    startUtc: at("2017-09-01T00:00:00Z"),
  };

  test("contiguous windows from startTime; a start finer than the frequency sets the boundaries", () => {
    expect(
      [0, 1].map((i) => windowAt(hourly, i)).map((w) => [iso(w.startUtc), iso(w.endUtc)]),
    ).toEqual([
      ["2017-09-01T00:00:00.000Z", "2017-09-01T01:00:00.000Z"],
      ["2017-09-01T01:00:00.000Z", "2017-09-01T02:00:00.000Z"],
    ]);
    const odd: WindowGrid = {
      frequency: "Hour",
      interval: 1,
      startUtc: at("2017-09-01T10:10:10Z"),
    };
    expect(iso(windowAt(odd, 0).endUtc)).toBe("2017-09-01T11:10:10.000Z");
  });

  test("a window is due at its end plus delay, and only windows ending by endTime exist", () => {
    const grid = { ...hourly, delayMs: 10 * 60_000 };
    expect(dueWindowCount(grid, at("2017-09-01T01:09:59Z"))).toBe(0);
    expect(dueWindowCount(grid, at("2017-09-01T01:10:00Z"))).toBe(1);
    // Backfill: a day in the past is 24 windows.
    expect(dueWindowCount({ ...hourly, delayMs: 0 }, at("2017-09-02T00:30:00Z"))).toBe(24);
    expect(
      dueWindowCount(
        { ...hourly, delayMs: 0, endUtc: at("2017-09-01T05:30:00Z") },
        at("2017-09-03T00:00:00Z"),
      ),
    ).toBe(5);
  });

  test("month windows keep the start's day, clamped in shorter months", () => {
    const monthly: WindowGrid = {
      frequency: "Month",
      interval: 1,
      startUtc: at("2024-01-31T00:00:00Z"),
    };
    expect([0, 1, 2].map((i) => iso(windowAt(monthly, i).endUtc))).toEqual([
      "2024-02-29T00:00:00.000Z",
      "2024-03-31T00:00:00.000Z",
      "2024-04-30T00:00:00.000Z",
    ]);
    expect(windowIndexAt(monthly, at("2024-03-15T00:00:00Z"))).toBe(1);
  });

  test("dependency offset and size pick the upstream windows; before the upstream start needs none", () => {
    const window = windowAt(hourly, 5); // 05:00-06:00
    const self = {
      trigger: "T",
      self: true,
      offsetMs: parseTimeSpan("-01:00:00") ?? 0,
      sizeMs: 3_600_000,
    };
    const range = dependencyRange(window, self);
    expect([iso(range.fromUtc), iso(range.toUtc)]).toEqual([
      "2017-09-01T04:00:00.000Z",
      "2017-09-01T05:00:00.000Z",
    ]);
    expect(windowsOverlapping(hourly, range.fromUtc, range.toUtc).map((w) => w.index)).toEqual([4]);
    // The first window's self-dependency points before the start: nothing to wait for.
    const first = dependencyRange(windowAt(hourly, 0), self);
    expect(windowsOverlapping(hourly, first.fromUtc, first.toUtc)).toEqual([]);
    // A daily window depending on an hourly trigger (size default: its own window) waits for 24.
    const daily: WindowGrid = { frequency: "Hour", interval: 24, startUtc: hourly.startUtc };
    const day = dependencyRange(windowAt(daily, 1), { trigger: "U", self: false, offsetMs: 0 });
    expect(windowsOverlapping(hourly, day.fromUtc, day.toUtc).map((w) => w.index)).toEqual(
      Array.from({ length: 24 }, (_, i) => 24 + i),
    );
    // Seven-day rolling size with a -6 day offset.
    const week = dependencyRange(windowAt(daily, 10), {
      trigger: "U",
      self: false,
      offsetMs: parseTimeSpan("-6.00:00:00") ?? 0,
      sizeMs: parseTimeSpan("7.00:00:00") ?? 0,
    });
    expect(windowsOverlapping(daily, week.fromUtc, week.toUtc).map((w) => w.index)).toEqual([
      4, 5, 6, 7, 8, 9, 10,
    ]);
  });

  test("timespans", () => {
    expect(parseTimeSpan("00:10:00")).toBe(600_000);
    expect(parseTimeSpan("-1.02:00:00")).toBe(-(86_400_000 + 7_200_000));
    expect(parseTimeSpan("25:00:00")).toBeUndefined();
    expect(parseTimeSpan("soon")).toBeUndefined();
  });
});
