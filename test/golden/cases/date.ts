import { adf, la, page, type GoldenCase } from "../golden-case.js";

const dotNote = (printed: string): string =>
  `The doc prints ${printed}, which drops the '.' before the seven fraction digits; its own default format "o" (yyyy-MM-ddTHH:mm:ss.fffffffK) and the Logic Apps page print the '.'.`;
/** The DateTime.Ticks of 1970-01-01T00:00:00Z. */
const unixEpochTicks = 621355968000000000n;
const ticksOf = (iso: string): number => Number(unixEpochTicks + BigInt(Date.parse(iso)) * 10000n);
const ticksNote =
  "Ticks are 100-nanosecond intervals since January 1, 0001 (DateTime.Ticks), per the Logic Apps page; beyond 2^53 the plain result is the nearest double.";
const unitNote =
  'The doc lists the units "Second", "Minute", "Hour", "Day", "Week", "Month", "Year"; result in the default format "o".';

/** Date functions. */
export const dateCases: readonly GoldenCase[] = [
  {
    expression: "@addDays('2018-03-15T13:00:00Z', 10)",
    expected: "2018-03-25T13:00:00.0000000Z",
    source: adf("adddays"),
    note: "The doc prints \"2018-03-25T00:00:0000000Z\": the hour does not match its own input (13:00) and the '.' is missing. The Logic Apps page's version of the example starts from 00:00 (next row).",
  },
  {
    expression: "@addDays('2018-03-15T00:00:00Z', 10)",
    expected: "2018-03-25T00:00:00.0000000Z",
    source: la("adddays"),
  },
  {
    expression: "@addDays('2018-03-15T00:00:00Z', -5)",
    expected: "2018-03-10T00:00:00.0000000Z",
    source: adf("adddays"),
    note: dotNote('"2018-03-10T00:00:0000000Z"'),
  },
  {
    expression: "@addDays('2018-03-15T00:00:00Z', 10, 'D')",
    expected: "Sunday, March 25, 2018",
    source: adf("adddays"),
    note: 'The optional format, "D" as in the addToTime example.',
  },
  {
    expression: "@addHours('2018-03-15T00:00:00Z', 10)",
    expected: "2018-03-15T10:00:00.0000000Z",
    source: adf("addhours"),
    note: dotNote('"2018-03-15T10:00:0000000Z"'),
  },
  {
    expression: "@addHours('2018-03-15T15:00:00Z', -5)",
    expected: "2018-03-15T10:00:00.0000000Z",
    source: adf("addhours"),
    note: dotNote('"2018-03-15T10:00:0000000Z"'),
  },
  {
    expression: "@addHours('2018-03-15T00:00:00Z', 10, 'yyyy-MM-ddTHH:mm:ss')",
    expected: "2018-03-15T10:00:00",
    source: adf("addhours"),
    note: "The optional custom format pattern, as in the formatDateTime example.",
  },
  {
    expression: "@addMinutes('2018-03-15T00:10:00Z', 10)",
    expected: "2018-03-15T00:20:00.0000000Z",
    source: adf("addminutes"),
  },
  {
    expression: "@addMinutes('2018-03-15T00:20:00Z', -5)",
    expected: "2018-03-15T00:15:00.0000000Z",
    source: adf("addminutes"),
  },
  {
    expression: "@addSeconds('2018-03-15T00:00:00Z', 10)",
    expected: "2018-03-15T00:00:10.0000000Z",
    source: adf("addseconds"),
  },
  {
    expression: "@addSeconds('2018-03-15T00:00:30Z', -5)",
    expected: "2018-03-15T00:00:25.0000000Z",
    source: adf("addseconds"),
  },

  {
    expression: "@addToTime('2018-01-01T00:00:00Z', 1, 'Day')",
    expected: "2018-01-02T00:00:00.0000000Z",
    source: adf("addtotime"),
  },
  {
    expression: "@addToTime('2018-01-01T00:00:00Z', 1, 'Day', 'D')",
    expected: "Tuesday, January 2, 2018",
    source: adf("addtotime"),
  },
  {
    expression: "@addToTime('2018-01-01T00:00:00Z', 1, 'Second')",
    expected: "2018-01-01T00:00:01.0000000Z",
    source: adf("addtotime"),
    note: unitNote,
  },
  {
    expression: "@addToTime('2018-01-01T00:00:00Z', 1, 'Minute')",
    expected: "2018-01-01T00:01:00.0000000Z",
    source: adf("addtotime"),
    note: unitNote,
  },
  {
    expression: "@addToTime('2018-01-01T00:00:00Z', 1, 'Hour')",
    expected: "2018-01-01T01:00:00.0000000Z",
    source: adf("addtotime"),
    note: unitNote,
  },
  {
    expression: "@addToTime('2018-01-01T00:00:00Z', 1, 'Week')",
    expected: "2018-01-08T00:00:00.0000000Z",
    source: adf("addtotime"),
    note: unitNote,
  },
  {
    expression: "@addToTime('2018-01-01T00:00:00Z', 1, 'Month')",
    expected: "2018-02-01T00:00:00.0000000Z",
    source: adf("addtotime"),
    note: unitNote,
  },
  {
    expression: "@addToTime('2018-01-01T00:00:00Z', 1, 'Year')",
    expected: "2019-01-01T00:00:00.0000000Z",
    source: adf("addtotime"),
    note: unitNote,
  },

  {
    expression: "@convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time')",
    expected: "2018-01-01T00:00:00.0000000",
    source: adf("convertfromutc"),
    note: 'ADF\'s page prints "2018-01-01T00:00:00Z", which is neither its default format "o" nor the right zone; the Logic Apps page and ADF\'s own convertTimeZone example print this value.',
  },
  {
    expression: "@convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time', 'D')",
    expected: "Monday, January 1, 2018",
    source: adf("convertfromutc"),
  },
  {
    expression: "@convertTimeZone('2018-01-01T08:00:00.0000000Z', 'UTC', 'Pacific Standard Time')",
    expected: "2018-01-01T00:00:00.0000000",
    source: adf("converttimezone"),
  },
  {
    expression:
      "@convertTimeZone('2018-01-01T08:00:00.0000000Z', 'UTC', 'Pacific Standard Time', 'D')",
    expected: "Monday, January 1, 2018",
    source: adf("converttimezone"),
  },
  {
    expression: "@convertToUtc('01/01/2018 00:00:00', 'Pacific Standard Time')",
    expected: "2018-01-01T08:00:00.0000000Z",
    source: adf("converttoutc"),
  },
  {
    expression: "@convertToUtc('01/01/2018 00:00:00', 'Pacific Standard Time', 'D')",
    expected: "Monday, January 1, 2018",
    source: adf("converttoutc"),
  },

  { expression: "@dayOfMonth('2018-03-15T13:27:36Z')", expected: 15, source: adf("dayofmonth") },
  {
    expression: "@dayOfWeek('2018-03-15T13:27:36Z')",
    expected: 4,
    source: la("dayofweek"),
    note: "ADF's page prints 3, but 2018-03-15 is a Thursday and both pages say Sunday is 0, Monday is 1; the Logic Apps page prints 4.",
  },
  { expression: "@dayOfYear('2018-03-15T13:27:36Z')", expected: 74, source: adf("dayofyear") },

  {
    expression: "@formatDateTime('03/15/2018 12:00:00', 'yyyy-MM-ddTHH:mm:ss')",
    expected: "2018-03-15T12:00:00",
    source: adf("formatdatetime"),
  },
  {
    expression: "@formatDateTime('2017-06-01T22:20:00.4061448Z')",
    expected: "2017-06-01T22:20:00.4061448Z",
    source: adf("formatdatetime"),
    note: 'Default format "o" keeps the seven fraction digits and the time zone; timestamp from the system variables page.',
  },

  {
    expression: "@getFutureTime(5, 'Day')",
    scope: { now: "2018-03-01T00:00:00.0000000Z" },
    expected: "2018-03-06T00:00:00.0000000Z",
    source: adf("getfuturetime"),
  },
  {
    expression: "@getFutureTime(5, 'Day', 'D')",
    scope: { now: "2018-03-01T00:00:00.0000000Z" },
    expected: "Tuesday, March 6, 2018",
    source: adf("getfuturetime"),
  },
  {
    expression: "@getFutureTime(1, 'Week')",
    scope: { now: "2018-03-01T00:00:00.0000000Z" },
    expected: "2018-03-08T00:00:00.0000000Z",
    source: adf("getfuturetime"),
    note: unitNote,
  },
  {
    expression: "@getFutureTime(1, 'Month')",
    scope: { now: "2018-03-01T00:00:00.0000000Z" },
    expected: "2018-04-01T00:00:00.0000000Z",
    source: adf("getfuturetime"),
    note: unitNote,
  },
  {
    expression: "@getPastTime(5, 'Day')",
    scope: { now: "2018-02-01T00:00:00.0000000Z" },
    expected: "2018-01-27T00:00:00.0000000Z",
    source: adf("getpasttime"),
  },
  {
    expression: "@getPastTime(5, 'Day', 'D')",
    scope: { now: "2018-02-01T00:00:00.0000000Z" },
    expected: "Saturday, January 27, 2018",
    source: adf("getpasttime"),
  },
  {
    expression: "@getPastTime(2, 'Hour')",
    scope: { now: "2018-02-01T00:00:00.0000000Z" },
    expected: "2018-01-31T22:00:00.0000000Z",
    source: adf("getpasttime"),
    note: unitNote,
  },
  {
    expression: "@getPastTime(1, 'Year')",
    scope: { now: "2018-02-01T00:00:00.0000000Z" },
    expected: "2017-02-01T00:00:00.0000000Z",
    source: adf("getpasttime"),
    note: unitNote,
  },

  {
    expression: "@startOfDay('2018-03-15T13:30:30Z')",
    expected: "2018-03-15T00:00:00.0000000Z",
    source: adf("startofday"),
  },
  {
    expression: "@startOfHour('2018-03-15T13:30:30Z')",
    expected: "2018-03-15T13:00:00.0000000Z",
    source: adf("startofhour"),
  },
  {
    expression: "@startOfMonth('2018-03-15T13:30:30Z')",
    expected: "2018-03-01T00:00:00.0000000Z",
    source: adf("startofmonth"),
  },
  {
    expression: "@startOfMonth('2018-03-15T13:30:30Z', 'yyyy-MM-dd')",
    expected: "2018-03-01",
    source: la("startofmonth"),
  },

  {
    expression: "@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day')",
    expected: "2018-01-01T00:00:00.0000000Z",
    source: adf("subtractfromtime"),
    note: "ADF's page prints \"2018-01-01T00:00:00:0000000Z\" (':' for '.'); the Logic Apps page prints this value.",
  },
  {
    expression: "@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day', 'D')",
    expected: "Monday, January 1, 2018",
    source: adf("subtractfromtime"),
    note: 'Both pages print "Monday, January, 1, 2018" with a stray comma; "D" prints "Monday, January 1, 2018" in the convertFromUtc and convertToUtc examples.',
  },
  {
    expression: "@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Second')",
    expected: "2018-01-01T23:59:59.0000000Z",
    source: adf("subtractfromtime"),
    note: unitNote,
  },
  {
    expression: "@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Minute')",
    expected: "2018-01-01T23:59:00.0000000Z",
    source: adf("subtractfromtime"),
    note: unitNote,
  },
  {
    expression: "@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Hour')",
    expected: "2018-01-01T23:00:00.0000000Z",
    source: adf("subtractfromtime"),
    note: unitNote,
  },
  {
    expression: "@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Week')",
    expected: "2017-12-26T00:00:00.0000000Z",
    source: adf("subtractfromtime"),
    note: unitNote,
  },
  {
    expression: "@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Month')",
    expected: "2017-12-02T00:00:00.0000000Z",
    source: adf("subtractfromtime"),
    note: unitNote,
  },
  {
    expression: "@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Year')",
    expected: "2017-01-02T00:00:00.0000000Z",
    source: adf("subtractfromtime"),
    note: unitNote,
  },

  {
    expression: "@ticks('0001-01-01T00:00:00Z')",
    expected: 0,
    source: la("ticks"),
    note: ticksNote,
  },
  {
    expression: "@ticks('1970-01-01T00:00:00Z')",
    expected: Number(unixEpochTicks),
    source: la("ticks"),
    note: ticksNote,
  },
  {
    expression: "@ticks('2018-03-15T13:27:36Z')",
    expected: ticksOf("2018-03-15T13:27:36Z"),
    source: adf("ticks"),
    note: ticksNote,
  },

  {
    expression: "@utcNow()",
    scope: { now: "2018-04-15T13:00:00Z" },
    expected: "2018-04-15T13:00:00.0000000Z",
    source: adf("utcnow"),
  },
  {
    expression: "@utcNow('D')",
    scope: { now: "2018-04-15T13:00:00Z" },
    expected: "Sunday, April 15, 2018",
    source: adf("utcnow"),
  },
  {
    expression: "@utcnow()",
    scope: { now: "2018-04-15T13:00:00Z" },
    expected: "2018-04-15T13:00:00.0000000Z",
    source: adf("complex-expression-example"),
    note: "The page's own file-name examples call it utcnow().",
  },
  {
    expression: "@startOfHour('2017-06-01T22:20:00.4061448Z')",
    expected: "2017-06-01T22:00:00.0000000Z",
    source: page("data-factory/control-flow-system-variables.md", "pipeline-scope"),
    note: 'Trigger times carry seven fraction digits ("2017-06-01T22:20:00.4061448Z"); startOfHour as in the functions page.',
  },
];
