import { describe, expect, it } from "vitest";
import { systemRandom } from "../../core/index.js";
import { ExpressionError, evaluate } from "../index.js";
import { lookupFunction } from "./index.js";

/**
 * Facts about the date functions: what Microsoft's pages state, what .NET's DateTime does
 * (ADF's engine is .NET; its pages send the format parameter to .NET's format docs), and what
 * microsoft/data-factory-testing-framework's tests record (.NET DateTime under pythonnet,
 * parsed with the invariant culture and RoundtripKind). Each row: an expression and either
 * its result (`@{...}` rows give the engine's string) or `fails` (any ExpressionError).
 * Sources are cited per group; only their facts are used, never their code.
 */

const fails = Symbol("fails");
type Row = readonly [expression: string, expected: unknown];

function check([expression, expected]: Row): void {
  if (expected === fails) {
    expect(() => evaluate(expression)).toThrow(ExpressionError);
  } else {
    expect(evaluate(expression)).toEqual(expected);
  }
}

const ts = "2023-11-24T12:11:49.7531321Z";

// data-factory-testing-framework: tests/unit/functions/test_functions_date_functions.py.
const frameworkArithmetic: readonly Row[] = [
  ["@{ticks('2023-11-24T12:11:54.753132')}", "638364247147531320"],
  ["@{ticks('2023-11-24T00:00:00')}", "638363808000000000"],
  [`@addSeconds('${ts}', -5)`, "2023-11-24T12:11:44.7531321Z"],
  [`@addSeconds('${ts}', 125)`, "2023-11-24T12:13:54.7531321Z"],
  [`@addSeconds('${ts}', 3601)`, "2023-11-24T13:11:50.7531321Z"],
  [`@addSeconds('${ts}', 86400)`, "2023-11-25T12:11:49.7531321Z"],
  [`@addMinutes('${ts}', -5)`, "2023-11-24T12:06:49.7531321Z"],
  [`@addMinutes('${ts}', 125)`, "2023-11-24T14:16:49.7531321Z"],
  [`@addHours('${ts}', -2)`, "2023-11-24T10:11:49.7531321Z"],
  [`@addHours('${ts}', 3)`, "2023-11-24T15:11:49.7531321Z"],
  [`@addDays('${ts}', -1)`, "2023-11-23T12:11:49.7531321Z"],
  [`@addDays('${ts}', 2)`, "2023-11-26T12:11:49.7531321Z"],
  [`@addDays('${ts}', 30)`, "2023-12-24T12:11:49.7531321Z"],
  [`@startOfDay('${ts}')`, "2023-11-24T00:00:00.0000000Z"],
  ["@startOfDay('2024-01-05T23:59:49.7531321Z')", "2024-01-05T00:00:00.0000000Z"],
  [`@startOfHour('${ts}')`, "2023-11-24T12:00:00.0000000Z"],
  ["@startOfHour('2024-01-05T23:59:49.7531321Z')", "2024-01-05T23:00:00.0000000Z"],
  [`@startOfMonth('${ts}')`, "2023-11-01T00:00:00.0000000Z"],
  ["@startOfMonth('2024-01-05T23:59:49.7531321Z')", "2024-01-01T00:00:00.0000000Z"],
  ["@formatDateTime('2023-11-24T12:11:49')", "2023-11-24T12:11:49.0000000"],
  [`@dayOfWeek('${ts}')`, 5],
  ["@dayOfWeek('2024-01-04T23:59:49.7531321Z')", 4],
  ["@dayOfWeek('2024-05-17T23:59:49.7531321Z')", 5],
  [`@dayOfMonth('${ts}')`, 24],
  ["@dayOfMonth('2024-01-04T23:59:49.7531321Z')", 4],
  ["@dayOfMonth('2024-05-17T23:59:49.7531321Z')", 17],
  [`@dayOfYear('${ts}')`, 328],
  ["@dayOfYear('2024-01-04T23:59:49.7531321Z')", 4],
  ["@dayOfYear('2024-05-17T23:59:49.7531321Z')", 138],
  [`@addToTime('${ts}', 5, 'Unknown')`, fails],
];

