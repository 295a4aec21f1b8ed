import { SluiceError } from "../../core/index.js";
import type { Activity } from "../model/pipeline.js";
import { dependenciesState } from "./dependency-conditions.js";
import { inactiveMarkAs, type InactiveMarkAs } from "./inactive-activity.js";
import { isFinalStatus, type ActivityStatus } from "./run-status.js";

/** Each sibling's status so far, by activity name; a missing name has not run yet. */
export type SiblingStatuses = Readonly<Record<string, ActivityStatus | undefined>>;

/** An inactive activity whose turn came: it ends with `status` without running. */
export interface InactiveDecision {
  readonly name: string;
  readonly status: InactiveMarkAs;
}

/** What to do now in one container, from {@link planContainer}. */
export interface ContainerPlan {
  /** Activities whose dependencies hold: start them now (declaration order). */
  readonly run: readonly string[];
  /** Activities whose dependencies can no longer hold: record them as Skipped now. */
  readonly skip: readonly string[];
  /** Inactive activities whose turn came: record their `onInactiveMarkAs` status now. */
  readonly inactive: readonly InactiveDecision[];
  /** True when every activity has a final status (after applying this plan) and none can start. */
  readonly finished: boolean;
  /** Every activity's status after applying `skip` and `inactive` (not `run`). */
  readonly statuses: Readonly<Record<string, ActivityStatus | undefined>>;
}

/**
 * Decides, for the activities of one container (a pipeline's `activities`, or a ForEach,
 * If, Switch or Until branch), which start now, which are Skipped now, and whether the
 * container is finished. Pure: the caller records the decisions and calls again when a
 * status changes.
 *
 * - An activity with no `dependsOn` is ready at once.
 * - `dependencyConditions` of one entry are ORed; entries are ANDed (see dependency-conditions.ts).
 * - An activity whose dependencies can no longer hold is Skipped, and that cascades to its
 *   dependents within the same call (so an Upon Skip branch becomes ready in the same plan).
 * - An inactive activity takes its turn like any other and ends with `onInactiveMarkAs`
 *   instead of running; if its dependencies cannot hold it is Skipped like any other.
 *
 * `dependsOn` naming a non-sibling is rejected by validation; here it throws InvalidArgument.
 * Cycles are rejected by validation too; their members simply never become ready.
 */
export function planContainer(
  activities: readonly Activity[],
  statuses: SiblingStatuses,
): ContainerPlan {
  checkDependencyNames(activities);
  const current: Record<string, ActivityStatus | undefined> = { ...statuses };
  const run: string[] = [];
  const skip: string[] = [];
  const inactive: InactiveDecision[] = [];
  const started = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const activity of activities) {
      if (current[activity.name] !== undefined || started.has(activity.name)) continue;
      const state = dependenciesState(activity.dependsOn, (name) => current[name]);
      if (state === "pending") continue;
      if (state === "unmet") {
        current[activity.name] = "Skipped";
        skip.push(activity.name);
        changed = true;
        continue;
      }
      const markAs = inactiveMarkAs(activity);
      if (markAs) {
        current[activity.name] = markAs;
        inactive.push({ name: activity.name, status: markAs });
        changed = true;
      } else {
        run.push(activity.name);
        started.add(activity.name);
      }
    }
  }
  const finished = run.length === 0 && activities.every((a) => isFinalStatus(current[a.name]));
  return { run, skip, inactive, finished, statuses: current };
}

function checkDependencyNames(activities: readonly Activity[]): void {
  const names = new Set(activities.map((activity) => activity.name));
  for (const activity of activities) {
    for (const dependency of activity.dependsOn ?? []) {
      if (names.has(dependency.activity)) continue;
      throw new SluiceError(
        "InvalidArgument",
        `Activity '${activity.name}' depends on '${dependency.activity}', which is not an activity of the same container; allowed: ${[...names].join(", ") || "(none)"}.`,
        { details: { field: "dependsOn", value: dependency.activity, activity: activity.name } },
      );
    }
  }
}
