import { SluiceError } from "../core/index.js";
import type { ReadRange } from "./storage-connector.js";

/** A checked range: `end` undefined reads to the end of the file. */
export interface CheckedRange {
  readonly start: number;
  readonly end: number | undefined;
}

/**
 * Checks a {@link ReadRange} before any I/O: `start` and `end` are non-negative safe integers
 * and `end` is not before `start`. Throws `StorageRangeInvalid` naming the bad field.
 */
export function checkRange(range: ReadRange | undefined): CheckedRange {
  const start = range?.start ?? 0;
  const end = range?.end;
  checkOffset("start", start);
  if (end !== undefined) {
    checkOffset("end", end);
    if (end < start) {
      throw new SluiceError(
        "StorageRangeInvalid",
        `range end ${end} is before range start ${start}: end is the last byte to read, inclusive, and must be >= start.`,
        { details: { field: "end", value: end, start } },
      );
    }
  }
  return { start, end };
}

function checkOffset(field: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new SluiceError(
      "StorageRangeInvalid",
      `range ${field} ${String(value)} is not allowed: a byte offset is an integer >= 0.`,
      { details: { field, value } },
    );
  }
}

/** The `Range` header value for a checked range, or undefined for the whole file. */
export function rangeHeader(range: CheckedRange): string | undefined {
  if (range.start === 0 && range.end === undefined) return undefined;
  return `bytes=${range.start}-${range.end ?? ""}`;
}

/** Bytes a checked range covers in a file of `size` bytes (0 when it starts past the end). */
export function rangeLength(range: CheckedRange, size: number): number {
  const last = Math.min(range.end ?? size - 1, size - 1);
  return Math.max(0, last - range.start + 1);
}
