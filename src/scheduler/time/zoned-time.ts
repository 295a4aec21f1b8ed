import { findTimeZone, offsetAt, parseTimestamp, type TimeZone } from "../../expressions/index.js";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The zone a trigger's times are read in: Windows IDs (ADF's) and IANA names; default UTC. */
export function zoneNamed(name: string | undefined): TimeZone | undefined {
  return findTimeZone(name === undefined || name.trim() === "" ? "UTC" : name);
}

/** The wall-clock reading of `zone` at the UTC instant `utcMs`, as epoch ms read as UTC. */
export function toLocal(utcMs: number, zone: TimeZone): number {
  return utcMs + offsetAt(zone, utcMs) * MINUTE_MS;
}

/**
 * The UTC instant at which `zone`'s clocks read `localMs`. A reading skipped by a
 * spring-forward change moves forward by the gap (02:30 on that night is 03:30), so a daily
 * fire still happens once that day; a reading that occurs twice at a fall-back change is
 * its first occurrence (daylight time), so it fires once, not twice.
 */
export function toUtc(localMs: number, zone: TimeZone): number {
  const before = offsetAt(zone, localMs - DAY_MS);
  const after = offsetAt(zone, localMs + DAY_MS);
  const candidates = [...new Set([before, offsetAt(zone, localMs), after])]
    .map((offset) => localMs - offset * MINUTE_MS)
    .filter((utc) => toLocal(utc, zone) === localMs)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return first;
  // In the gap: the clocks jumped from `before` to `after` (after > before).
  return localMs - before * MINUTE_MS;
}

/**
 * A trigger time: text with `Z` or an offset is that instant; text without one is a reading
 * of `zone`'s clocks (ADF writes non-UTC start times without `Z`). Undefined when unreadable.
 */
export function parseTriggerTime(text: unknown, zone: TimeZone): number | undefined {
  if (typeof text !== "string") return undefined;
  const parsed = parseTimestamp(text);
  if (parsed === undefined) return undefined;
  return parsed.kind === "utc" ? parsed.ms : toUtc(parsed.ms, zone);
}

/** Calendar fields of a local reading (epoch ms read as UTC). */
export interface LocalFields {
  readonly year: number;
  /** 1 to 12. */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly ms: number;
  /** 0 = Sunday. */
  readonly weekday: number;
}

export function fieldsOf(localMs: number): LocalFields {
  const d = new Date(localMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

/** Local midnight of a calendar day (month 1 to 12; out-of-range values roll over). */
export function dayStart(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