// The same file: addToTime, subtractFromTime, getFutureTime and getPastTime, by unit.
const byUnit: readonly (readonly [unit: string, minusOne: string, plusFive: string])[] = [
  ["Second", "2023-11-24T12:11:48.7531321Z", "2023-11-24T12:11:54.7531321Z"],
  ["Minute", "2023-11-24T12:10:49.7531321Z", "2023-11-24T12:16:49.7531321Z"],
  ["Hour", "2023-11-24T11:11:49.7531321Z", "2023-11-24T17:11:49.7531321Z"],
  ["Day", "2023-11-23T12:11:49.7531321Z", "2023-11-29T12:11:49.7531321Z"],
  ["Week", "2023-11-17T12:11:49.7531321Z", "2023-12-29T12:11:49.7531321Z"],
  ["Month", "2023-10-24T12:11:49.7531321Z", "2024-04-24T12:11:49.7531321Z"],
  ["Year", "2022-11-24T12:11:49.7531321Z", "2028-11-24T12:11:49.7531321Z"],
];
const frameworkUnits: readonly Row[] = byUnit.flatMap(([unit, minusOne, plusFive]) => [
  [`@addToTime('${ts}', -1, '${unit}')`, minusOne],
  [`@addToTime('${ts}', 5, '${unit}')`, plusFive],
  [`@subtractFromTime('${ts}', 1, '${unit}')`, minusOne],
  [`@subtractFromTime('${ts}', -5, '${unit}')`, plusFive],
]);

// The same file: time zones (Windows IDs; results name no zone, UTC input implied).
const frameworkZones: readonly Row[] = [
  [`@convertFromUtc('${ts}', 'SA Western Standard Time')`, "2023-11-24T08:11:49.7531321"],
  [`@convertFromUtc('${ts}', 'GMT Standard Time')`, "2023-11-24T12:11:49.7531321"],
  [`@convertFromUtc('${ts}', 'W. Europe Standard Time')`, "2023-11-24T13:11:49.7531321"],
  [
    "@convertTimeZone('2023-11-24T12:11:49.7531321', 'SA Western Standard Time', 'W. Europe Standard Time')",
    "2023-11-24T17:11:49.7531321",
  ],
  [
    "@convertToUtc('2023-11-24T12:11:49.7531321', 'W. Europe Standard Time')",
    "2023-11-24T11:11:49.7531321Z",
  ],
];

// Logic Apps page (workflow-definition-language-functions-reference.md): convertFromUtc
// names no zone; dayOfWeek of a Thursday is 4 (Sunday is 0, also on ADF's page); ticks
// count from 0001-01-01; startOfMonth with a format; ADF's page: zone names "might have to
// remove any punctuation".
const logicAppsPage: readonly Row[] = [
  [
    "@convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time')",
    "2018-01-01T00:00:00.0000000",
  ],
  ["@dayOfWeek('2018-03-15T13:27:36Z')", 4],
  ["@dayOfWeek('2018-03-18T13:27:36Z')", 0],
  ["@ticks('0001-01-01T00:00:00Z')", 0],
  ["@{ticks('2018-01-01T00:00:00Z')}", "636503616000000000"],
  ["@{ticks('9999-12-31T23:59:59.9999999Z')}", "3155378975999999999"],
  ["@startOfMonth('2018-03-15T13:30:30Z', 'yyyy-MM-dd')", "2018-03-01"],
  [`@convertFromUtc('${ts}', 'W Europe Standard Time')`, "2023-11-24T13:11:49.7531321"],
];

