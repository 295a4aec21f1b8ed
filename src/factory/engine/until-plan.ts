import { adfTypeName } from "./adf-type-name.js";
import type { BranchResult } from "./branch-result.js";
import { controlOutcome } from "./branch-result.js";
import type { ActivityError, ContainerStatus } from "./run-status.js";
import { userError } from "./run-status.js";
import { days, formatTimeSpan, parseTimeSpan } from "./time-span.js";

/** 7 days: the Until timeout when none is given. */
export const defaultUntilTimeoutMs = days(7);
/** 90 days: the largest Until timeout. */
export const maxUntilTimeoutMs = days(90);

/**
 * An Until's `timeout` (resolved), in milliseconds: `d.hh:mm:ss` or `hh:mm:ss`, default 7
 * days, at most 90. Throws InvalidArgument naming `where` when malformed.
 */
export function untilTimeoutMs(timeout: unknown, where: string): number {
  if (timeout === undefined || timeout === null) return defaultUntilTimeoutMs;
  return parseTimeSpan(timeout, {
    field: `${where}.typeProperties.timeout`,
    maxMs: maxUntilTimeoutMs,
    maxText: "90 days",
  });
}

/** What an Until does after an iteration, from {@link afterUntilIteration}. */
export type UntilStep =
  | { readonly kind: "again" }
  | { readonly kind: "done"; readonly status: ContainerStatus; readonly error?: ActivityError };

/** Facts about the iteration that just ended. */
export interface UntilIteration {
  /** The loop's `expression`, evaluated after this iteration. */
  readonly condition: unknown;
  readonly expressionText: string;
  /** This iteration's result by the leaf rule. */
  readonly result: BranchResult;
  readonly startedAtMs: number;
  readonly nowMs: number;
  readonly timeoutMs: number;
}

/**
 * Until is do-until: the inner activities run, then the expression is evaluated; `true` ends
 * the loop, `false` runs it again. A failed inner activity does not stop the loop (ADF's
 * docs); when the loop ends, its status is that of the last iteration (a polling loop whose
 * last poll succeeded succeeds). Past the timeout the loop fails with ActionTimedOut. A
 * non-boolean expression fails the activity. A cancelled iteration ends the loop Cancelled.
 */
export function afterUntilIteration(activityName: string, it: UntilIteration): UntilStep {
  if (it.result.status === "Cancelled") return { kind: "done", status: "Cancelled" };
  if (typeof it.condition !== "boolean") {
    return {
      kind: "done",
      status: "Failed",
      error: userError(
        activityName,
        "InvalidTemplate",
        `The expression '${it.expressionText}' of Until '${activityName}' evaluated to type '${adfTypeName(it.condition)}'; it must evaluate to a Boolean.`,
      ),
    };
  }
  if (it.condition) return { kind: "done", ...controlOutcome(activityName, [it.result]) };
  if (it.nowMs >= it.startedAtMs + it.timeoutMs) {
    return {
      kind: "done",
      status: "Failed",
      error: untilTimeoutFailure(activityName, it.timeoutMs),
    };
  }
  return { kind: "again" };
}

/** The failure of an Until that ran past its timeout (also when it is hit mid-iteration). */
export function untilTimeoutFailure(activityName: string, timeoutMs: number): ActivityError {
  return userError(
    activityName,
    "ActionTimedOut",
    `Until '${activityName}' timed out after ${formatTimeSpan(timeoutMs)} before its expression became true.`,
  );
}
