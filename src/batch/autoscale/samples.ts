// Sample methods of service-defined metrics (batch-automatic-scaling.md, "Obtain sample
// data"): GetSample, GetSamplePercent, GetSamplePeriod, Count, HistoryBeginTime, over a
// pure SampleSource. Samples are available as soon as they are taken (Batch delays them
// about a minute).
import type { SampledVariable } from "./variables.js";
import { FormulaFault, double, doubleVec, timeinterval, timestamp, type Value } from "./values.js";

/** One sample of a metric: when it was taken (ms since the epoch) and its value. */
export interface Sample {
  readonly time: number;
  readonly value: number;
}

/** Where a formula reads metric history: samples of a metric, oldest first. */
export interface SampleSource {
  samples(variable: SampledVariable): readonly Sample[];
}

/** What the sample methods need besides the samples. */
export interface SampleWindowContext {
  readonly now: number;
  /** How often samples are taken (Batch: 30 s); sets how many a time window should hold. */
  readonly samplePeriodMs: number;
}

const insufficient = "InsufficientSampleData";

/** Reads a start or end argument: a look-back interval before now, or a timestamp. */
function instant(value: Value | undefined, now: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (value.type === "timeinterval") return now - value.value;
  if (value.type === "timestamp") return value.value;
  throw new FormulaFault(
    `a sample window bound must be a timeinterval or timestamp, not ${value.type}`,
  );
}

interface Window {
  readonly samples: readonly Sample[];
  readonly percent: number;
}

/** The samples in a window, and the share of the samples the window should hold. */
function window(
  history: readonly Sample[],
  start: Value | undefined,
  end: Value | undefined,
  context: SampleWindowContext,
): Window {
  const a = instant(start, context.now, context.now);
  const b = instant(end, context.now, context.now);
  const from = Math.min(a, b);
  const to = Math.max(a, b);
  const samples = history.filter((sample) => sample.time > from && sample.time <= to);
  const expected = Math.max(1, Math.floor((to - from) / context.samplePeriodMs));
  return { samples, percent: Math.min(100, (samples.length / expected) * 100) };
}

function readPercent(value: Value | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value.type !== "double") {
    throw new FormulaFault(`the sample percent must be a double, not ${value.type}`);
  }
  return value.value;
}

/**
 * `GetSample(count)`: the last `count` samples (fewer when fewer exist). `GetSample(start
 * [, end] [, samplePercent])`: the samples in the window; fails with `InsufficientSampleData`
 * when fewer than `samplePercent` percent of them are there, or when there are none at all.
 */
export function getSample(
  name: SampledVariable,
  history: readonly Sample[],
  args: readonly Value[],
  context: SampleWindowContext,
): Value {
  const [first, second, third] = args;
  if (first?.type === "double" && args.length === 1) {
    const count = Math.max(0, Math.floor(first.value));
    return doubleVec(count === 0 ? [] : history.slice(-count).map((sample) => sample.value));
  }
  const hasEnd = second !== undefined && second.type !== "double";
  const found = window(history, first, hasEnd ? second : undefined, context);
  const wanted = readPercent(hasEnd ? third : second);
  if (found.samples.length === 0 || (wanted !== undefined && found.percent < wanted)) {
    const want = wanted === undefined ? "some samples" : `${formatPercent(wanted)}%`;
    throw new FormulaFault(
      `Insufficient data from data set: $${name} wanted ${want}, received ${formatPercent(found.percent)}%`,
      insufficient,
    );
  }
  return doubleVec(found.samples.map((sample) => sample.value));
}

/** `GetSamplePercent(start [, end])`: the percent (0..100) of the window's samples present. */
export function getSamplePercent(
  history: readonly Sample[],
  args: readonly Value[],
  context: SampleWindowContext,
): Value {
  return double(window(history, args[0], args[1], context).percent);
}

/** `GetSamplePeriod()`, `Count()`, `HistoryBeginTime()`. */
export function historyFact(
  method: "GetSamplePeriod" | "Count" | "HistoryBeginTime",
  name: SampledVariable,
  history: readonly Sample[],
  context: SampleWindowContext,
): Value {
  if (method === "GetSamplePeriod") return timeinterval(context.samplePeriodMs);
  if (method === "Count") return double(history.length);
  const oldest = history[0];
  if (oldest === undefined) {
    throw new FormulaFault(
      `Insufficient data from data set: $${name} has no samples yet`,
      insufficient,
    );
  }
  return timestamp(oldest.time);
}

function formatPercent(percent: number): string {
  return String(Math.round(percent));
}
