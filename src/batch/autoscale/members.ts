// Sample methods and timestamp members: the names a formula may use after a `.`.
import type { ValueType } from "./values.js";

export interface SampleMethod {
  /** As Batch's docs spell it. */
  readonly name:
    "GetSample" | "GetSamplePercent" | "GetSamplePeriod" | "Count" | "HistoryBeginTime";
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly result: ValueType;
}

const methods: readonly SampleMethod[] = [
  { name: "GetSample", minArgs: 1, maxArgs: 3, result: "doubleVec" },
  { name: "GetSamplePercent", minArgs: 1, maxArgs: 2, result: "double" },
  { name: "GetSamplePeriod", minArgs: 0, maxArgs: 0, result: "timeinterval" },
  { name: "Count", minArgs: 0, maxArgs: 0, result: "double" },
  { name: "HistoryBeginTime", minArgs: 0, maxArgs: 0, result: "timestamp" },
];

const byLowerName = new Map(methods.map((method) => [method.name.toLowerCase(), method]));

/** The sample method `name` (any case), or undefined. */
export function sampleMethod(name: string): SampleMethod | undefined {
  return byLowerName.get(name.toLowerCase());
}

/** A timestamp's members; `weekday` is 0 for Sunday, 1 for Monday... (UTC). */
export const timestampMembers: Readonly<Record<string, (date: Date) => number>> = {
  year: (date) => date.getUTCFullYear(),
  month: (date) => date.getUTCMonth() + 1,
  day: (date) => date.getUTCDate(),
  weekday: (date) => date.getUTCDay(),
  hour: (date) => date.getUTCHours(),
  minute: (date) => date.getUTCMinutes(),
  second: (date) => date.getUTCSeconds(),
};

/** `n argument(s)` or `from a to b arguments`, for messages. */
export function arity(min: number, max: number): string {
  if (min === max) return `${min} argument${min === 1 ? "" : "s"}`;
  return max === Number.POSITIVE_INFINITY
    ? `at least ${min} argument${min === 1 ? "" : "s"}`
    : `${min} to ${max} arguments`;
}
