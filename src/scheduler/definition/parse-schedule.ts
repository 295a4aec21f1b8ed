import { zoneNamed, parseTriggerTime } from "../time/zoned-time.js";
import type { JsonReader } from "./json-reader.js";
import { show } from "./json-reader.js";
import type { Frequency, Recurrence, Schedule } from "./trigger-spec.js";

export const frequencies: readonly Frequency[] = ["Minute", "Hour", "Day", "Week", "Month"];
export const weekDayNames = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
] as const;

const base = "$.properties.typeProperties.recurrence";

/** ScheduleTrigger's `typeProperties.recurrence`, checked field by field. */
export function parseRecurrence(
  typeProperties: Record<string, unknown>,
  reader: JsonReader,
): Recurrence | undefined {
  const recurrence = reader.object(typeProperties.recurrence, base, true);
  if (!recurrence) return undefined;
  const frequency = reader.choice(recurrence.frequency, `${base}.frequency`, frequencies);
  const interval = reader.integer(recurrence.interval, `${base}.interval`, 1, 1000, 1);
  const zone = zoneNamed(recurrence.timeZone as string | undefined);
  if (
    zone === undefined ||
    (recurrence.timeZone !== undefined && typeof recurrence.timeZone !== "string")
  ) {
    reader.problem(
      `${base}.timeZone`,
      `timeZone ${show(recurrence.timeZone)} is not a time zone; allowed: a Windows time zone ID as ADF lists them ("Pacific Standard Time", "UTC") or an IANA name ("Europe/Berlin")`,
    );
  }
  const times = zone ? parseTimes(recurrence, zone, reader) : undefined;
  const schedule = parseSchedule(recurrence.schedule, frequency, reader);
  if (!frequency || !interval || !zone || !times) return undefined;
  return {
    frequency,
    interval,
    zone,
    startUtc: times.start,
    ...(times.end === undefined ? {} : { endUtc: times.end }),
    ...(schedule ? { schedule } : {}),
  };
}

function parseTimes(
  recurrence: Record<string, unknown>,
  zone: NonNullable<ReturnType<typeof zoneNamed>>,
  reader: JsonReader,
): { start: number; end?: number } | undefined {
  const start = parseTriggerTime(recurrence.startTime, zone);
  if (start === undefined) {
    reader.problem(
      `${base}.startTime`,
      `startTime ${recurrence.startTime === undefined ? "is missing" : `${show(recurrence.startTime)} is not a date and time`}; allowed: ISO 8601 such as 2024-01-31T08:00:00Z`,
      recurrence.startTime === undefined ? "MissingProperty" : "InvalidValue",
    );
    return undefined;
  }
  if (recurrence.endTime === undefined || recurrence.endTime === null) return { start };
  const end = parseTriggerTime(recurrence.endTime, zone);
  if (end === undefined) {
    reader.problem(
      `${base}.endTime`,
      `endTime ${show(recurrence.endTime)} is not a date and time; allowed: ISO 8601 such as 2024-12-31T08:00:00Z`,
    );
    return undefined;
  }
  if (end <= start) {
    reader.problem(
      `${base}.endTime`,
      `endTime ${show(recurrence.endTime)} is not after startTime ${show(recurrence.startTime)}`,
    );
    return undefined;
  }
  return { start, end };
}

function parseSchedule(
  value: unknown,
  frequency: Frequency | undefined,
  reader: JsonReader,
): Schedule | undefined {
  const path = `${base}.schedule`;
  const schedule = reader.object(value, path, false);
  if (!schedule) return undefined;
  const only = (field: string, needed: Frequency): boolean => {
    if (schedule[field] === undefined || frequency === undefined || frequency === needed)
      return true;
    reader.problem(
      `${path}.${field}`,
      `${field} applies only with frequency ${needed}, but the frequency is ${frequency}`,
    );
    return false;
  };
  const weekDays = only("weekDays", "Week")
    ? parseWeekDays(schedule.weekDays, `${path}.weekDays`, reader)
    : undefined;
  const monthDays = only("monthDays", "Month")
    ? reader.integers(schedule.monthDays, `${path}.monthDays`, -31, 31, true)
    : undefined;
  const occurrences = only("monthlyOccurrences", "Month")
    ? parseOccurrences(schedule.monthlyOccurrences, `${path}.monthlyOccurrences`, reader)
    : undefined;
  const minutes = reader.integers(schedule.minutes, `${path}.minutes`, 0, 59);
  const hours = reader.integers(schedule.hours, `${path}.hours`, 0, 23);
  return {
    ...(minutes ? { minutes } : {}),
    ...(hours ? { hours } : {}),
    ...(weekDays ? { weekDays } : {}),
    ...(monthDays ? { monthDays } : {}),
    ...(occurrences ? { monthlyOccurrences: occurrences } : {}),
  };
}

function weekDay(value: unknown, path: string, reader: JsonReader): number | undefined {
  const name = reader.choice(value, path, weekDayNames);
  return name === undefined ? undefined : weekDayNames.indexOf(name);
}

function parseWeekDays(value: unknown, path: string, reader: JsonReader): number[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const days = list.map((v, i) => weekDay(v, `${path}[${i}]`, reader));
  return days.every((d) => d !== undefined) && days.length > 0 ? (days as number[]) : undefined;
}

function parseOccurrences(
  value: unknown,
  path: string,
  reader: JsonReader,
): { day: number; occurrence?: number }[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    reader.problem(
      path,
      "monthlyOccurrences must be an array of { day, occurrence }",
      "MissingProperty",
    );
    return undefined;
  }
  const result: { day: number; occurrence?: number }[] = [];
  value.forEach((entry: unknown, i) => {
    const object = reader.object(entry, `${path}[${i}]`, true);
    if (!object) return;
    const day = weekDay(object.day, `${path}[${i}].day`, reader);
    const occurrence =
      object.occurrence === undefined
        ? undefined
        : reader.integers(object.occurrence, `${path}[${i}].occurrence`, -5, 5, true)?.[0];
    if (day !== undefined && (object.occurrence === undefined || occurrence !== undefined))
      result.push({ day, ...(occurrence === undefined ? {} : { occurrence }) });
  });
  return result.length === value.length ? result : undefined;
}
