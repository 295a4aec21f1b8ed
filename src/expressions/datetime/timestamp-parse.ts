import {
  daysFromCivil,
  daysInMonth,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  TICKS_PER_MS,
  weekdayFromDays,
} from "./calendar.js";
import { makeTimestamp, type Timestamp } from "./timestamp.js";

/**
 * Parses a timestamp string the way ADF's engine does (.NET `DateTime.Parse` with the
 * invariant culture and `AdjustToUniversal`), for the forms ADF users pass:
 * - ISO 8601: `2018-03-15`, `2018-03`, `2018-03-15T13:00`, `2018-03-15T13:00:00.1234567Z`,
 *   `2018-03-15 13:00:00+02:00` (also `/` or `.` between date parts, 1-digit fields);
 * - US order (the invariant culture's): `03/15/2018`, `3/15/2018 1:00 PM`, `03-15-18 13:00`;
 * - month names: `15 March 2018`, `March 15, 2018`, `Thursday, March 15, 2018 1:00:00 PM`,
 *   `Thu, 15 Mar 2018 13:00:00 GMT` (RFC 1123).
 * An offset, `Z`, `GMT` or `UTC` makes the result a UTC instant; otherwise the reading is
 * kept with kind `unspecified`. More than 7 fraction digits round to the nearest tick, as
 * .NET does. Returns undefined for anything else (a time alone, an invalid date).
 */
export function parseTimestamp(text: string): Timestamp | undefined {
  const iso = ISO.exec(text);
  if (iso) return parseIso(iso);
  const trimmed = text.trim();
  if (trimmed !== text) return parseTimestamp(trimmed);
  const us = US.exec(text);
  if (us) return parseUs(us);
  const named = NAMED.exec(text);
  if (named) return parseNamed(named);
  return undefined;
}

const TIME = String.raw`(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d+))?)?\s*(AM|PM|A|P)?`;
const ZONE = String.raw`\s*(Z|GMT|UTC|[+-]\d{1,2}(?::?\d{2})?)?`;

const ISO = new RegExp(
  String.raw`^(\d{4})([-/.])(\d{1,2})(?:\2(\d{1,2}))?(?:(?:T|\s+)${TIME})?${ZONE}$`,
  "i",
);
const US = new RegExp(
  String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?:(?:T|\s+)${TIME})?${ZONE}$`,
  "i",
);
const NAMED = new RegExp(
  String.raw`^(?:([a-z]+)\.?,?\s+)?(?:(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})|([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4}))(?:,?\s+${TIME})?${ZONE}$`,
  "i",
);

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

interface Parts {
  year: number;
  month: number;
  day: number;
  /** The time groups: hour, minute, second, fraction, am/pm, zone. */
  time: readonly (string | undefined)[];
}

function parseIso(m: RegExpExecArray): Timestamp | undefined {
  return build({
    year: +m[1]!,
    month: +m[3]!,
    day: m[4] === undefined ? 1 : +m[4],
    time: m.slice(5, 11),
  });
}

function parseUs(m: RegExpExecArray): Timestamp | undefined {
  const yearText = m[4]!;
  // The invariant calendar's TwoDigitYearMax is 2049.
  const year = yearText.length === 2 ? (+yearText <= 49 ? 2000 : 1900) + +yearText : +yearText;
  return build({ year, month: +m[1]!, day: +m[3]!, time: m.slice(5, 11) });
}

function parseNamed(m: RegExpExecArray): Timestamp | undefined {
  const monthName = m[3] ?? m[5] ?? "";
  const month = monthIndex(monthName);
  if (month === 0) return undefined;
  const day = +(m[2] ?? m[6] ?? "0");
  const year = +(m[4] ?? m[7] ?? "0");
  const weekdayName = m[1];
  if (weekdayName !== undefined) {
    const weekday = weekdayIndex(weekdayName);
    // .NET rejects a weekday that does not match the date.
    if (weekday < 0 || daysInMonth(year, month) < day) return undefined;
    if (weekdayFromDays(daysFromCivil(year, month, day)) !== weekday) return undefined;
  }
  return build({ year, month, day, time: m.slice(8, 14) });
}

function monthIndex(name: string): number {
  const lower = name.toLowerCase();
  if (lower.length === 3 || lower === "sept") return MONTHS.indexOf(lower.slice(0, 3)) + 1;
  return MONTH_NAMES.indexOf(lower) + 1;
}

function weekdayIndex(name: string): number {
  const lower = name.toLowerCase();
  if (lower.length === 3) return WEEKDAYS.findIndex((d) => d.startsWith(lower));
  return WEEKDAYS.indexOf(lower);
}

function build(parts: Parts): Timestamp | undefined {
  const { year, month, day } = parts;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return undefined;
  const clock = clockMs(parts.time);
  if (clock === undefined) return undefined;
  const offsetMinutes = zoneOffset(parts.time[5]);
  if (offsetMinutes === undefined) return undefined;
  const total =
    daysFromCivil(year, month, day) * MS_PER_DAY + clock.ms - offsetMinutes * MS_PER_MINUTE;
  const kind = parts.time[5] === undefined ? "unspecified" : "utc";
  return makeTimestamp(total, clock.subTicks, kind);
}

/** Milliseconds and sub-ms ticks into the day of the time groups, or undefined when invalid. */
function clockMs(
  time: readonly (string | undefined)[],
): { ms: number; subTicks: number } | undefined {
  const [hourText, minuteText, secondText, fractionText, ampm] = time;
  if (hourText === undefined) return { ms: 0, subTicks: 0 };
  let hour = +hourText;
  const minute = +minuteText!;
  const second = secondText === undefined ? 0 : +secondText;
  if (ampm !== undefined) {
    if (hour > 12) return undefined;
    const pm = ampm[0] === "P" || ampm[0] === "p";
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // .NET rounds extra fraction digits to the nearest tick.
  const ticks = fractionText === undefined ? 0 : Math.round(Number(`0.${fractionText}`) * 1e7);
  const ms =
    hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + Math.floor(ticks / TICKS_PER_MS);
  return { ms, subTicks: ticks % TICKS_PER_MS };
}

/** The zone's offset from UTC in minutes (0 for none, Z, GMT, UTC), or undefined when invalid. */
function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.length <= 3) {
    return zone === undefined || /^(z|gmt|utc)$/i.test(zone) || /^[+-]\d{1,2}$/.test(zone)
      ? signedHours(zone)
      : undefined;
  }
  const m = /^([+-])(\d{1,2}):?(\d{2})$/.exec(zone);
  if (!m) return undefined;
  const hours = +m[2]!;
  const minutes = +m[3]!;
  if (hours > 14 || minutes > 59 || hours * 60 + minutes > 14 * 60) return undefined;
  return (m[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

function signedHours(zone: string | undefined): number | undefined {
  if (zone === undefined || !/^[+-]/.test(zone)) return 0;
  const hours = Math.abs(+zone);
  return hours > 14 ? undefined : (zone[0] === "-" ? -60 : 60) * hours;
}
