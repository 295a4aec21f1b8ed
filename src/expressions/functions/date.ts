import {
  dayOfYearOf,
  fieldsOf,
  makeTimestamp,
  ticksOf,
  type Timestamp,
} from "../datetime/timestamp.js";
import { startOfDay, startOfHour, startOfMonth, type TimeUnit } from "../datetime/time-units.js";
import { fromUtc, toUtc, type TimeZone } from "../datetime/time-zones.js";
import { fail } from "../expression-error.js";
import { makeInteger } from "../values.js";
import { expectSafeInteger } from "./argument-checks.js";
import {
  expectTimestamp,
  expectTimeUnit,
  expectTimeZone,
  inRange,
  optionalCulture,
  optionalFormat,
  render,
  shiftTime,
} from "./date-arguments.js";
import {
  defineFunction,
  type FunctionContext,
  type FunctionDefinition,
} from "./function-definition.js";

/**
 * ADF's date functions. Timestamps are strings, parsed as .NET's DateTime.Parse reads
 * them and printed by default in the round-trip format `o` (7 fraction digits; `Z` when
 * the input named UTC or an offset, nothing when it named no zone). See
 * docs/expressions-functions.md, "Date functions", for the decisions where ADF's docs are
 * unclear.
 */

/** addDays, addHours, ...: (timestamp, amount, format?). */
function addFixed(name: string, unit: TimeUnit): FunctionDefinition {
  return defineFunction(name, 2, 3, (args) => {
    const ts = expectTimestamp(name, args, 0);
    const amount = expectSafeInteger(name, args, 1);
    return render(name, shiftTime(name, ts, amount, unit), optionalFormat(name, args, 2));
  });
}

/** addToTime and subtractFromTime: (timestamp, interval, unit, format?). */
function addUnits(name: string, sign: 1 | -1): FunctionDefinition {
  return defineFunction(name, 3, 4, (args) => {
    const ts = expectTimestamp(name, args, 0);
    const interval = expectSafeInteger(name, args, 1);
    const unit = expectTimeUnit(name, args, 2);
    return render(name, shiftTime(name, ts, sign * interval, unit), optionalFormat(name, args, 3));
  });
}

/**
 * The run's clock as a UTC timestamp. A context may carry `nowSubTicks` (0 to 9,999: the
 * 100-ns ticks below `nowMs`), so that a clock read from `scope.now` keeps all 7 fraction
 * digits as ADF's `utcNow()` prints them ("2023-11-24T12:11:54.7531321Z").
 */
function now(context: FunctionContext): Timestamp {
  const ms = Math.floor(context.nowMs);
  const subTicks = context.nowSubTicks ?? 0;
  const ticks = Number.isInteger(subTicks) && subTicks >= 0 && subTicks < 10_000 ? subTicks : 0;
  return inRange("utcNow", makeTimestamp(ms, ticks, "utc"));
}

/** getFutureTime and getPastTime: (interval, unit, format?) from the injected clock. */
function fromNow(name: string, sign: 1 | -1): FunctionDefinition {
  return defineFunction(name, 2, 3, (args, context) => {
    const interval = expectSafeInteger(name, args, 0);
    const unit = expectTimeUnit(name, args, 1);
    return render(
      name,
      shiftTime(name, now(context), sign * interval, unit),
      optionalFormat(name, args, 2),
    );
  });
}

/** startOfDay, startOfHour, startOfMonth: (timestamp, format?). */
function startOf(name: string, truncate: (ts: Timestamp) => Timestamp): FunctionDefinition {
  return defineFunction(name, 1, 2, (args) =>
    render(name, truncate(expectTimestamp(name, args, 0)), optionalFormat(name, args, 1)),
  );
}

/** The UTC instant at which `zone`'s clocks read `ts`; fails for a skipped (DST) reading. */
function localToUtc(name: string, ts: Timestamp, zone: TimeZone): Timestamp {
  const utc = toUtc(ts, zone);
  if (utc !== "invalid") return inRange(name, utc);
  return fail(
    "ExpressionArgumentValue",
    `${name}(): the time ${render(name, ts, "yyyy-MM-ddTHH:mm:ss")} does not exist in '${zone.name}' (the clocks skip it when daylight saving time starts).`,
    { function: name, timeZone: zone.name },
  );
}

const convertFromUtc = defineFunction("convertFromUtc", 2, 3, (args) => {
  const ts = expectTimestamp("convertFromUtc", args, 0);
  const zone = expectTimeZone("convertFromUtc", args, 1);
  return render(
    "convertFromUtc",
    inRange("convertFromUtc", fromUtc(ts, zone)),
    optionalFormat("convertFromUtc", args, 2),
  );
});

const convertToUtc = defineFunction("convertToUtc", 2, 3, (args) => {
  const ts = expectTimestamp("convertToUtc", args, 0);
  const zone = expectTimeZone("convertToUtc", args, 1);
  return render(
    "convertToUtc",
    localToUtc("convertToUtc", ts, zone),
    optionalFormat("convertToUtc", args, 2),
  );
});

const convertTimeZone = defineFunction("convertTimeZone", 3, 4, (args) => {
  const name = "convertTimeZone";
  const ts = expectTimestamp(name, args, 0);
  const source = expectTimeZone(name, args, 1);
  const destination = expectTimeZone(name, args, 2);
  const converted = inRange(name, fromUtc(localToUtc(name, ts, source), destination));
  return render(name, converted, optionalFormat(name, args, 3));
});

const formatDateTime = defineFunction("formatDateTime", 1, 3, (args) => {
  const ts = expectTimestamp("formatDateTime", args, 0);
  const format = optionalFormat("formatDateTime", args, 1);
  return render("formatDateTime", ts, format, optionalCulture("formatDateTime", args, 2));
});

/** ADF's date functions, in its documented order. */
export const dateFunctions: readonly FunctionDefinition[] = [
  addFixed("addDays", "Day"),
  addFixed("addHours", "Hour"),
  addFixed("addMinutes", "Minute"),
  addFixed("addSeconds", "Second"),
  addUnits("addToTime", 1),
  convertFromUtc,
  convertTimeZone,
  convertToUtc,
  defineFunction(
    "dayOfMonth",
    1,
    1,
    (args) => fieldsOf(expectTimestamp("dayOfMonth", args, 0)).day,
  ),
  defineFunction(
    "dayOfWeek",
    1,
    1,
    (args) => fieldsOf(expectTimestamp("dayOfWeek", args, 0)).weekday,
  ),
  defineFunction("dayOfYear", 1, 1, (args) => dayOfYearOf(expectTimestamp("dayOfYear", args, 0))),
  formatDateTime,
  fromNow("getFutureTime", 1),
  fromNow("getPastTime", -1),
  startOf("startOfDay", startOfDay),
  startOf("startOfHour", startOfHour),
  startOf("startOfMonth", startOfMonth),
  addUnits("subtractFromTime", -1),
  defineFunction("ticks", 1, 1, (args) => makeInteger(ticksOf(expectTimestamp("ticks", args, 0)))),
  defineFunction("utcNow", 0, 1, (args, context) =>
    render("utcNow", now(context), optionalFormat("utcNow", args, 0)),
  ),
];
