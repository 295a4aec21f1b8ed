import { parseTimeSpan } from "../time/time-span.js";
import { parseTriggerTime, zoneNamed } from "../time/zoned-time.js";
import { show, type JsonReader } from "./json-reader.js";
import type { WindowDependency, WindowFrequency } from "./trigger-spec.js";

const base = "$.properties.typeProperties";
export const windowFrequencies: readonly WindowFrequency[] = ["Minute", "Hour", "Month"];
const dependencyTypes = [
  "TumblingWindowTriggerDependencyReference",
  "SelfDependencyTumblingWindowTriggerReference",
] as const;

/** The fields of a TumblingWindowTrigger's `typeProperties`, checked one by one. */
export interface TumblingFields {
  readonly frequency: WindowFrequency;
  readonly interval: number;
  readonly startUtc: number;
  readonly endUtc?: number;
  readonly delayMs: number;
  readonly maxConcurrency: number;
  readonly retryCount: number;
  readonly retryIntervalMs: number;
  readonly dependsOn: readonly WindowDependency[];
}

export function parseTumbling(
  name: string,
  tp: Record<string, unknown>,
  reader: JsonReader,
): TumblingFields | undefined {
  const frequency = reader.choice(tp.frequency, `${base}.frequency`, windowFrequencies);
  const interval = reader.integer(tp.interval, `${base}.interval`, 1, 1_000_000);
  const utc = zoneNamed("UTC");
  const startUtc = utc ? parseTriggerTime(tp.startTime, utc) : undefined;
  if (startUtc === undefined) {
    reader.problem(
      `${base}.startTime`,
      `startTime ${tp.startTime === undefined ? "is missing" : `${show(tp.startTime)} is not a date and time`}; allowed: ISO 8601 in UTC such as 2024-01-31T00:00:00Z`,
      tp.startTime === undefined ? "MissingProperty" : "InvalidValue",
    );
  }
  const endUtc =
    tp.endTime === undefined || tp.endTime === null || !utc
      ? undefined
      : parseTriggerTime(tp.endTime, utc);
  if (tp.endTime !== undefined && tp.endTime !== null && endUtc === undefined) {
    reader.problem(
      `${base}.endTime`,
      `endTime ${show(tp.endTime)} is not a date and time; allowed: ISO 8601 such as 2024-12-31T00:00:00Z`,
    );
  } else if (endUtc !== undefined && startUtc !== undefined && endUtc <= startUtc) {
    reader.problem(
      `${base}.endTime`,
      `endTime ${show(tp.endTime)} is not after startTime ${show(tp.startTime)}`,
    );
  }
  const delayMs = tp.delay === undefined ? 0 : parseTimeSpan(tp.delay);
  if (delayMs === undefined || delayMs < 0) {
    reader.problem(
      `${base}.delay`,
      `delay ${show(tp.delay)} is not a timespan; allowed: a non-negative hh:mm:ss such as 00:10:00`,
    );
  }
  const maxConcurrency = reader.integer(tp.maxConcurrency, `${base}.maxConcurrency`, 1, 50);
  const retry = reader.object(tp.retryPolicy, `${base}.retryPolicy`, false) ?? {};
  const retryCount = reader.integer(retry.count ?? 0, `${base}.retryPolicy.count`, 0, 1000);
  const retrySeconds = reader.integer(
    retry.intervalInSeconds ?? 30,
    `${base}.retryPolicy.intervalInSeconds`,
    1,
    86_400,
  );
  const dependsOn = parseDependencies(name, tp.dependsOn, reader);
  if (
    !frequency ||
    !interval ||
    startUtc === undefined ||
    delayMs === undefined ||
    delayMs < 0 ||
    !maxConcurrency ||
    retryCount === undefined ||
    !retrySeconds ||
    !dependsOn
  )
    return undefined;
  if (endUtc === undefined && tp.endTime !== undefined && tp.endTime !== null) return undefined;
  if (endUtc !== undefined && endUtc <= startUtc) return undefined;
  return {
    frequency,
    interval,
    startUtc,
    ...(endUtc === undefined ? {} : { endUtc }),
    delayMs,
    maxConcurrency,
    retryCount,
    retryIntervalMs: retrySeconds * 1000,
    dependsOn,
  };
}

function parseDependencies(
  name: string,
  value: unknown,
  reader: JsonReader,
): WindowDependency[] | undefined {
  const path = `${base}.dependsOn`;
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    reader.problem(path, "dependsOn must be an array", "MissingProperty");
    return undefined;
  }
  if (value.length > 5)
    reader.problem(path, `dependsOn has ${value.length} entries; allowed: at most 5`);
  const result: WindowDependency[] = [];
  value.forEach((entry: unknown, i) => {
    const dependency = parseDependency(name, entry, `${path}[${i}]`, reader);
    if (dependency) result.push(dependency);
  });
  return result.length === value.length && value.length <= 5 ? result : undefined;
}

function parseDependency(
  name: string,
  entry: unknown,
  path: string,
  reader: JsonReader,
): WindowDependency | undefined {
  const object = reader.object(entry, path, true);
  if (!object) return undefined;
  const type = reader.choice(object.type, `${path}.type`, dependencyTypes);
  const self = type === "SelfDependencyTumblingWindowTriggerReference";
  const offsetMs =
    object.offset === undefined ? (self ? undefined : 0) : parseTimeSpan(object.offset);
  if (offsetMs === undefined || (self && offsetMs >= 0)) {
    reader.problem(
      `${path}.offset`,
      self
        ? `offset ${show(object.offset)} must be a negative timespan for a self-dependency, such as -01:00:00`
        : `offset ${show(object.offset)} is not a timespan; allowed: [-]hh:mm:ss`,
    );
  }
  const sizeMs = object.size === undefined ? undefined : parseTimeSpan(object.size);
  if (object.size !== undefined && (sizeMs === undefined || sizeMs <= 0)) {
    reader.problem(
      `${path}.size`,
      `size ${show(object.size)} is not a positive timespan such as 01:00:00`,
    );
  }
  let trigger = name;
  if (!self) {
    const reference = reader.object(object.referenceTrigger, `${path}.referenceTrigger`, true);
    const referenceName = reference?.referenceName;
    if (typeof referenceName !== "string" || referenceName === "") {
      if (reference)
        reader.problem(
          `${path}.referenceTrigger.referenceName`,
          "referenceName must name a tumbling window trigger",
          "MissingProperty",
        );
      return undefined;
    }
    trigger = referenceName;
  }
  if (!type || offsetMs === undefined || (self && offsetMs >= 0)) return undefined;
  if (object.size !== undefined && (sizeMs === undefined || sizeMs <= 0)) return undefined;
  return { trigger, self, offsetMs, ...(sizeMs === undefined ? {} : { sizeMs }) };
}
