import type { ActivityRunRecord } from "../../store/index.js";
import type { Activity } from "../model/pipeline.js";
import { isDone } from "./attempt-state.js";
import type { RunHistory } from "./run-history.js";

/** How a rerun reuses its reference run, kept in the new run's engine state. */
export interface RerunPlan {
  readonly referenceRunId: string;
  /** `failed`: rerun what did not succeed. `from`: rerun `startActivityName` and what follows it. */
  readonly mode: "failed" | "from";
  readonly startActivityName?: string;
}

/**
 * Seeds a rerun's history from its reference run. From failure: every activity run that
 * succeeded, at any depth, is reused, so a ForEach reruns only its failed iterations (and in
 * them only what failed). From an activity: the top-level activities that neither are it nor
 * depend on it (directly or not) keep their results, with everything inside them.
 */
export function seedRerun(
  history: RunHistory,
  plan: RerunPlan,
  topLevel: readonly Activity[],
  referenceRows: readonly ActivityRunRecord[],
): void {
  if (plan.mode === "failed") {
    for (const row of referenceRows) {
      if (row.status === "Succeeded" && isDone(row)) history.addSeed(row);
    }
    return;
  }
  const rerun = downstreamOf(topLevel, plan.startActivityName ?? "");
  for (const row of referenceRows) {
    if (!rerun.has(topLevelOf(topLevel, row)) && isDone(row)) history.addSeed(row);
  }
}

/** The activity and every top-level activity depending on it, lowercased. */
export function downstreamOf(activities: readonly Activity[], start: string): Set<string> {
  const result = new Set<string>([start.toLowerCase()]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const activity of activities) {
      const name = activity.name.toLowerCase();
      if (result.has(name)) continue;
      if ((activity.dependsOn ?? []).some((d) => result.has(d.activity.toLowerCase()))) {
        result.add(name);
        grew = true;
      }
    }
  }
  return result;
}

// The top-level activity a row sits under: the name its scope path starts with, followed by
// `[` (a loop iteration) or `.` (a branch). Names are matched, not parsed, since they may
// hold dots themselves.
function topLevelOf(activities: readonly Activity[], row: ActivityRunRecord): string {
  if (row.scopePath === "") return row.activityName.toLowerCase();
  const path = row.scopePath.toLowerCase();
  const owner = activities.find((activity) => {
    const name = activity.name.toLowerCase();
    return path.startsWith(`${name}[`) || path.startsWith(`${name}.`);
  });
  return owner?.name.toLowerCase() ?? path;
}
