import type { TumblingWindowSpec, WindowDependency } from "../definition/trigger-spec.js";
import { HOUR_MS, MINUTE_MS, daysInMonth, fieldsOf } from "../time/zoned-time.js";

/** What window arithmetic needs of a tumbling window trigger. */
export type WindowGrid = Pick<TumblingWindowSpec, "frequency" | "interval" | "startUtc" | "endUtc">;

/** A window `[startUtc, endUtc)` and its index from the trigger's start (0 is the first). */
export interface Window {
  readonly index: number;
  readonly startUtc: number;
  readonly endUtc: number;
}

/**
 * The start of window `index`: windows are contiguous, `interval` minutes, hours or months
 * long, aligned to `startTime` (ADF: a start finer than the frequency sets the boundaries).
 * A month window starting on the 31st ends on the last day of a shorter month, each window
 * counted from the trigger's start so the day does not drift.
 */
export function windowStart(grid: WindowGrid, index: number): number {
  if (grid.frequency !== "Month") return grid.startUtc + index * fixedSize(grid);
  const start = fieldsOf(grid.startUtc);
  const months = start.year * 12 + (start.month - 1) + index * grid.interval;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const day = Math.min(start.day, daysInMonth(year, month));
  const timeOfDay = grid.startUtc - Date.UTC(start.year, start.month - 1, start.day);
  return Date.UTC(year, month - 1, day) + timeOfDay;
}

export function windowAt(grid: WindowGrid, index: number): Window {
  return { index, startUtc: windowStart(grid, index), endUtc: windowStart(grid, index + 1) };
}

/** The size of a Minute or Hour window; a Month window's nominal size (30 days) otherwise. */
export function nominalSize(grid: WindowGrid): number {
  return grid.frequency === "Month" ? grid.interval * 30 * 24 * HOUR_MS : fixedSize(grid);
}

function fixedSize(grid: WindowGrid): number {
  return grid.interval * (grid.frequency === "Minute" ? MINUTE_MS : HOUR_MS);
}

/** The index of the window holding `utc` (negative before the start). */
export function windowIndexAt(grid: WindowGrid, utc: number): number {
  if (grid.frequency !== "Month") return Math.floor((utc - grid.startUtc) / fixedSize(grid));
  const a = fieldsOf(grid.startUtc);
  const b = fieldsOf(utc);
  let index = Math.floor((b.year * 12 + b.month - (a.year * 12 + a.month)) / grid.interval) + 1;
  while (windowStart(grid, index) > utc) index--;
  return index;
}

/**
 * How many windows exist by `nowUtc`: a window is due once its end plus `delay` has passed,
 * and only windows ending by `endTime` exist.
 */
export function dueWindowCount(grid: WindowGrid & { delayMs: number }, nowUtc: number): number {
  const lastEnd =
    grid.endUtc === undefined
      ? nowUtc - grid.delayMs
      : Math.min(nowUtc - grid.delayMs, grid.endUtc);
  if (lastEnd < grid.startUtc) return 0;
  // Window i is due when windowStart(i + 1) <= lastEnd.
  return Math.max(0, windowIndexAt(grid, lastEnd));
}

/** The time a window may start: its end plus `delay`. */
export function windowDueAt(grid: WindowGrid & { delayMs: number }, window: Window): number {
  return window.endUtc + grid.delayMs;
}

/**
 * The time range a dependency covers for a window: from the window's start plus `offset`,
 * `size` long (default the window's own length), as ADF's dependency offset and size.
 */
export function dependencyRange(
  window: Window,
  dependency: WindowDependency,
): { readonly fromUtc: number; readonly toUtc: number } {
  const fromUtc = window.startUtc + dependency.offsetMs;
  return { fromUtc, toUtc: fromUtc + (dependency.sizeMs ?? window.endUtc - window.startUtc) };
}

/**
 * The windows of `grid` that overlap `[fromUtc, toUtc)` and exist (they start at or after the
 * trigger's start and end by its end). A range before the upstream trigger's start needs no
 * window: the first window of a self-dependent trigger depends on nothing.
 */
export function windowsOverlapping(grid: WindowGrid, fromUtc: number, toUtc: number): Window[] {
  if (toUtc <= fromUtc) return [];
  const first = Math.max(0, windowIndexAt(grid, fromUtc));
  const windows: Window[] = [];
  for (let index = first; ; index++) {
    const window = windowAt(grid, index);
    if (window.startUtc >= toUtc) break;
    if (grid.endUtc !== undefined && window.endUtc > grid.endUtc) break;
    if (window.endUtc > fromUtc) windows.push(window);
  }
  return windows;
}
