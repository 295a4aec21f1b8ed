import { SluiceError } from "../../core/index.js";
import type { ActivityPolicy } from "../model/pipeline.js";
import { userError, type ActivityError } from "./run-status.js";
import { days, formatTimeSpan, parseTimeSpan } from "./time-span.js";

/** 12 hours: the current ADF default for `policy.timeout` (older docs and the SDK said 7 days). */
export const defaultActivityTimeoutMs = 12 * 3_600_000;
/** 7 days: ADF's maximum activity timeout (Azure limits page). */
export const maxActivityTimeoutMs = days(7);
/** 30 seconds: ADF's default `retryIntervalInSeconds`. */
export const defaultRetryIntervalSeconds = 30;
/** 86,400 seconds (a day): the largest retry interval accepted. */
export const maxRetryIntervalSeconds = 86_400;

/** An activity policy with defaults applied and units normalised. */
export interface ResolvedPolicy {
  readonly timeoutMs: number;
  /** Retries after the first attempt fails (0: none). */
  readonly retry: number;
  readonly retryIntervalMs: number;
  readonly secureInput: boolean;
  readonly secureOutput: boolean;
}

/**
 * Applies ADF's defaults to an activity `policy` whose expressions are already resolved
 * (`resolveExpressions`): timeout 12 hours (at most 7 days), retry 0, retry interval 30 s.
 * `retry` may be a number or numeric text (an `@{...}` result). ADF's portal refuses
 * timeouts under 10 minutes and intervals under 30 s, but deployed JSON with smaller values
 * runs, so Sluice accepts them (short timeouts are what local tests want). Throws
 * InvalidArgument naming `where` (the activity's JSON path) for malformed values.
 */
export function resolvePolicy(policy: ActivityPolicy | undefined, where: string): ResolvedPolicy {
  const timeout = policy?.timeout;
  const timeoutMs =
    timeout === undefined || timeout === null
      ? defaultActivityTimeoutMs
      : parseTimeSpan(timeout, {
          field: `${where}.policy.timeout`,
          maxMs: maxActivityTimeoutMs,
          maxText: "7 days",
        });
  return {
    timeoutMs,
    retry: wholeNumber(policy?.retry, 0, Number.MAX_SAFE_INTEGER, `${where}.policy.retry`),
    retryIntervalMs:
      1000 *
      wholeNumber(
        policy?.retryIntervalInSeconds,
        defaultRetryIntervalSeconds,
        maxRetryIntervalSeconds,
        `${where}.policy.retryIntervalInSeconds`,
      ),
    secureInput: policy?.secureInput === true,
    secureOutput: policy?.secureOutput === true,
  };
}

function wholeNumber(value: unknown, fallback: number, max: number, field: string): number {
  if (value === undefined || value === null) return fallback;
  const number = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number === "number" && Number.isInteger(number) && number >= 0 && number <= max) {
    return number;
  }
  throw new SluiceError(
    "InvalidArgument",
    `${field} is ${JSON.stringify(value)}; it must be a whole number from 0 to ${max}.`,
    { details: { field, value, allowed: `0..${max}` } },
  );
}

/** What to do after an attempt failed, from {@link nextAttempt}. */
export type AttemptDecision =
  | { readonly kind: "retry"; readonly retryAttempt: number; readonly atMs: number }
  | { readonly kind: "fail" };

/**
 * After attempt `retryAttempt` (0 for the first run, then 1, 2... as ADF's `retryAttempt`)
 * failed at `nowMs`: retry after `retryIntervalInSeconds` while retries remain, else fail.
 * Timeouts are retried like any failure, as in ADF. A failure marked `retryable: false` (an
 * unsupported activity type: running it again cannot help) fails at once.
 */
export function nextAttempt(
  retryAttempt: number,
  failure: { readonly retryable?: boolean },
  policy: ResolvedPolicy,
  nowMs: number,
): AttemptDecision {
  if (failure.retryable === false || retryAttempt >= policy.retry) return { kind: "fail" };
  return { kind: "retry", retryAttempt: retryAttempt + 1, atMs: nowMs + policy.retryIntervalMs };
}

/** When an attempt started at `startMs` times out. */
export function attemptDeadline(startMs: number, policy: ResolvedPolicy): number {
  return startMs + policy.timeoutMs;
}

/**
 * The failure of an attempt that ran past `policy.timeout`: errorCode `ActionTimedOut` (the
 * code ADF reports for timed-out actions), naming the activity and the timeout.
 */
export function timeoutFailure(activityName: string, timeoutMs: number): ActivityError {
  return userError(
    activityName,
    "ActionTimedOut",
    `Activity '${activityName}' timed out after ${formatTimeSpan(timeoutMs)} (policy.timeout).`,
  );
}
