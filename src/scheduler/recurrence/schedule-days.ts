import type { Schedule } from "../definition/trigger-spec.js";
import { DAY_MS, dayStart, daysInMonth } from "../time/zoned-time.js";

/**
 * The days of one month a monthly schedule names, as local midnights in order: `monthDays`
 * (negative counts from the end: -1 is the last day) and `monthlyOccurrences` (the n-th, or
 * n-th from the end, given weekday; every such weekday without an occurrence), together.
 * A day the month does not have (31 in April, the fifth Friday of most months) is left out,
 * as ADF documents.
 */
export function monthScheduleDays(
  year: number,
  month: number,
  schedule: Schedule,
  defaultDay: number,
): number[] {
  const length = daysInMonth(year, month);
  const days = new Set<number>();
  const named = schedule.monthDays !== undefined || schedule.monthlyOccurrences !== undefined;
  for (const day of schedule.monthDays ?? (named ? [] : [defaultDay])) {
    const actual = day > 0 ? day : length + day + 1;
    if (actual >= 1 && actual <= length) days.add(actual);
  }
  const firstWeekday = new Date(dayStart(year, month, 1)).getUTCDay();
  for (const { day, occurrence } of schedule.monthlyOccurrences ?? []) {
    const first = 1 + ((day - firstWeekday + 7) % 7);
    const all: number[] = [];
    for (let d = first; d <= length; d += 7) all.push(d);
    if (occurrence === undefined) all.forEach((d) => days.add(d));
    else {
      const picked = occurrence > 0 ? all[occurrence - 1] : all[all.length + occurrence];
      if (picked !== undefined) days.add(picked);
    }
  }
  return [...days].sort((a, b) => a - b).map((d) => dayStart(year, month, d));
}

/** The local midnights of one week (starting `weekStart`, a Sunday) that `weekDays` names. */
export function weekScheduleDays(weekStart: number, weekDays: readonly number[]): number[] {
  return [...new Set(weekDays)].sort((a, b) => a - b).map((d) => weekStart + d * DAY_MS);
}
