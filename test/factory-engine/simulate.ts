import {
  containerOutcome,
  planContainer,
  type ActivityStatus,
  type ContainerOutcome,
} from "../../src/factory/index.js";
import type { Activity, DependencyCondition } from "../../src/factory/index.js";

/** `name` depending on `deps` (each `[upstream, ...conditions]`). */
export function act(
  name: string,
  deps: readonly (readonly [string, ...DependencyCondition[]])[] = [],
  extra: Partial<Activity> = {},
): Activity {
  return {
    name,
    type: "Wait",
    dependsOn: deps.map(([activity, ...dependencyConditions]) => ({
      activity,
      dependencyConditions,
    })),
    ...extra,
  };
}

/** What happened in a simulated run: final statuses, start order, and the outcome. */
export interface Simulation {
  readonly statuses: Readonly<Record<string, ActivityStatus | undefined>>;
  readonly started: readonly string[];
  readonly outcome: ContainerOutcome;
}

/**
 * Drives planContainer as the engine will: start what is ready, finish each started activity
 * with its scripted result (Succeeded unless listed), one batch at a time, until finished.
 */
export function simulate(
  activities: readonly Activity[],
  results: Readonly<Record<string, "Succeeded" | "Failed" | "Cancelled">> = {},
): Simulation {
  let statuses: Record<string, ActivityStatus | undefined> = {};
  const started: string[] = [];
  for (let round = 0; round < 1000; round++) {
    const plan = planContainer(activities, statuses);
    statuses = { ...plan.statuses };
    if (plan.finished)
      return { statuses, started, outcome: containerOutcome(activities, statuses) };
    if (plan.run.length === 0) throw new Error(`stuck: ${JSON.stringify(statuses)}`);
    for (const name of plan.run) {
      started.push(name);
      statuses[name] = results[name] ?? "Succeeded";
    }
  }
  throw new Error("did not finish");
}
