import { findCulture, supportedCultureNames, type CultureData } from "../datetime/cultures.js";
import { DateFormatError, formatTimestamp } from "../datetime/dotnet-format.js";
import { parseTimestamp } from "../datetime/timestamp-parse.js";
import type { Timestamp } from "../datetime/timestamp.js";
import { addTime, parseTimeUnit, timeUnits, type TimeUnit } from "../datetime/time-units.js";
import { findTimeZone, type TimeZone } from "../datetime/time-zones.js";
import { fail } from "../expression-error.js";
import { expectString } from "./argument-checks.js";

/** Argument checks and result rendering shared by the date functions. */

/** The default format of every date function: .NET's round-trip `o`. */
export const defaultFormat = "o";

/** Argument `index` as a timestamp; ExpressionBadTimestamp when the text is not one. */
export function expectTimestamp(fn: string, args: readonly unknown[], index: number): Timestamp {
  const text = expectString(fn, args, index);
  const ts = parseTimestamp(text);
  if (ts !== undefined) return ts;
  return fail(
    "ExpressionBadTimestamp",
    `${fn}() expects argument ${index + 1} to be a timestamp such as '2018-03-15T13:00:00Z', but '${text}' is not a date and time it can read.`,
    { function: fn, argument: index + 1, value: text },
  );
}

/**
 * The optional format argument at `index`: absent, null or empty means the default `o`
 * (ADF's engine treats a missing format as `o`; Sluice reads null and '' the same way).
 */
export function optionalFormat(fn: string, args: readonly unknown[], index: number): string {
  const value = args[index];
  if (value === undefined || value === null) return defaultFormat;
  const format = expectString(fn, args, index);
  return format === "" ? defaultFormat : format;
}

/** The optional locale argument of formatDateTime; ExpressionArgumentValue for an unknown one. */
export function optionalCulture(
  fn: string,
  args: readonly unknown[],
  index: number,
): CultureData | undefined {
  const value = args[index];
  if (value === undefined || value === null) return undefined;
  const name = expectString(fn, args, index);
  const culture = findCulture(name);
  if (culture !== undefined) return culture;
  return fail(
    "ExpressionArgumentValue",
    `${fn}() does not support the locale '${name}'; Sluice formats dates in 'en-US' (the default) or the invariant culture ('').`,
    { function: fn, argument: index + 1, value: name, allowed: supportedCultureNames },
  );
}

/** `ts` in `format`; ExpressionBadFormat for an invalid format string. */
export function render(fn: string, ts: Timestamp, format: string, culture?: CultureData): string {
  try {
    return formatTimestamp(ts, format, culture);
  } catch (error) {
    if (error instanceof DateFormatError) {
      return fail("ExpressionBadFormat", `${fn}(): ${error.message}.`, {
        function: fn,
        format,
        reason: error.reason,
      });
    }
    throw error;
  }
}

/** Argument `index` as a time unit; ExpressionArgumentValue for an unknown unit. */
export function expectTimeUnit(fn: string, args: readonly unknown[], index: number): TimeUnit {
  const name = expectString(fn, args, index);
  const unit = parseTimeUnit(name);
  if (unit !== undefined) return unit;
  return fail(
    "ExpressionArgumentValue",
    `${fn}() expects argument ${index + 1} to be a time unit (${timeUnits.join(", ")}), but it is '${name}'.`,
    { function: fn, argument: index + 1, value: name, allowed: timeUnits },
  );
}

/** Argument `index` as a Windows or IANA time zone; ExpressionBadTimeZone otherwise. */
export function expectTimeZone(fn: string, args: readonly unknown[], index: number): TimeZone {
  const name = expectString(fn, args, index);
  const zone = findTimeZone(name);
  if (zone !== undefined) return zone;
  return fail(
    "ExpressionBadTimeZone",
    `${fn}() expects argument ${index + 1} to be a Windows time zone ID such as 'Pacific Standard Time' or an IANA name such as 'America/Los_Angeles', but it is '${name}'.`,
    { function: fn, argument: index + 1, value: name },
  );
}

/** `ts` moved by `amount` units; ExpressionArgumentValue when leaving years 1 to 9999. */
export function shiftTime(fn: string, ts: Timestamp, amount: number, unit: TimeUnit): Timestamp {
  const result = addTime(ts, amount, unit);
  if (result !== undefined) return result;
  return fail(
    "ExpressionArgumentValue",
    `${fn}() cannot move the timestamp by ${amount} ${unit.toLowerCase()}(s): the result falls outside the years 1 to 9999.`,
    { function: fn, amount, unit },
  );
}

/** A converted timestamp, or ExpressionArgumentValue when it leaves years 1 to 9999. */
export function inRange(fn: string, ts: Timestamp | undefined): Timestamp {
  if (ts !== undefined) return ts;
  return fail("ExpressionArgumentValue", `${fn}(): the result falls outside the years 1 to 9999.`, {
    function: fn,
  });
}
