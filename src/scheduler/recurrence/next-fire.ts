import type { Recurrence } from "../definition/trigger-spec.js";
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  dayStart,
  fieldsOf,
  toLocal,
  toUtc,
} from "../time/zoned-time.js";
import { monthScheduleDays, weekScheduleDays } from "./schedule-days.js";

/** Periods scanned for a fire before giving up (a schedule naming days no month has). */
const maxPeriods = 5000;

/**
 * The first fire time of `recurrence` strictly after `afterUtc` (UTC ms), or undefined when
 * none comes before its end. ADF's rules, as its docs state them:
 * - Without a schedule, fires are `startTime + k * interval` units. Minute and Hour steps are
 *   absolute time; Day, Week and Month steps are on the time zone's clocks, so a daily 08:00
 *   stays 08:00 across daylight saving changes (ADF adjusts "Day or above" only).
 * - With a schedule, each period (`interval` days, weeks or months from the start's) fires at
 *   every named day, hour and minute. Minutes not named are the start's minute; hours not named
 *   are every hour when minutes are named (`{"minutes":[0]}` is "every hour on the hour"),
 *   else the start's hour: the reading under which every example of ADF's table holds.
 * - Nothing fires before `startTime` ("no sooner than") or at or after `endTime`.
 * A local time skipped by a spring-forward change fires at the same time after the jump; one
 * that occurs twice fires once, at its first occurrence.
 */
export function nextFire(recurrence: Recurrence, afterUtc: number): number | undefined {
  const from = Math.max(afterUtc, recurrence.startUtc - 1);
  const found =
    recurrence.frequency === "Minute" || recurrence.frequency === "Hour"
      ? nextFixedStep(recurrence, from)
      : nextCalendar(recurrence, from);
  if (found === undefined) return undefined;
  return recurrence.endUtc !== undefined && found >= recurrence.endUtc ? undefined : found;
}

/** Up to `count` fire times after `afterUtc`, in order. */
export function nextFires(recurrence: Recurrence, afterUtc: number, count: number): number[] {
  const fires: number[] = [];
  let after = afterUtc;
  while (fires.length < count) {
    const next = nextFire(recurrence, after);
    if (next === undefined) break;
    fires.push(next);
    after = next;
  }
  return fires;
}

/** Every fire time in `[fromUtc, toUtc)`, at most `limit` of them. */
export function firesBetween(
  recurrence: Recurrence,
  fromUtc: number,
  toUtc: number,
  limit: number,
): number[] {
  const fires: number[] = [];
  let next = nextFire(recurrence, fromUtc - 1);
  while (next !== undefined && next < toUtc && fires.length < limit) {
    fires.push(next);
    next = nextFire(recurrence, next);
  }
  return fires;
}

function hasSchedule(recurrence: Recurrence): boolean {
  const s = recurrence.schedule;
  return (
    s !== undefined &&
    (s.minutes !== undefined ||
      s.hours !== undefined ||
      s.weekDays !== undefined ||
      s.monthDays !== undefined ||
      s.monthlyOccurrences !== undefined)
  );
}

// Minute and Hour: periods of fixed length from the start of the start's (local) minute or
// hour; a schedule picks minutes within an hour period and filters by local hour.
function nextFixedStep(recurrence: Recurrence, after: number): number | undefined {
  const unit = recurrence.frequency === "Minute" ? MINUTE_MS : HOUR_MS;
  const step = unit * recurrence.interval;
  const start = recurrence.startUtc;
  if (!hasSchedule(recurrence)) {
    if (after < start) return start;
    return start + (Math.floor((after - start) / step) + 1) * step;
  }
  const local = fieldsOf(toLocal(start, recurrence.zone));
  const sinceUnit =
    local.second * 1000 + local.ms + (unit === HOUR_MS ? local.minute * MINUTE_MS : 0);
  const origin = start - sinceUnit;
  let period = Math.max(0, Math.floor((after - origin) / step) - 1);
  for (let scanned = 0; scanned < maxPeriods * 10; scanned++, period++) {
    const periodStart = origin + period * step;
    for (const fire of fixedStepCandidates(recurrence, periodStart, unit)) {
      if (fire > after && fire >= start) return fire;
    }
  }
  return undefined;
}

