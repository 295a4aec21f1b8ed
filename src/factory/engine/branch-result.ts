import type { Activity } from "../model/pipeline.js";
import { containerOutcome, innerActivityFailure } from "./container-outcome.js";
import type { ActivityError, ActivityStatus, ContainerStatus } from "./run-status.js";

/** How one run of a control activity's inner activities ended (a ForEach iteration, an If branch...). */
export interface BranchResult {
  readonly status: ContainerStatus;
  /** The first inner activity the leaf rule found failed, and its error. */
  readonly failedActivity?: string;
  readonly error?: ActivityError;
}

/** A finished branch's result by the leaf rule (see {@link containerOutcome}). */
export function branchResult(
  activities: readonly Activity[],
  statuses: Readonly<Record<string, ActivityStatus | undefined>>,
  errors: Readonly<Record<string, ActivityError | undefined>>,
): BranchResult {
  const outcome = containerOutcome(activities, statuses);
  const failedActivity = outcome.failed.find((name) => errors[name]) ?? outcome.failed[0];
  if (outcome.status === "Succeeded" || failedActivity === undefined)
    return { status: outcome.status };
  const error = errors[failedActivity];
  return error
    ? { status: outcome.status, failedActivity, error }
    : { status: outcome.status, failedActivity };
}

/**
 * A control activity's status from the runs of its inner activities: a ForEach's iterations
 * (all of them run even when one fails: ADF does not stop a ForEach early), an If's or a
 * Switch's one branch, an Until's last iteration. It fails when any run failed (each judged
 * by the leaf rule, so a failure caught inside does not count), with ADF's "inner activity
 * failed" error naming the first failed run's activity. No runs (ForEach of zero items, an
 * empty branch) succeed.
 */
export function controlOutcome(
  activityName: string,
  runs: readonly BranchResult[],
): { readonly status: ContainerStatus; readonly error?: ActivityError } {
  const failed = runs.find((run) => run.status === "Failed");
  if (failed) {
    return {
      status: "Failed",
      error: innerActivityFailure(
        activityName,
        failed.failedActivity ?? activityName,
        failed.error,
      ),
    };
  }
  if (runs.some((run) => run.status === "Cancelled")) return { status: "Cancelled" };
  return { status: "Succeeded" };
}
