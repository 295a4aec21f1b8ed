import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  daysOfMs,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
} from "./calendar.js";
import { makeTimestamp, type Timestamp } from "./timestamp.js";

/** The time units of `addToTime`, `subtractFromTime`, `getFutureTime` and `getPastTime`. */
export type TimeUnit = "Second" | "Minute" | "Hour" | "Day" | "Week" | "Month" | "Year";

/** Every unit, in ADF's documented spelling. */
export const timeUnits: readonly TimeUnit[] = [
  "Second",
  "Minute",
  "Hour",
  "Day",
  "Week",
  "Month",
  "Year",
];

const byLowerName = new Map<string, TimeUnit>();
for (const unit of timeUnits) byLowerName.set(unit.toLowerCase(), unit);

/**
 * The unit named `name`, or undefined. Matched case-insensitively and ignoring surrounding
 * blanks, as .NET's `Enum.Parse(..., ignoreCase: true)` reads an enum name; plurals
 * (`Days`) are not units, as in .NET.
 */
export function parseTimeUnit(name: string): TimeUnit | undefined {
  return byLowerName.get(name.trim().toLowerCase());
}

const FIXED_MS: Partial<Record<TimeUnit, number>> = {
  Second: 1000,
  Minute: MS_PER_MINUTE,
  Hour: MS_PER_HOUR,
  Day: MS_PER_DAY,
  Week: 7 * MS_PER_DAY,
};

/**
 * `ts` plus `amount` units (negative subtracts), as .NET's `AddSeconds` ... `AddYears`:
 * months and years keep the time of day and clamp the day to the target month's length
 * (Jan 31 + 1 month = Feb 28 or 29; Feb 29 + 1 year = Feb 28). Returns undefined when
 * the result leaves .NET DateTime's range (years 1 to 9999).
 */
export function addTime(ts: Timestamp, amount: number, unit: TimeUnit): Timestamp | undefined {
  const fixed = FIXED_MS[unit];
  if (fixed !== undefined) return makeTimestamp(ts.ms + amount * fixed, ts.subTicks, ts.kind);
  return addMonths(ts, unit === "Year" ? amount * 12 : amount);
}

function addMonths(ts: Timestamp, months: number): Timestamp | undefined {
  // .NET rejects more than 120,000 months outright; beyond that the year is out of range anyway.
  if (!Number.isSafeInteger(months) || Math.abs(months) > 120_000) return undefined;
  const days = daysOfMs(ts.ms);
  const msOfDay = ts.ms - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  if (newYear < 1 || newYear > 9999) return undefined;
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return makeTimestamp(
    daysFromCivil(newYear, newMonth, newDay) * MS_PER_DAY + msOfDay,
    ts.subTicks,
    ts.kind,
  );
}

/** Midnight of the timestamp's day (`startOfDay`). */
export function startOfDay(ts: Timestamp): Timestamp {
  return { ms: daysOfMs(ts.ms) * MS_PER_DAY, subTicks: 0, kind: ts.kind };
}

/** The start of the timestamp's hour (`startOfHour`). */
export function startOfHour(ts: Timestamp): Timestamp {
  return { ms: Math.floor(ts.ms / MS_PER_HOUR) * MS_PER_HOUR, subTicks: 0, kind: ts.kind };
}

/** Midnight of the first day of the timestamp's month (`startOfMonth`). */
export function startOfMonth(ts: Timestamp): Timestamp {
  const { year, month } = civilFromDays(daysOfMs(ts.ms));
  return { ms: daysFromCivil(year, month, 1) * MS_PER_DAY, subTicks: 0, kind: ts.kind };
}
