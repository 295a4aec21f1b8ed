import { describe, expect, it } from "vitest";
import { attemptDeadline, nextAttempt, resolvePolicy, timeoutFailure } from "./activity-policy.js";
import { formatTimeSpan, parseTimeSpan } from "./time-span.js";

const where = "activities[0]";

describe("timespans", () => {
  const field = { field: "x.timeout", maxMs: 7 * 86_400_000, maxText: "7 days" };

  it("reads d.hh:mm:ss and hh:mm:ss, with 60 allowed as ADF's pattern does", () => {
    expect(parseTimeSpan("0.12:00:00", field)).toBe(12 * 3_600_000);
    expect(parseTimeSpan("00:10:00", field)).toBe(600_000);
    expect(parseTimeSpan("1.00:00:30", field)).toBe(86_400_000 + 30_000);
    expect(parseTimeSpan("00:00:60", field)).toBe(60_000);
    expect(parseTimeSpan("7.00:00:00", field)).toBe(7 * 86_400_000);
  });

  it("rejects malformed values and values over the maximum, naming field and value", () => {
    expect(() => parseTimeSpan("10 minutes", field)).toThrow(
      /x\.timeout is '10 minutes'.*d\.hh:mm:ss/,
    );
    expect(() => parseTimeSpan("00:61:00", field)).toThrow(/not a timespan/);
    expect(() => parseTimeSpan(600, field)).toThrow(/not a timespan/);
    expect(() => parseTimeSpan("7.00:00:01", field)).toThrow(/maximum of 7 days/);
  });

  it("formats as ADF writes timespans", () => {
    expect(formatTimeSpan(600_000)).toBe("00:10:00");
    expect(formatTimeSpan(86_400_000 + 3_723_000)).toBe("1.01:02:03");
  });
});

describe("resolvePolicy", () => {
  it("applies ADF's defaults: 12 hours, no retry, 30 s interval, not secure", () => {
    expect(resolvePolicy(undefined, where)).toEqual({
      timeoutMs: 12 * 3_600_000,
      retry: 0,
      retryIntervalMs: 30_000,
      secureInput: false,
      secureOutput: false,
    });
  });

  it("reads the documented example and numeric text from a resolved expression", () => {
    const policy = resolvePolicy(
      { timeout: "00:10:00", retry: "2", retryIntervalInSeconds: 60, secureOutput: true },
      where,
    );
    expect(policy).toMatchObject({
      timeoutMs: 600_000,
      retry: 2,
      retryIntervalMs: 60_000,
      secureOutput: true,
    });
  });

  it("accepts what deployed factories contain even where the portal is stricter", () => {
    expect(resolvePolicy({ timeout: "00:00:05", retryIntervalInSeconds: 0 }, where)).toMatchObject({
      timeoutMs: 5000,
      retryIntervalMs: 0,
    });
  });

  it("rejects bad values with the JSON path", () => {
    expect(() => resolvePolicy({ retry: -1 }, where)).toThrow(/activities\[0\]\.policy\.retry/);
    expect(() => resolvePolicy({ retry: 1.5 }, where)).toThrow(/whole number/);
    expect(() => resolvePolicy({ retryIntervalInSeconds: 86_401 }, where)).toThrow(/0 to 86400/);
    expect(() => resolvePolicy({ timeout: "8.00:00:00" }, where)).toThrow(/policy\.timeout/);
  });
});

describe("nextAttempt", () => {
  const policy = resolvePolicy({ retry: 2, retryIntervalInSeconds: 45 }, where);

  it("retries after the interval while retries remain, then fails", () => {
    expect(nextAttempt(0, {}, policy, 1000)).toEqual({
      kind: "retry",
      retryAttempt: 1,
      atMs: 46_000,
    });
    expect(nextAttempt(1, {}, policy, 50_000)).toEqual({
      kind: "retry",
      retryAttempt: 2,
      atMs: 95_000,
    });
    expect(nextAttempt(2, {}, policy, 99_000)).toEqual({ kind: "fail" });
  });

  it("fails at once without retries, or for a failure that retrying cannot fix", () => {
    expect(nextAttempt(0, {}, resolvePolicy({}, where), 0)).toEqual({ kind: "fail" });
    expect(nextAttempt(0, { retryable: false }, policy, 0)).toEqual({ kind: "fail" });
  });

  it("each attempt gets the full timeout; a timeout is reported as ActionTimedOut", () => {
    const short = resolvePolicy({ timeout: "00:10:00" }, where);
    expect(attemptDeadline(5000, short)).toBe(605_000);
    expect(timeoutFailure("Copy1", short.timeoutMs)).toEqual({
      errorCode: "ActionTimedOut",
      message: "Activity 'Copy1' timed out after 00:10:00 (policy.timeout).",
      failureType: "UserError",
      target: "Copy1",
    });
  });
});