// .NET "Standard date and time format strings" (linked from the format parameter on both
// pages), its 2009-06-15T13:45:30 examples in en-US, ADF's default culture (the pages'
// "D" results are en-US's long date); "r", "s", "u" do not convert a DateTime.
const at = "2009-06-15T13:45:30Z";
const standardFormats: readonly Row[] = [
  [`@formatDateTime('${at}', 'd')`, "6/15/2009"],
  [`@formatDateTime('${at}', 'D')`, "Monday, June 15, 2009"],
  [`@formatDateTime('${at}', 'f')`, "Monday, June 15, 2009 1:45 PM"],
  [`@formatDateTime('${at}', 'F')`, "Monday, June 15, 2009 1:45:30 PM"],
  [`@formatDateTime('${at}', 'g')`, "6/15/2009 1:45 PM"],
  [`@formatDateTime('${at}', 'G')`, "6/15/2009 1:45:30 PM"],
  [`@formatDateTime('${at}', 'M')`, "June 15"],
  [`@formatDateTime('${at}', 'm')`, "June 15"],
  [`@formatDateTime('${at}', 'o')`, "2009-06-15T13:45:30.0000000Z"],
  [`@formatDateTime('${at}', 'O')`, "2009-06-15T13:45:30.0000000Z"],
  ["@formatDateTime('2009-06-15T13:45:30', 'o')", "2009-06-15T13:45:30.0000000"],
  [`@formatDateTime('${at}', 'r')`, "Mon, 15 Jun 2009 13:45:30 GMT"],
  [`@formatDateTime('${at}', 'R')`, "Mon, 15 Jun 2009 13:45:30 GMT"],
  [`@formatDateTime('${at}', 's')`, "2009-06-15T13:45:30"],
  [`@formatDateTime('${at}', 't')`, "1:45 PM"],
  [`@formatDateTime('${at}', 'T')`, "1:45:30 PM"],
  [`@formatDateTime('${at}', 'u')`, "2009-06-15 13:45:30Z"],
  [`@formatDateTime('${at}', 'U')`, "Monday, June 15, 2009 1:45:30 PM"],
  [`@formatDateTime('${at}', 'Y')`, "June 2009"],
  [`@formatDateTime('${at}', 'y')`, "June 2009"],
  [`@formatDateTime('${at}', 'D', '')`, "Monday, 15 June 2009"],
  [`@formatDateTime('${at}', 'g', 'en-US')`, "6/15/2009 1:45 PM"],
  [`@formatDateTime('${at}', 'x')`, fails],
  [`@formatDateTime('${at}', 'K')`, fails],
];

// .NET "Custom date and time format strings": its 2008-08-29T19:27:15.018 examples.
const when = "2008-08-29T19:27:15.018";
const customFormats: readonly Row[] = [
  [`@formatDateTime('${when}', 'hh:mm:ss.f')`, "07:27:15.0"],
  [`@formatDateTime('${when}', 'hh:mm:ss.F')`, "07:27:15"],
  [`@formatDateTime('${when}', 'hh:mm:ss.ff')`, "07:27:15.01"],
  [`@formatDateTime('${when}', 'hh:mm:ss.FF')`, "07:27:15.01"],
  [`@formatDateTime('${when}', 'hh:mm:ss.fff')`, "07:27:15.018"],
  [`@formatDateTime('${when}', 'hh:mm:ss.FFF')`, "07:27:15.018"],
  [`@formatDateTime('${when}', 'd, M')`, "29, 8"],
  [`@formatDateTime('${when}', 'd MMMM')`, "29 August"],
  [`@formatDateTime('${when}', 'h:mm:ss tt')`, "7:27:15 PM"],
  [`@formatDateTime('${when}', 'ddd, MMM dd yy')`, "Fri, Aug 29 08"],
  [`@formatDateTime('${when}', 'dddd')`, "Friday"],
  [`@formatDateTime('${when}', '%d')`, "29"],
  [`@formatDateTime('${when}', 'yyyyMMdd')`, "20080829"],
  ["@formatDateTime('2008-08-29T19:27:15.1000000Z', 'HH:mm:ss.FFF')", "19:27:15.1"],
  // K: "Z" for a UTC DateTime, nothing for an unspecified one; zzz: the server's (UTC) offset.
  ["@formatDateTime('2008-08-29T19:27:15Z', 'yyyy-MM-ddTHH:mm:ssK')", "2008-08-29T19:27:15Z"],
  ["@formatDateTime('2008-08-29T19:27:15', 'yyyy-MM-ddTHH:mm:ssK')", "2008-08-29T19:27:15"],
  ["@formatDateTime('2008-08-29T19:27:15Z', 'HH:mm zzz')", "19:27 +00:00"],
];

