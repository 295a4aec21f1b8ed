import { describe, expect, it } from "vitest";
import { parseTimestamp } from "./timestamp-parse.js";
import type { Timestamp } from "./timestamp.js";
import { findTimeZone, fromUtc, offsetAt, toUtc, type TimeZone } from "./time-zones.js";

function at(text: string): Timestamp {
  return parseTimestamp(text)!;
}

function zone(name: string): TimeZone {
  const found = findTimeZone(name);
  if (!found) throw new Error(`no zone ${name}`);
  return found;
}

function show(ts: Timestamp | "invalid" | undefined): string {
  if (ts === undefined || ts === "invalid") return String(ts);
  return `${new Date(ts.ms).toISOString()} ${ts.kind}`;
}

describe("findTimeZone", () => {
  it.each([
    ["Pacific Standard Time", "America/Los_Angeles"],
    ["pacific standard time", "America/Los_Angeles"],
    ["W. Europe Standard Time", "Europe/Berlin"],
    ["W Europe Standard Time", "Europe/Berlin"],
    ["GMT Standard Time", "Europe/London"],
    ["India Standard Time", "Asia/Calcutta"],
    ["Eastern Standard Time", "America/New_York"],
    ["AUS Eastern Standard Time", "Australia/Sydney"],
    ["Dateline Standard Time", "Etc/GMT+12"],
    ["UTC", "Etc/UTC"],
    ["UTC-11", "Etc/GMT+11"],
    ["Europe/Paris", "Europe/Paris"],
    ["America/Los_Angeles", "America/Los_Angeles"],
  ])("%s", (name, iana) => {
    expect(zone(name).iana).toBe(iana);
  });

  it("marks only UTC itself as UTC", () => {
    expect(zone("UTC").isUtc).toBe(true);
    expect(zone("Etc/UTC").isUtc).toBe(true);
    expect(zone("GMT Standard Time").isUtc).toBe(false);
    expect(zone("Greenwich Standard Time").isUtc).toBe(false);
  });

  it("finds no zone for unknown names", () => {
    for (const name of [
      "",
      "  ",
      "Mars Standard Time",
      "Pacific",
      "Europe/Nowhere",
      "PST8",
      "+02:00",
    ]) {
      expect(findTimeZone(name)).toBeUndefined();
    }
  });

  it("caches lookups", () => {
    expect(findTimeZone("Tokyo Standard Time")).toBe(findTimeZone("Tokyo Standard Time"));
  });
});

describe("offsets", () => {
  it("follows daylight saving time", () => {
    expect(offsetAt(zone("Pacific Standard Time"), Date.UTC(2018, 0, 1))).toBe(-480);
    expect(offsetAt(zone("Pacific Standard Time"), Date.UTC(2018, 6, 1))).toBe(-420);
    expect(offsetAt(zone("W. Europe Standard Time"), Date.UTC(2018, 6, 1))).toBe(120);
    expect(offsetAt(zone("India Standard Time"), Date.UTC(2018, 6, 1))).toBe(330);
    expect(offsetAt(zone("AUS Eastern Standard Time"), Date.UTC(2018, 0, 1))).toBe(660);
  });
});

describe("fromUtc", () => {
  it.each([
    ["2018-01-01T08:00:00Z", "Pacific Standard Time", "2018-01-01T00:00:00.000Z unspecified"],
    ["2018-07-01T19:00:00Z", "Pacific Standard Time", "2018-07-01T12:00:00.000Z unspecified"],
    ["2018-07-01T12:00:00Z", "W. Europe Standard Time", "2018-07-01T14:00:00.000Z unspecified"],
    ["2018-07-01T12:00:00", "India Standard Time", "2018-07-01T17:30:00.000Z unspecified"],
    ["2018-07-01T12:00:00", "UTC", "2018-07-01T12:00:00.000Z utc"],
    // 2018-03-11T10:00Z is 03:00 PDT, just after the spring-forward jump.
    ["2018-03-11T10:00:00Z", "Pacific Standard Time", "2018-03-11T03:00:00.000Z unspecified"],
    ["2018-03-11T09:59:59Z", "Pacific Standard Time", "2018-03-11T01:59:59.000Z unspecified"],
  ])("%s in %s", (text, name, expected) => {
    expect(show(fromUtc(at(text), zone(name)))).toBe(expected);
  });

  it("keeps sub-millisecond ticks and leaves the range as undefined", () => {
    expect(fromUtc(at("2018-01-01T00:00:00.1234567Z"), zone("Tokyo Standard Time"))!.subTicks).toBe(
      4567,
    );
    expect(fromUtc(at("9999-12-31T23:00:00Z"), zone("Tokyo Standard Time"))).toBeUndefined();
  });
});

describe("toUtc", () => {
  it.each([
    ["01/01/2018 00:00:00", "Pacific Standard Time", "2018-01-01T08:00:00.000Z utc"],
    ["2018-07-01T12:00:00", "Pacific Standard Time", "2018-07-01T19:00:00.000Z utc"],
    ["2018-07-01T14:00:00", "W. Europe Standard Time", "2018-07-01T12:00:00.000Z utc"],
    ["2018-07-01T12:00:00", "UTC", "2018-07-01T12:00:00.000Z utc"],
    // The reading of a Z timestamp is taken as the zone's clock reading.
    ["2018-01-01T00:00:00Z", "Pacific Standard Time", "2018-01-01T08:00:00.000Z utc"],
  ])("%s in %s", (text, name, expected) => {
    expect(show(toUtc(at(text), zone(name)))).toBe(expected);
  });

  it("rejects a reading skipped by spring-forward, as .NET does", () => {
    expect(toUtc(at("2018-03-11T02:30:00"), zone("Pacific Standard Time"))).toBe("invalid");
    expect(toUtc(at("2018-03-25T02:30:00"), zone("W. Europe Standard Time"))).toBe("invalid");
    expect(show(toUtc(at("2018-03-11T03:00:00"), zone("Pacific Standard Time")))).toBe(
      "2018-03-11T10:00:00.000Z utc",
    );
  });

  it("takes a reading repeated by fall-back as standard time, as .NET does", () => {
    expect(show(toUtc(at("2018-11-04T01:30:00"), zone("Pacific Standard Time")))).toBe(
      "2018-11-04T09:30:00.000Z utc",
    );
    expect(show(toUtc(at("2018-10-28T02:30:00"), zone("W. Europe Standard Time")))).toBe(
      "2018-10-28T01:30:00.000Z utc",
    );
  });

  it("returns undefined beyond the range", () => {
    expect(toUtc(at("0001-01-01T00:00:00"), zone("Tokyo Standard Time"))).toBeUndefined();
  });
});
