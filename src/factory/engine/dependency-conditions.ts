import type { ActivityDependency, DependencyCondition } from "../model/pipeline.js";
import { isFinalStatus, type ActivityStatus } from "./run-status.js";

/** Whether one dependency of an activity holds, cannot hold any more, or is still open. */
export type DependencyState = "met" | "unmet" | "pending";

/**
 * Does `condition` accept the upstream's final status? `Completed` is Succeeded or Failed;
 * `Skipped` matches only Skipped. A Cancelled upstream matches nothing.
 */
export function conditionAccepts(condition: DependencyCondition, status: ActivityStatus): boolean {
  if (condition === "Completed") return status === "Succeeded" || status === "Failed";
  return condition === status;
}

/**
 * The state of one `dependsOn` entry given its upstream's status (undefined: not run yet).
 * The entry's `dependencyConditions` are ORed: ADF's "Generic error handling" pattern joins
 * Upon Failure and Upon Skip from one activity in a single entry and runs when either holds.
 * An entry with no conditions is never met, as it can never be satisfied.
 */
export function dependencyState(
  dependency: ActivityDependency,
  upstream: ActivityStatus | undefined,
): DependencyState {
  if (!isFinalStatus(upstream)) return "pending";
  const conditions = dependency.dependencyConditions ?? [];
  return conditions.some((condition) => conditionAccepts(condition, upstream)) ? "met" : "unmet";
}

/**
 * The state of all of an activity's dependencies, ANDed across entries. The decision waits
 * until every upstream has finished, even when one entry already cannot hold, so an activity
 * is never Skipped (and its Upon Skip branch never starts) while an upstream still runs.
 */
export function dependenciesState(
  dependsOn: readonly ActivityDependency[] | undefined,
  statusOf: (name: string) => ActivityStatus | undefined,
): DependencyState {
  let unmet = false;
  for (const dependency of dependsOn ?? []) {
    const state = dependencyState(dependency, statusOf(dependency.activity));
    if (state === "pending") return "pending";
    if (state === "unmet") unmet = true;
  }
  return unmet ? "unmet" : "met";
}
