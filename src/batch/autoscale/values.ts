// The formula's values and their types, as Batch's docs name them. A service-defined metric
// (`$PendingTasks`) is an object of samples with methods, not a number.
import { SluiceError } from "../../core/index.js";

export type ValueType =
  "double" | "doubleVec" | "string" | "timestamp" | "timeinterval" | "samples";

export type Value =
  | { readonly type: "double"; readonly value: number }
  | { readonly type: "doubleVec"; readonly value: readonly number[] }
  | { readonly type: "string"; readonly value: string }
  /** Milliseconds since the Unix epoch (UTC). */
  | { readonly type: "timestamp"; readonly value: number }
  /** Milliseconds (fractions keep 100-ns steps). */
  | { readonly type: "timeinterval"; readonly value: number }
  /** A sampled service-defined variable, by its canonical name. */
  | { readonly type: "samples"; readonly value: string };

export const double = (value: number): Value => ({ type: "double", value });
export const doubleVec = (value: readonly number[]): Value => ({ type: "doubleVec", value });
export const text = (value: string): Value => ({ type: "string", value });
export const timestamp = (value: number): Value => ({ type: "timestamp", value });
export const timeinterval = (value: number): Value => ({ type: "timeinterval", value });

/**
 * A failure while running a formula, without its place: the evaluator adds the line and
 * column of the expression that failed. `batchCode` is the `autoScaleRun.error.code`.
 */
export class FormulaFault extends SluiceError {
  readonly batchCode: string;
  /** Where in the formula it failed: set by the innermost expression that saw it. */
  offset: number | undefined;

  constructor(message: string, batchCode = "AutoScalingFormulaEvaluationError") {
    super("AutoScaleEvaluationFailed", message, { details: { batchCode } });
    this.name = "FormulaFault";
    this.batchCode = batchCode;
  }
}

/** The TimeInterval_* constants, in milliseconds. */
export const timeIntervalConstants: Readonly<Record<string, number>> = {
  TimeInterval_Zero: 0,
  TimeInterval_100ns: 0.0001,
  TimeInterval_Microsecond: 0.001,
  TimeInterval_Millisecond: 1,
  TimeInterval_Second: 1000,
  TimeInterval_Minute: 60_000,
  TimeInterval_Hour: 3_600_000,
  TimeInterval_Day: 86_400_000,
  TimeInterval_Week: 7 * 86_400_000,
  TimeInterval_Year: 365 * 86_400_000,
};

/** The `$NodeDeallocationOption` values, usable as bare words (`= taskcompletion`). */
export const deallocationOptions = ["requeue", "terminate", "taskcompletion", "retaineddata"];

/** A number as results show it: integers plainly, others to 15 significant digits. */
export function formatDouble(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "Inf" : "-Inf";
  return String(Number(value.toPrecision(15)));
}

/** A time interval as .NET prints a TimeSpan: `[-][d.]hh:mm:ss[.fffffff]`. */
export function formatInterval(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  const ticks = Math.round(Math.abs(ms) * 10_000);
  const totalSeconds = Math.floor(ticks / 10_000_000);
  const fraction = ticks % 10_000_000;
  const days = Math.floor(totalSeconds / 86_400);
  const two = (n: number): string => String(n).padStart(2, "0");
  const clock = `${two(Math.floor(totalSeconds / 3600) % 24)}:${two(Math.floor(totalSeconds / 60) % 60)}:${two(totalSeconds % 60)}`;
  const tail = fraction === 0 ? "" : `.${String(fraction).padStart(7, "0")}`;
  return `${sign}${days > 0 ? `${days}.` : ""}${clock}${tail}`;
}

/** A value as `autoScaleRun.results` shows it (`$curTime=2016-10-13T19:18:47.805Z`). */
export function formatValue(value: Value): string {
  switch (value.type) {
    case "double":
      return formatDouble(value.value);
    case "doubleVec":
      return `[${value.value.map(formatDouble).join(",")}]`;
    case "string":
    case "samples":
      return value.value;
    case "timestamp":
      return new Date(value.value).toISOString();
    case "timeinterval":
      return formatInterval(value.value);
  }
}