function fixedStepCandidates(recurrence: Recurrence, periodStart: number, unit: number): number[] {
  const schedule = recurrence.schedule ?? {};
  const local = fieldsOf(toLocal(periodStart, recurrence.zone));
  if (schedule.hours !== undefined && !schedule.hours.includes(local.hour)) return [];
  if (unit === MINUTE_MS) {
    return schedule.minutes === undefined || schedule.minutes.includes(local.minute)
      ? [periodStart]
      : [];
  }
  const minutes = schedule.minutes ?? [
    fieldsOf(toLocal(recurrence.startUtc, recurrence.zone)).minute,
  ];
  return [...minutes].sort((a, b) => a - b).map((m) => periodStart + m * MINUTE_MS);
}

// Day, Week, Month: periods on the zone's calendar; times of day as local readings.
function nextCalendar(recurrence: Recurrence, after: number): number | undefined {
  const start = fieldsOf(toLocal(recurrence.startUtc, recurrence.zone));
  const times = timesOfDay(recurrence, start);
  let period = Math.max(0, firstPeriod(recurrence, start, toLocal(after, recurrence.zone)) - 1);
  for (let scanned = 0; scanned < maxPeriods; scanned++, period++) {
    const fires = new Set<number>();
    for (const day of periodDays(recurrence, start, period)) {
      for (const time of times) fires.add(toUtc(day + time, recurrence.zone));
    }
    const sorted = [...fires].sort((a, b) => a - b);
    const fire = sorted.find((t) => t > after && t >= recurrence.startUtc);
    if (fire !== undefined) return fire;
  }
  return undefined;
}

type Start = ReturnType<typeof fieldsOf>;

function timesOfDay(recurrence: Recurrence, start: Start): number[] {
  const schedule = recurrence.schedule ?? {};
  const seconds = schedule.minutes === undefined ? start.second * 1000 + start.ms : 0;
  const minutes = schedule.minutes ?? [start.minute];
  const hours =
    schedule.hours ??
    (schedule.minutes === undefined ? [start.hour] : Array.from({ length: 24 }, (_, h) => h));
  const times: number[] = [];
  for (const h of hours) for (const m of minutes) times.push(h * HOUR_MS + m * MINUTE_MS + seconds);
  return [...new Set(times)].sort((a, b) => a - b);
}

function weekOrigin(start: Start): number {
  return dayStart(start.year, start.month, start.day) - start.weekday * DAY_MS;
}

/** The period holding local time `local` (may be negative before the start). */
function firstPeriod(recurrence: Recurrence, start: Start, local: number): number {
  const at = fieldsOf(local);
  const interval = recurrence.interval;
  switch (recurrence.frequency) {
    case "Day":
      return Math.floor(
        (dayStart(at.year, at.month, at.day) - dayStart(start.year, start.month, start.day)) /
          (DAY_MS * interval),
      );
    case "Week":
      return Math.floor((local - weekOrigin(start)) / (7 * DAY_MS * interval));
    default:
      return Math.floor((at.year * 12 + at.month - (start.year * 12 + start.month)) / interval);
  }
}

/** The local midnights of the days period `period` may fire on. */
function periodDays(recurrence: Recurrence, start: Start, period: number): number[] {
  const schedule = recurrence.schedule ?? {};
  const interval = recurrence.interval;
  switch (recurrence.frequency) {
    case "Day":
      return [dayStart(start.year, start.month, start.day + period * interval)];
    case "Week":
      return weekScheduleDays(
        weekOrigin(start) + period * interval * 7 * DAY_MS,
        schedule.weekDays ?? [start.weekday],
      );
    default: {
      const monthIndex = start.year * 12 + (start.month - 1) + period * interval;
      return monthScheduleDays(
        Math.floor(monthIndex / 12),
        (monthIndex % 12) + 1,
        schedule,
        start.day,
      );
    }
  }
}
