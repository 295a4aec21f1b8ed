import type { Activity } from "../model/pipeline.js";
import type { ActivityError, ActivityStatus, ContainerStatus } from "./run-status.js";

/** The outcome of a finished container, from {@link containerOutcome}. */
export interface ContainerOutcome {
  readonly status: ContainerStatus;
  /** The activities the leaf rule looked at, in the order it looked. */
  readonly evaluated: readonly string[];
  /** The evaluated activities that failed (or were cancelled), in the same order. */
  readonly failed: readonly string[];
}

/**
 * ADF's rule for a pipeline's status, applied to any container (tutorial "Errors and
 * Conditional execution", "How pipeline failure are determined"):
 *
 * 1. Evaluate every leaf activity (one no sibling depends on). If a leaf was Skipped,
 *    evaluate its parents (the activities it depends on) instead, recursively.
 * 2. The container succeeds if and only if every evaluated activity succeeded.
 *
 * So Try-Catch succeeds when the catch succeeds, Do-If-Else fails when the main activity
 * fails, Do-If-Skip-Else succeeds. A Skipped activity with no parents (an inactive one marked
 * Skipped, say) is not evaluated; an empty container, or one where everything was skipped that
 * way, succeeds. A Cancelled evaluated activity makes the container Cancelled unless another
 * evaluated one Failed. Statuses should all be final (see planContainer's `finished`).
 */
export function containerOutcome(
  activities: readonly Activity[],
  statuses: Readonly<Record<string, ActivityStatus | undefined>>,
): ContainerOutcome {
  const byName = new Map(activities.map((activity) => [activity.name, activity]));
  const hasDependents = new Set(
    activities.flatMap((activity) => (activity.dependsOn ?? []).map((d) => d.activity)),
  );
  const evaluated: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    if (statuses[name] !== "Skipped") {
      evaluated.push(name);
      return;
    }
    for (const dependency of byName.get(name)?.dependsOn ?? []) visit(dependency.activity);
  };
  for (const activity of activities) if (!hasDependents.has(activity.name)) visit(activity.name);
  const failed = evaluated.filter((name) => statuses[name] !== "Succeeded");
  return { status: statusOf(failed, statuses), evaluated, failed };
}

function statusOf(
  failed: readonly string[],
  statuses: Readonly<Record<string, ActivityStatus | undefined>>,
): ContainerStatus {
  if (failed.length === 0) return "Succeeded";
  return failed.some((name) => statuses[name] !== "Cancelled") ? "Failed" : "Cancelled";
}

/**
 * The error a failed pipeline run reports (its `message`), as ADF words it:
 * `Operation on target <activity> failed: <the activity's error message>`, for the first
 * failed activity the leaf rule evaluated (declaration order) that has an error; when none
 * has one (an inactive activity marked Failed), the first failed one with a plain message.
 * Undefined when nothing failed.
 */
export function pipelineFailure(
  outcome: ContainerOutcome,
  errors: Readonly<Record<string, ActivityError | undefined>>,
): ActivityError | undefined {
  for (const name of outcome.failed) {
    const error = errors[name];
    if (!error) continue;
    return {
      ...error,
      message: `Operation on target ${name} failed: ${error.message}`,
      target: name,
    };
  }
  const first = outcome.failed[0];
  if (first === undefined) return undefined;
  return {
    errorCode: "ActionFailed",
    message: `Operation on target ${first} failed.`,
    failureType: "UserError",
    target: first,
  };
}

/**
 * The error a control activity (ForEach, If, Switch, Until) reports when its inner
 * activities failed, as ADF words it: `Activity failed because an inner activity failed;
 * Inner activity name: <name>, Error: <message>`, errorCode `ActionFailed`.
 */
export function innerActivityFailure(
  target: string,
  innerName: string,
  inner: ActivityError | undefined,
): ActivityError {
  const message = inner?.message ?? `Activity '${innerName}' failed.`;
  return {
    errorCode: "ActionFailed",
    message: `Activity failed because an inner activity failed; Inner activity name: ${innerName}, Error: ${message}`,
    failureType: inner?.failureType ?? "UserError",
    target,
  };
}
