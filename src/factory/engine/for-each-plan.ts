import { SluiceError } from "../../core/index.js";
import { adfTypeName, flagOf } from "./adf-type-name.js";
import { userError, type ActivityError } from "./run-status.js";

/** 20: ADF's default `batchCount`. */
export const defaultBatchCount = 20;
/** 50: ADF's largest `batchCount`. */
export const maxBatchCount = 50;
/** 100,000: the most items a ForEach iterates over. */
export const maxForEachItems = 100_000;

/** How a ForEach runs, from {@link planForEach}. */
export interface ForEachPlan {
  readonly items: readonly unknown[];
  /** Iterations at once: 1 when `isSequential`, else `batchCount`. */
  readonly concurrency: number;
}

/** A plan, or the failure of the activity (as data). */
export type Planned<T> =
  { readonly ok: true; readonly plan: T } | { readonly ok: false; readonly error: ActivityError };

/**
 * Plans a ForEach from its `typeProperties` (`isSequential` default false, `batchCount`
 * default 20, at most 50; both may be written as text) and the evaluated `items`, which must
 * be an array of at most 100,000 elements. `itemsText` is the items expression, quoted in
 * the error as ADF does. A bad `batchCount` is a definition error: throws InvalidArgument.
 */
export function planForEach(
  activityName: string,
  typeProperties: Readonly<Record<string, unknown>> | undefined,
  items: unknown,
  itemsText: string,
): Planned<ForEachPlan> {
  const batchCount = batchCountOf(activityName, typeProperties?.batchCount);
  if (!Array.isArray(items)) {
    return failure(
      activityName,
      "InvalidTemplate",
      `The result of the evaluation of 'foreach' expression '${itemsText}' is of type '${adfTypeName(items)}'. The result must be a valid array.`,
    );
  }
  if (items.length > maxForEachItems) {
    return failure(
      activityName,
      "InvalidTemplate",
      `The 'foreach' expression '${itemsText}' returned ${items.length} items; ADF's limit is ${maxForEachItems}.`,
    );
  }
  const sequential = flagOf(typeProperties?.isSequential, false);
  return { ok: true, plan: { items, concurrency: sequential ? 1 : batchCount } };
}

function batchCountOf(activityName: string, raw: unknown): number {
  if (raw === undefined || raw === null) return defaultBatchCount;
  const value = typeof raw === "string" && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (
    typeof value === "number" &&
    Number.isInteger(value) &&
    value >= 1 &&
    value <= maxBatchCount
  ) {
    return value;
  }
  throw new SluiceError(
    "InvalidArgument",
    `ForEach '${activityName}' has batchCount ${JSON.stringify(raw)}; it must be a whole number from 1 to ${maxBatchCount}.`,
    { details: { field: "typeProperties.batchCount", value: raw, allowed: `1..${maxBatchCount}` } },
  );
}

function failure<T>(target: string, code: string, message: string): Planned<T> {
  return { ok: false, error: userError(target, code, message) };
}

/**
 * The iteration indices to start now, given how many were started so far (indices
 * `0..started-1`, in item order) and how many of those still run.
 */
export function nextIterations(plan: ForEachPlan, started: number, running: number): number[] {
  const room = Math.max(0, plan.concurrency - running);
  const end = Math.min(plan.items.length, started + room);
  const indices: number[] = [];
  for (let index = started; index < end; index++) indices.push(index);
  return indices;
}
