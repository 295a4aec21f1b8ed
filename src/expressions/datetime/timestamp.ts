import {
  civilFromDays,
  dayOfYear,
  daysOfMs,
  EPOCH_OFFSET_MS,
  MAX_MS,
  MIN_MS,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  TICKS_PER_MS,
  weekdayFromDays,
} from "./calendar.js";

/**
 * What a .NET DateTime's `Kind` says about a timestamp, as ADF's engine (a .NET DateTime
 * parsed with `AdjustToUniversal` on a UTC server) keeps it:
 * - `utc`: the text said `Z`, `GMT` or an offset (converted to UTC); `K` prints `Z`.
 * - `unspecified`: the text had no zone; the reading is used as is (as UTC for
 *   arithmetic), and `K` prints nothing.
 */
export type TimestampKind = "utc" | "unspecified";

/**
 * A date and time with .NET's 100-ns precision: the clock reading as epoch milliseconds
 * (read as UTC) plus the ticks below the millisecond. Always within .NET DateTime's range,
 * 0001-01-01 to 9999-12-31T23:59:59.9999999.
 */
export interface Timestamp {
  /** Integral milliseconds since 1970-01-01T00:00:00 of the clock reading. */
  readonly ms: number;
  /** 100-ns ticks within that millisecond, 0 to 9,999. */
  readonly subTicks: number;
  readonly kind: TimestampKind;
}

/** The calendar and clock fields of a timestamp's reading. */
export interface TimestampFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 100-ns ticks within the second, 0 to 9,999,999. */
  readonly fraction: number;
  /** 0 = Sunday. */
  readonly weekday: number;
}

/** True when `ms` lies within .NET DateTime's range. */
export function isInRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS;
}

/** A timestamp, or undefined when outside .NET DateTime's range. */
export function makeTimestamp(
  ms: number,
  subTicks: number,
  kind: TimestampKind,
): Timestamp | undefined {
  return isInRange(ms) ? { ms, subTicks, kind } : undefined;
}

/** The fields of a timestamp's clock reading. */
export function fieldsOf(ts: Timestamp): TimestampFields {
  const days = daysOfMs(ts.ms);
  const msOfDay = ts.ms - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(msOfDay / MS_PER_HOUR);
  const minute = Math.floor((msOfDay % MS_PER_HOUR) / MS_PER_MINUTE);
  const msOfMinute = msOfDay % MS_PER_MINUTE;
  return {
    year,
    month,
    day,
    hour,
    minute,
    second: Math.floor(msOfMinute / 1000),
    fraction: (msOfMinute % 1000) * TICKS_PER_MS + ts.subTicks,
    weekday: weekdayFromDays(days),
  };
}

/** .NET `DateTime.Ticks`: 100-ns intervals since 0001-01-01T00:00:00 of the reading. */
export function ticksOf(ts: Timestamp): bigint {
  return BigInt(ts.ms + EPOCH_OFFSET_MS) * BigInt(TICKS_PER_MS) + BigInt(ts.subTicks);
}

/** The 1-based day of the year of a timestamp's reading. */
export function dayOfYearOf(ts: Timestamp): number {
  const { year, month, day } = civilFromDays(daysOfMs(ts.ms));
  return dayOfYear(year, month, day);
}

/** A timestamp for `ms` with no sub-millisecond part (for `utcNow`). */
export function timestampFromEpochMs(ms: number, kind: TimestampKind): Timestamp | undefined {
  return makeTimestamp(Math.floor(ms), 0, kind);
}