// .NET DateTime.Parse with AdjustToUniversal (UTC server): `Z` or an offset gives a UTC
// instant (an offset is converted); no zone stays without one through every function (the
// framework's rows above agree), and counts as UTC for convertFromUtc
// (TimeZoneInfo.ConvertTimeFromUtc reads an unspecified time as UTC).
const zoneKinds: readonly Row[] = [
  ["@formatDateTime('2018-03-15T13:00:00+02:00')", "2018-03-15T11:00:00.0000000Z"],
  ["@formatDateTime('2018-03-15T13:00:00-05:30')", "2018-03-15T18:30:00.0000000Z"],
  ["@addDays('2018-03-15T13:00:00+02:00', 1)", "2018-03-16T11:00:00.0000000Z"],
  ["@addDays('2018-03-15T13:00:00', 1)", "2018-03-16T13:00:00.0000000"],
  ["@addDays('2018-03-15', 1)", "2018-03-16T00:00:00.0000000"],
  ["@startOfMonth('2018-01-31T23:59:59')", "2018-01-01T00:00:00.0000000"],
  ["@startOfDay('2018-03-15T01:30:00+05:00')", "2018-03-14T00:00:00.0000000Z"],
  ["@convertFromUtc('2018-03-15T13:00:00', 'India Standard Time')", "2018-03-15T18:30:00.0000000"],
  [
    "@convertFromUtc('2018-03-15T13:00:00+02:00', 'China Standard Time')",
    "2018-03-15T19:00:00.0000000",
  ],
  ["@convertFromUtc('2018-03-15T13:00:00Z', 'UTC')", "2018-03-15T13:00:00.0000000Z"],
  ["@convertToUtc('2018-03-15T13:00:00', 'UTC')", "2018-03-15T13:00:00.0000000Z"],
  ["@convertToUtc('2018-03-15T13:00:00', 'India Standard Time')", "2018-03-15T07:30:00.0000000Z"],
];

// .NET AddMonths/AddYears (the day clamps to the target month), AddDays with negative and
// weekly amounts; 2020 is a leap year, 2018 is not.
const calendar: readonly Row[] = [
  ["@addToTime('2018-01-31T00:00:00Z', 1, 'Month')", "2018-02-28T00:00:00.0000000Z"],
  ["@addToTime('2020-01-31T00:00:00Z', 1, 'Month')", "2020-02-29T00:00:00.0000000Z"],
  ["@addToTime('2020-02-29T00:00:00Z', 1, 'Year')", "2021-02-28T00:00:00.0000000Z"],
  ["@addToTime('2020-02-29T00:00:00Z', 4, 'Year')", "2024-02-29T00:00:00.0000000Z"],
  ["@subtractFromTime('2018-03-31T00:00:00Z', 1, 'Month')", "2018-02-28T00:00:00.0000000Z"],
  ["@subtractFromTime('2018-03-01T00:00:00Z', 1, 'Day')", "2018-02-28T00:00:00.0000000Z"],
  ["@subtractFromTime('2020-03-01T00:00:00Z', 1, 'Day')", "2020-02-29T00:00:00.0000000Z"],
  ["@addDays('2018-12-31T23:00:00Z', 1)", "2019-01-01T23:00:00.0000000Z"],
  ["@addHours('2018-01-01T00:00:00Z', -1)", "2017-12-31T23:00:00.0000000Z"],
  ["@addToTime('2018-01-01T00:00:00Z', -2, 'Week')", "2017-12-18T00:00:00.0000000Z"],
  ["@startOfMonth('2018-01-31T23:59:59.9999999Z')", "2018-01-01T00:00:00.0000000Z"],
  ["@dayOfYear('2020-12-31T00:00:00Z')", 366],
  ["@dayOfYear('2019-12-31T00:00:00Z')", 365],
  ["@addToTime('2018-01-01T00:00:00Z', 1, 'day')", "2018-01-02T00:00:00.0000000Z"],
  ["@addToTime('2018-01-01T00:00:00Z', 1, 'Days')", fails],
  ["@addDays('9999-12-31T00:00:00Z', 1)", fails],
  ["@addDays('not a timestamp', 1)", fails],
];

