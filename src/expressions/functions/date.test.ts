import { describe, expect, it } from "vitest";
import { systemRandom } from "../../core/index.js";
import { evaluate } from "../index.js";
import { lookupFunction } from "./index.js";

/** Runs an expression with the clock at `now` (ISO text). */
function run(expression: string, now = "2018-03-01T00:00:00Z"): unknown {
  return evaluate(expression, { now });
}

function errorCode(expression: string, now?: string): string | undefined {
  try {
    run(expression, now);
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

function call(name: string, ...args: unknown[]): unknown {
  return lookupFunction(name)!.call(args, {
    nowMs: Date.UTC(2018, 3, 15, 13),
    random: systemRandom,
  });
}

describe("documented examples (ADF page; see notes on its typos)", () => {
  it.each([
    // ADF prints "2018-03-25T00:00:0000000Z": a typo (the hour is kept and a '.' is lost).
    ["@addDays('2018-03-15T13:00:00Z', 10)", "2018-03-25T13:00:00.0000000Z"],
    ["@addDays('2018-03-15T00:00:00Z', -5)", "2018-03-10T00:00:00.0000000Z"],
    ["@addHours('2018-03-15T00:00:00Z', 10)", "2018-03-15T10:00:00.0000000Z"],
    ["@addHours('2018-03-15T15:00:00Z', -5)", "2018-03-15T10:00:00.0000000Z"],
    ["@addMinutes('2018-03-15T00:10:00Z', 10)", "2018-03-15T00:20:00.0000000Z"],
    ["@addMinutes('2018-03-15T00:20:00Z', -5)", "2018-03-15T00:15:00.0000000Z"],
    ["@addSeconds('2018-03-15T00:00:00Z', 10)", "2018-03-15T00:00:10.0000000Z"],
    ["@addSeconds('2018-03-15T00:00:30Z', -5)", "2018-03-15T00:00:25.0000000Z"],
    ["@addToTime('2018-01-01T00:00:00Z', 1, 'Day')", "2018-01-02T00:00:00.0000000Z"],
    ["@addToTime('2018-01-01T00:00:00Z', 1, 'Day', 'D')", "Tuesday, January 2, 2018"],
    // ADF prints "2018-01-01T00:00:00Z"; .NET (and the Logic Apps page) give no zone, as convertTimeZone's example.
    [
      "@convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time')",
      "2018-01-01T00:00:00.0000000",
    ],
    [
      "@convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time', 'D')",
      "Monday, January 1, 2018",
    ],
    [
      "@convertTimeZone('2018-01-01T08:00:00.0000000Z', 'UTC', 'Pacific Standard Time')",
      "2018-01-01T00:00:00.0000000",
    ],
    [
      "@convertTimeZone('2018-01-01T08:00:00.0000000Z', 'UTC', 'Pacific Standard Time', 'D')",
      "Monday, January 1, 2018",
    ],
    [
      "@convertToUtc('01/01/2018 00:00:00', 'Pacific Standard Time')",
      "2018-01-01T08:00:00.0000000Z",
    ],
    [
      "@convertToUtc('01/01/2018 00:00:00', 'Pacific Standard Time', 'D')",
      "Monday, January 1, 2018",
    ],
    ["@dayOfMonth('2018-03-15T13:27:36Z')", 15],
    // ADF prints 3; 2018-03-15 was a Thursday, 4 with Sunday = 0 (the Logic Apps page says 4).
    ["@dayOfWeek('2018-03-15T13:27:36Z')", 4],
    ["@dayOfYear('2018-03-15T13:27:36Z')", 74],
    ["@formatDateTime('03/15/2018 12:00:00', 'yyyy-MM-ddTHH:mm:ss')", "2018-03-15T12:00:00"],
    ["@getFutureTime(5, 'Day')", "2018-03-06T00:00:00.0000000Z"],
    ["@getFutureTime(5, 'Day', 'D')", "Tuesday, March 6, 2018"],
    ["@startOfDay('2018-03-15T13:30:30Z')", "2018-03-15T00:00:00.0000000Z"],
    ["@startOfHour('2018-03-15T13:30:30Z')", "2018-03-15T13:00:00.0000000Z"],
    ["@startOfMonth('2018-03-15T13:30:30Z')", "2018-03-01T00:00:00.0000000Z"],
    // ADF prints "2018-01-01T00:00:00:0000000Z" and "Monday, January, 1, 2018": typos.
    ["@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day')", "2018-01-01T00:00:00.0000000Z"],
    ["@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day', 'D')", "Monday, January 1, 2018"],
    ["@utcNow()", "2018-03-01T00:00:00.0000000Z"],
  ])("%s", (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });

  it("getPastTime and utcNow('D') with their documented clocks", () => {
    expect(run("@getPastTime(5, 'Day')", "2018-02-01T00:00:00Z")).toBe(
      "2018-01-27T00:00:00.0000000Z",
    );
    expect(run("@getPastTime(5, 'Day', 'D')", "2018-02-01T00:00:00Z")).toBe(
      "Saturday, January 27, 2018",
    );
    expect(run("@utcNow()", "2018-04-15T13:00:00Z")).toBe("2018-04-15T13:00:00.0000000Z");
    expect(run("@utcNow('D')", "2018-04-15T13:00:00Z")).toBe("Sunday, April 15, 2018");
  });

  it("the ADF page's file-name examples", () => {
    expect(
      run("@concat('Test_', formatDateTime(utcnow(), 'yyyy-dd-MM'))", "2018-03-15T10:00:00Z"),
    ).toBe("Test_2018-15-03");
    expect(
      run(
        "@concat('Test_', convertFromUtc(utcnow(), 'Pacific Standard Time'))",
        "2018-03-15T10:00:00Z",
      ),
    ).toBe("Test_2018-03-15T03:00:00.0000000");
  });
});

describe("ticks", () => {
  it("counts 100-ns intervals since 0001-01-01 exactly, as a bigint past 2^53", () => {
    expect(call("ticks", "2018-01-01T00:00:00Z")).toBe(636503616000000000n);
    expect(call("ticks", "2018-01-01T00:00:00.0000001Z")).toBe(636503616000000001n);
    expect(call("ticks", "0001-01-01T00:00:00Z")).toBe(0);
    expect(call("ticks", "0001-01-01T00:00:00.0000123")).toBe(123);
    expect(call("ticks", "9999-12-31T23:59:59.9999999Z")).toBe(3155378975999999999n);
  });
});

describe("kinds: what the output says about the zone", () => {
  it("keeps Z, prints no zone for zone-less input, converts offsets to UTC", () => {
    expect(run("@addDays('2018-03-15', 1)")).toBe("2018-03-16T00:00:00.0000000");
    expect(run("@addDays('2018-03-15T13:00:00', 1)")).toBe("2018-03-16T13:00:00.0000000");
    expect(run("@formatDateTime('2018-03-15T13:00:00+02:00')")).toBe(
      "2018-03-15T11:00:00.0000000Z",
    );
    expect(run("@formatDateTime('2018-03-15T13:00:00.1234567-05:00')")).toBe(
      "2018-03-15T18:00:00.1234567Z",
    );
    expect(run("@formatDateTime('2018-03-15T13:00:00Z', 'zzz')")).toBe("+00:00");
  });

  it("keeps 7 fraction digits through arithmetic", () => {
    expect(run("@addSeconds('2018-03-15T13:00:00.1234567Z', 1)")).toBe(
      "2018-03-15T13:00:01.1234567Z",
    );
    expect(run("@startOfHour('2018-03-15T13:59:59.9999999Z')")).toBe(
      "2018-03-15T13:00:00.0000000Z",
    );
  });
});

describe("time units", () => {
  it.each([
    ["@addToTime('2018-01-31T10:00:00Z', 1, 'Month')", "2018-02-28T10:00:00.0000000Z"],
    ["@addToTime('2020-01-31T10:00:00Z', 1, 'month')", "2020-02-29T10:00:00.0000000Z"],
    ["@addToTime('2020-02-29T00:00:00Z', 1, 'Year')", "2021-02-28T00:00:00.0000000Z"],
    ["@addToTime('2018-01-01T00:00:00Z', 2, 'Week')", "2018-01-15T00:00:00.0000000Z"],
    ["@addToTime('2018-01-01T00:00:00Z', -1, 'SECOND')", "2017-12-31T23:59:59.0000000Z"],
    ["@addToTime('2018-01-01T00:00:00Z', 90, 'Minute', 'HH:mm')", "01:30"],
    ["@subtractFromTime('2018-03-31T00:00:00Z', 1, 'Month')", "2018-02-28T00:00:00.0000000Z"],
    ["@subtractFromTime('2018-01-01T00:00:00Z', -1, 'Hour')", "2018-01-01T01:00:00.0000000Z"],
    ["@getFutureTime(1, 'Year', 'yyyy')", "2019"],
    ["@getPastTime(1, 'Month', 'yyyy-MM')", "2018-02"],
  ])("%s", (expression, expected) => {
    expect(run(expression)).toBe(expected);
  });

  it("fails with ExpressionArgumentValue for an unknown unit or a result beyond year 9999", () => {
    expect(errorCode("@addToTime('2018-01-01T00:00:00Z', 1, 'Days')")).toBe(
      "ExpressionArgumentValue",
    );
    expect(errorCode("@addToTime('2018-01-01T00:00:00Z', 1, 'Fortnight')")).toBe(
      "ExpressionArgumentValue",
    );
    expect(errorCode("@getFutureTime(1, '')")).toBe("ExpressionArgumentValue");
    expect(errorCode("@addDays('9999-12-31T00:00:00Z', 1)")).toBe("ExpressionArgumentValue");
    expect(errorCode("@addSeconds('0001-01-01T00:00:00Z', -1)")).toBe("ExpressionArgumentValue");
    expect(errorCode("@addToTime('2018-01-01T00:00:00Z', 9000, 'Year')")).toBe(
      "ExpressionArgumentValue",
    );
    expect(errorCode("@addDays('2018-01-01T00:00:00Z', 99999999999999999999)")).toBe(
      "ExpressionArgumentValue",
    );
  });
});

describe("day functions", () => {
  it.each([
    ["@dayOfWeek('2018-04-15')", 0],
    ["@dayOfWeek('2018-04-21T23:59:59Z')", 6],
    ["@dayOfYear('2020-12-31')", 366],
    ["@dayOfYear('2018-01-01T00:00:00Z')", 1],
    ["@dayOfMonth('2020-02-29')", 29],
    ["@dayOfMonth('2018-03-15T23:30:00-02:00')", 16],
  ])("%s", (expression, expected) => {
    expect(run(expression)).toBe(expected);
  });
});

describe("startOf with a format", () => {
  it("applies the format argument", () => {
    expect(run("@startOfDay('2018-03-15T13:30:30Z', 'yyyy-MM-dd HH:mm')")).toBe("2018-03-15 00:00");
    expect(run("@startOfHour('2018-03-15T13:30:30Z', 'HH:mm:ss')")).toBe("13:00:00");
    expect(run("@startOfMonth('2018-03-15T13:30:30Z', 'D')")).toBe("Thursday, March 1, 2018");
    expect(run("@startOfMonth('2018-03-15')")).toBe("2018-03-01T00:00:00.0000000");
  });
});

describe("formatDateTime", () => {
  it.each([
    ["@formatDateTime('2018-03-15T13:00:00Z')", "2018-03-15T13:00:00.0000000Z"],
    ["@formatDateTime('2018-03-15T13:00:00Z', '')", "2018-03-15T13:00:00.0000000Z"],
    ["@formatDateTime('2018-03-15T13:00:00Z', 'yyyy/MM/dd')", "2018/03/15"],
    ["@formatDateTime('2018-03-15T13:00:00Z', 'd')", "3/15/2018"],
    ["@formatDateTime('2018-03-15T13:00:00Z', 'g')", "3/15/2018 1:00 PM"],
    ["@formatDateTime('2018-03-15T13:00:00Z', 'R')", "Thu, 15 Mar 2018 13:00:00 GMT"],
    ["@formatDateTime('2018-03-15T13:00:00Z', 'u')", "2018-03-15 13:00:00Z"],
    ["@formatDateTime('2018-03-15T13:00:00Z', 'dddd, MMM dd \\''yy')", "Thursday, Mar 15 '18"],
    ["@formatDateTime('2018-03-15T13:00:00Z', '''Q''yyyy')", "Q2018"],
    ["@formatDateTime('2018-03-15T13:00:00Z', 'hh:mm tt')", "01:00 PM"],
    ["@formatDateTime('2018-03-15T13:00:00Z', 'd', 'en-US')", "3/15/2018"],
    ["@formatDateTime('2018-03-15T13:00:00Z', 'd', '')", "03/15/2018"],
    ["@formatDateTime('2018-03-15T13:00:00Z', 'D', 'en-us')", "Thursday, March 15, 2018"],
    ["@formatDateTime('Thu, 15 Mar 2018 13:00:00 GMT', 's')", "2018-03-15T13:00:00"],
  ])("%s", (expression, expected) => {
    expect(run(expression)).toBe(expected);
  });

  it("accepts a null format or locale as absent", () => {
    expect(call("formatDateTime", "2018-03-15T13:00:00Z", null)).toBe(
      "2018-03-15T13:00:00.0000000Z",
    );
    expect(call("formatDateTime", "2018-03-15T13:00:00Z", "d", null)).toBe("3/15/2018");
  });

  it("fails with ExpressionBadFormat for invalid formats", () => {
    for (const format of ["x", "K", "ffffffff", "'open", "yyyy\\", "%"]) {
      expect(
        errorCode(`@formatDateTime('2018-03-15T13:00:00Z', '${format.replace(/'/g, "''")}')`),
      ).toBe("ExpressionBadFormat");
    }
    expect(errorCode("@addDays('2018-03-15T13:00:00Z', 1, 'q')")).toBe("ExpressionBadFormat");
    expect(errorCode("@utcNow('Q')")).toBe("ExpressionBadFormat");
  });

  it("fails with ExpressionArgumentValue for a locale Sluice has no data for", () => {
    expect(errorCode("@formatDateTime('2018-03-15T13:00:00Z', 'D', 'de-DE')")).toBe(
      "ExpressionArgumentValue",
    );
  });
});

describe("time zones", () => {
  it.each([
    [
      "@convertFromUtc('2018-07-01T12:00:00Z', 'W. Europe Standard Time')",
      "2018-07-01T14:00:00.0000000",
    ],
    [
      "@convertFromUtc('2018-01-01T12:00:00Z', 'W. Europe Standard Time')",
      "2018-01-01T13:00:00.0000000",
    ],
    ["@convertFromUtc('2018-07-01T12:00:00Z', 'Europe/Berlin')", "2018-07-01T14:00:00.0000000"],
    ["@convertFromUtc('2018-07-01T12:00:00Z', 'UTC')", "2018-07-01T12:00:00.0000000Z"],
    [
      "@convertFromUtc('2018-07-01T12:00:00.1234567Z', 'India Standard Time')",
      "2018-07-01T17:30:00.1234567",
    ],
    [
      "@convertFromUtc('2018-07-01T12:00:00', 'Tokyo Standard Time', 'yyyy-MM-dd HH:mm zzz')",
      "2018-07-01 21:00 +00:00",
    ],
    [
      "@convertToUtc('2018-07-01T12:00:00', 'Pacific Standard Time')",
      "2018-07-01T19:00:00.0000000Z",
    ],
    [
      "@convertToUtc('2018-11-04T01:30:00', 'Pacific Standard Time')",
      "2018-11-04T09:30:00.0000000Z",
    ],
    ["@convertToUtc('2018-07-01T12:00:00', 'UTC')", "2018-07-01T12:00:00.0000000Z"],
    [
      "@convertTimeZone('2018-07-01T12:00:00', 'Pacific Standard Time', 'W. Europe Standard Time')",
      "2018-07-01T21:00:00.0000000",
    ],
    [
      "@convertTimeZone('2018-07-01T12:00:00', 'Pacific Standard Time', 'UTC')",
      "2018-07-01T19:00:00.0000000Z",
    ],
    [
      "@convertTimeZone('2018-07-01T12:00:00', 'Tokyo Standard Time', 'Tokyo Standard Time')",
      "2018-07-01T12:00:00.0000000",
    ],
  ])("%s", (expression, expected) => {
    expect(run(expression)).toBe(expected);
  });

  it("fails with ExpressionBadTimeZone for unknown zones", () => {
    expect(errorCode("@convertFromUtc('2018-01-01T00:00:00Z', 'Mars Standard Time')")).toBe(
      "ExpressionBadTimeZone",
    );
    expect(errorCode("@convertToUtc('2018-01-01T00:00:00Z', '')")).toBe("ExpressionBadTimeZone");
    expect(errorCode("@convertTimeZone('2018-01-01T00:00:00Z', 'UTC', 'Nowhere/City')")).toBe(
      "ExpressionBadTimeZone",
    );
  });

  it("fails with ExpressionArgumentValue for a local time skipped by daylight saving time", () => {
    expect(errorCode("@convertToUtc('2018-03-11T02:30:00', 'Pacific Standard Time')")).toBe(
      "ExpressionArgumentValue",
    );
    expect(
      errorCode("@convertTimeZone('2018-03-25T02:30:00', 'W. Europe Standard Time', 'UTC')"),
    ).toBe("ExpressionArgumentValue");
  });

  it("fails with ExpressionArgumentValue when the conversion leaves the range", () => {
    expect(errorCode("@convertFromUtc('9999-12-31T23:00:00Z', 'Tokyo Standard Time')")).toBe(
      "ExpressionArgumentValue",
    );
    expect(errorCode("@convertToUtc('0001-01-01T00:00:00', 'Tokyo Standard Time')")).toBe(
      "ExpressionArgumentValue",
    );
  });
});

describe("bad arguments", () => {
  it("fails with ExpressionBadTimestamp for strings that are not timestamps", () => {
    for (const text of ["", "hello", "2018-02-30", "2018-03-15T25:00:00", "13:00"]) {
      expect(errorCode(`@addDays('${text}', 1)`)).toBe("ExpressionBadTimestamp");
    }
    expect(errorCode("@ticks('yesterday')")).toBe("ExpressionBadTimestamp");
    expect(errorCode("@dayOfWeek('2018-13-01')")).toBe("ExpressionBadTimestamp");
  });

  it("fails with ExpressionArgumentType for wrong types and null", () => {
    expect(errorCode("@addDays(null, 1)")).toBe("ExpressionArgumentType");
    expect(errorCode("@addDays(20180315, 1)")).toBe("ExpressionArgumentType");
    expect(errorCode("@addDays('2018-03-15T00:00:00Z', '1')")).toBe("ExpressionArgumentType");
    expect(errorCode("@addDays('2018-03-15T00:00:00Z', 1.5)")).toBe("ExpressionArgumentType");
    expect(errorCode("@addDays('2018-03-15T00:00:00Z', null)")).toBe("ExpressionArgumentType");
    expect(errorCode("@addDays('2018-03-15T00:00:00Z', 1, 5)")).toBe("ExpressionArgumentType");
    expect(errorCode("@addToTime('2018-03-15T00:00:00Z', 1, 5)")).toBe("ExpressionArgumentType");
    expect(errorCode("@convertFromUtc('2018-03-15T00:00:00Z', null)")).toBe(
      "ExpressionArgumentType",
    );
    expect(errorCode("@formatDateTime(createArray('2018-03-15'))")).toBe("ExpressionArgumentType");
    expect(errorCode("@getFutureTime('5', 'Day')")).toBe("ExpressionArgumentType");
    expect(errorCode("@formatDateTime('2018-03-15', 'd', 1)")).toBe("ExpressionArgumentType");
  });

  it("fails with ExpressionArgumentCount for too few or too many arguments", () => {
    expect(errorCode("@addDays('2018-03-15T00:00:00Z')")).toBe("ExpressionArgumentCount");
    expect(errorCode("@utcNow('o', 'x')")).toBe("ExpressionArgumentCount");
    expect(errorCode("@ticks()")).toBe("ExpressionArgumentCount");
    expect(errorCode("@convertTimeZone('2018-03-15', 'UTC')")).toBe("ExpressionArgumentCount");
  });

  it("calls are case-insensitive (utcnow, FORMATDATETIME)", () => {
    expect(run("@utcnow('yyyy')")).toBe("2018");
    expect(run("@FORMATDATETIME('2018-03-15', 'MM')")).toBe("03");
  });
});
