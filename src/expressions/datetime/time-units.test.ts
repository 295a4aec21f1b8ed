import { describe, expect, it } from "vitest";
import { parseTimestamp } from "./timestamp-parse.js";
import type { Timestamp } from "./timestamp.js";
import {
  addTime,
  parseTimeUnit,
  startOfDay,
  startOfHour,
  startOfMonth,
  timeUnits,
  type TimeUnit,
} from "./time-units.js";

function at(text: string): Timestamp {
  return parseTimestamp(text)!;
}

function iso(ts: Timestamp | undefined): string {
  return ts === undefined ? "undefined" : new Date(ts.ms).toISOString() + `+${ts.subTicks}`;
}

describe("parseTimeUnit", () => {
  it("accepts ADF's seven units in any case", () => {
    expect(timeUnits.map((u) => parseTimeUnit(u))).toEqual(timeUnits);
    expect(parseTimeUnit("day")).toBe("Day");
    expect(parseTimeUnit("MONTH")).toBe("Month");
    expect(parseTimeUnit(" Hour ")).toBe("Hour");
  });

  it("rejects anything else, plurals included", () => {
    for (const name of ["", "Days", "Millisecond", "Fortnight", "d", "Quarter"])
      expect(parseTimeUnit(name)).toBeUndefined();
  });
});

describe("addTime", () => {
  it.each<[string, number, TimeUnit, string]>([
    ["2018-03-15T13:00:00Z", 10, "Day", "2018-03-25T13:00:00.000Z+0"],
    ["2018-03-15T00:00:00Z", -5, "Day", "2018-03-10T00:00:00.000Z+0"],
    ["2018-03-15T00:00:00Z", 10, "Hour", "2018-03-15T10:00:00.000Z+0"],
    ["2018-03-15T00:10:00Z", 10, "Minute", "2018-03-15T00:20:00.000Z+0"],
    ["2018-03-15T00:00:30Z", -5, "Second", "2018-03-15T00:00:25.000Z+0"],
    ["2018-03-15T00:00:00Z", 2, "Week", "2018-03-29T00:00:00.000Z+0"],
    ["2018-01-31T10:00:00Z", 1, "Month", "2018-02-28T10:00:00.000Z+0"],
    ["2020-01-31T10:00:00Z", 1, "Month", "2020-02-29T10:00:00.000Z+0"],
    ["2020-03-31T00:00:00Z", -1, "Month", "2020-02-29T00:00:00.000Z+0"],
    ["2018-11-30T00:00:00Z", 3, "Month", "2019-02-28T00:00:00.000Z+0"],
    ["2018-03-15T00:00:00Z", -15, "Month", "2016-12-15T00:00:00.000Z+0"],
    ["2020-02-29T00:00:00Z", 1, "Year", "2021-02-28T00:00:00.000Z+0"],
    ["2020-02-29T00:00:00Z", 4, "Year", "2024-02-29T00:00:00.000Z+0"],
    ["2018-12-31T23:59:59Z", 1, "Second", "2019-01-01T00:00:00.000Z+0"],
    ["2018-03-15T00:00:00.1234567Z", 1, "Day", "2018-03-16T00:00:00.123Z+4567"],
    ["2018-03-15T00:00:00Z", 0, "Year", "2018-03-15T00:00:00.000Z+0"],
  ])("%s %s %s", (text, amount, unit, expected) => {
    expect(iso(addTime(at(text), amount, unit))).toBe(expected);
  });

  it("keeps the kind", () => {
    expect(addTime(at("2018-03-15"), 1, "Month")!.kind).toBe("unspecified");
    expect(addTime(at("2018-03-15Z"), 1, "Second")!.kind).toBe("utc");
  });

  it("returns undefined outside years 1 to 9999", () => {
    expect(addTime(at("9999-12-31T00:00:00Z"), 1, "Day")).toBeUndefined();
    expect(addTime(at("0001-01-01T00:00:00Z"), -1, "Second")).toBeUndefined();
    expect(addTime(at("9999-12-01T00:00:00Z"), 1, "Month")).toBeUndefined();
    expect(addTime(at("2018-01-01T00:00:00Z"), 8000, "Year")).toBeUndefined();
    expect(addTime(at("2018-01-01T00:00:00Z"), Number.MAX_SAFE_INTEGER, "Month")).toBeUndefined();
    expect(addTime(at("2018-01-01T00:00:00Z"), 1e300, "Day")).toBeUndefined();
  });
});

describe("startOf", () => {
  const ts = at("2018-03-15T13:30:30.1234567Z");
  it("truncates to the day, hour and month, keeping the kind", () => {
    expect(iso(startOfDay(ts))).toBe("2018-03-15T00:00:00.000Z+0");
    expect(iso(startOfHour(ts))).toBe("2018-03-15T13:00:00.000Z+0");
    expect(iso(startOfMonth(ts))).toBe("2018-03-01T00:00:00.000Z+0");
    expect(startOfMonth(at("2018-03-15")).kind).toBe("unspecified");
  });

  it("works before 1970", () => {
    expect(iso(startOfHour(at("1969-12-31T23:30:00Z")))).toBe("1969-12-31T23:00:00.000Z+0");
    expect(iso(startOfDay(at("0001-01-01T05:00:00Z")))).toBe("0001-01-01T00:00:00.000Z+0");
  });
});