// Windows time zones (offsets and daylight saving as Windows and IANA agree for these
// years); .NET TimeZoneInfo: an ambiguous local time is standard time, a skipped one fails.
const timeZones: readonly Row[] = [
  ["@convertFromUtc('2018-07-01T12:00:00Z', 'GMT Standard Time')", "2018-07-01T13:00:00.0000000"],
  [
    "@convertFromUtc('2018-07-01T12:00:00Z', 'Greenwich Standard Time')",
    "2018-07-01T12:00:00.0000000",
  ],
  [
    "@convertFromUtc('2018-07-01T12:00:00Z', 'W. Europe Standard Time')",
    "2018-07-01T14:00:00.0000000",
  ],
  [
    "@convertFromUtc('2018-01-01T12:00:00Z', 'China Standard Time', 'yyyy-MM-dd HH:mm')",
    "2018-01-01 20:00",
  ],
  [
    "@convertTimeZone('2018-06-01T12:00:00', 'Eastern Standard Time', 'Tokyo Standard Time')",
    "2018-06-02T01:00:00.0000000",
  ],
  [
    "@convertFromUtc('2018-03-11T09:59:59Z', 'Pacific Standard Time')",
    "2018-03-11T01:59:59.0000000",
  ],
  [
    "@convertFromUtc('2018-03-11T10:00:00Z', 'Pacific Standard Time')",
    "2018-03-11T03:00:00.0000000",
  ],
  [
    "@convertFromUtc('2018-03-25T01:00:00Z', 'W. Europe Standard Time')",
    "2018-03-25T03:00:00.0000000",
  ],
  [
    "@convertFromUtc('2018-10-28T01:00:00Z', 'Romance Standard Time')",
    "2018-10-28T02:00:00.0000000",
  ],
  ["@convertToUtc('2018-11-04T01:30:00', 'Pacific Standard Time')", "2018-11-04T09:30:00.0000000Z"],
  ["@convertToUtc('2018-03-11T02:30:00', 'Pacific Standard Time')", fails],
  ["@convertFromUtc('2018-07-01T12:00:00Z', 'Nowhere Standard Time')", fails],
];

describe("engine facts: dates (data-factory-testing-framework)", () => {
  it.each([...frameworkArithmetic, ...frameworkUnits, ...frameworkZones])("%s", (e, r) =>
    check([e, r]),
  );
});

describe("engine facts: dates (Logic Apps and ADF pages)", () => {
  it.each(logicAppsPage)("%s", (e, r) => check([e, r]));
});

describe("engine facts: .NET formats linked from the pages", () => {
  it.each([...standardFormats, ...customFormats])("%s", (e, r) => check([e, r]));
});

describe("engine facts: zone kinds, calendar arithmetic, time zones", () => {
  it.each([...zoneKinds, ...calendar, ...timeZones])("%s", (e, r) => check([e, r]));
});

// The same framework file: utcNow and getFutureTime/getPastTime with the clock at
// 2023-11-24T12:11:54.7531321Z / 12:11:49.7531321Z keep all 7 fraction digits. Called with
// a context that carries the ticks below the millisecond (`nowSubTicks`), as evaluate() is
// to pass them from scope.now.
describe("engine facts: the clock keeps 100-ns ticks", () => {
  const clock = (iso: string, subTicks: number) => ({
    nowMs: Date.parse(iso),
    nowSubTicks: subTicks,
    random: systemRandom,
  });
  const call = (name: string, context: ReturnType<typeof clock>, ...args: unknown[]) =>
    lookupFunction(name)!.call(args, context);

  it("utcNow", () => {
    const context = clock("2023-11-24T12:11:54.753Z", 1321);
    expect(call("utcNow", context)).toBe("2023-11-24T12:11:54.7531321Z");
    expect(call("utcNow", context, "HH:mm:ss.fffffff")).toBe("12:11:54.7531321");
  });

  it.each(byUnit)("getFutureTime / getPastTime by %s", (unit, minusOne, plusFive) => {
    const context = clock("2023-11-24T12:11:49.753Z", 1321);
    expect(call("getFutureTime", context, -1, unit)).toBe(minusOne);
    expect(call("getFutureTime", context, 5, unit)).toBe(plusFive);
    expect(call("getPastTime", context, 1, unit)).toBe(minusOne);
    expect(call("getPastTime", context, -5, unit)).toBe(plusFive);
  });

  it("a context without sub-millisecond ticks prints zeros", () => {
    const context = { nowMs: Date.parse("2018-04-15T13:00:00Z"), random: systemRandom };
    expect(lookupFunction("utcNow")!.call([], context)).toBe("2018-04-15T13:00:00.0000000Z");
  });
});
