import { SluiceError } from "../../core/index.js";

const dayMs = 24 * 60 * 60 * 1000;
/** ADF's pattern for timespans: `d.hh:mm:ss` or `hh:mm:ss` (60 allowed for minutes and seconds). */
const timeSpanPattern = /^(?:(\d+)\.)?(\d{1,2}):(60|[0-5]\d):(60|[0-5]\d)(?:\.(\d{1,7}))?$/;

/** Where a timespan comes from and what it may be, for the error message. */
export interface TimeSpanField {
  /** The JSON path named in errors, e.g. `activities[2].policy.timeout`. */
  readonly field: string;
  /** Largest allowed value in milliseconds. */
  readonly maxMs: number;
  /** How the maximum reads in a message, e.g. `7 days`. */
  readonly maxText: string;
}

/**
 * Parses an ADF timespan (`d.hh:mm:ss`, `hh:mm:ss`, optional `.fffffff` fraction) to
 * milliseconds. Throws InvalidArgument naming the field, the value and what is allowed when
 * it is malformed or over the maximum.
 */
export function parseTimeSpan(text: unknown, where: TimeSpanField): number {
  const match = typeof text === "string" ? timeSpanPattern.exec(text.trim()) : null;
  if (!match) {
    throw new SluiceError(
      "InvalidArgument",
      `${where.field} is '${String(text)}', which is not a timespan; use d.hh:mm:ss or hh:mm:ss (at most ${where.maxText}).`,
      { details: { field: where.field, value: text, allowed: "d.hh:mm:ss or hh:mm:ss" } },
    );
  }
  const [, days, hours, minutes, seconds, fraction] = match;
  const ms =
    Number(days ?? 0) * dayMs +
    Number(hours) * 3_600_000 +
    Number(minutes) * 60_000 +
    Number(seconds) * 1000 +
    Math.round(Number(`0.${fraction ?? 0}`) * 1000);
  if (ms > where.maxMs) {
    throw new SluiceError(
      "InvalidArgument",
      `${where.field} is '${String(text)}', over ADF's maximum of ${where.maxText}.`,
      { details: { field: where.field, value: text, maxMs: where.maxMs } },
    );
  }
  return ms;
}

/** Formats milliseconds as ADF writes a timespan: `d.hh:mm:ss`, or `hh:mm:ss` under a day. */
export function formatTimeSpan(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const pad = (value: number): string => String(value).padStart(2, "0");
  const clock = `${pad(Math.floor(totalSeconds / 3600) % 24)}:${pad(Math.floor(totalSeconds / 60) % 60)}:${pad(totalSeconds % 60)}`;
  return days > 0 ? `${days}.${clock}` : clock;
}

/** Milliseconds in `days` days. */
export function days(count: number): number {
  return count * dayMs;
}
