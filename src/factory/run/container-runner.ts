import { newUuid } from "../../core/index.js";
import type { NewActivityRun } from "../../store/index.js";
import {
  branchResult,
  planContainer,
  type ActivityError,
  type ActivityStatus,
  type BranchResult,
  type RecordedRun,
} from "../engine/index.js";
import type { Activity } from "../model/pipeline.js";
import { runActivity, type HandlerLookup } from "./activity-runner.js";
import { isDone, recordedOf } from "./attempt-state.js";
import type { Position } from "./position.js";
import type { RunContext } from "./run-context.js";

/**
 * Runs the activities of one container (a pipeline, a ForEach iteration, an If branch...)
 * to the end: starts each activity when its dependencies hold (siblings run concurrently),
 * records Skipped and inactive ones, and judges the container by ADF's leaf rule. On cancel
 * it starts nothing more, waits for what runs, and ends Cancelled.
 */
export async function runContainer(
  ctx: RunContext,
  activities: readonly Activity[],
  position: Position,
  handlerOf: HandlerLookup,
): Promise<BranchResult> {
  const frame = position.frames.at(-1);
  if (frame === undefined) throw new Error("a container needs a frame");
  const byName = new Map(activities.map((activity) => [activity.name, activity]));
  const statuses: Record<string, ActivityStatus | undefined> = {};
  const errors: Record<string, ActivityError | undefined> = {};
  const running = new Map<string, Promise<void>>();
  let crash: { readonly error: unknown } | undefined;
  const finish = (name: string, run: RecordedRun): void => {
    statuses[name] = run.status;
    errors[name] = run.error;
    frame.runs[name] = run;
    running.delete(name);
  };
  for (;;) {
    const plan = planContainer(activities, statuses);
    // A cancelled container decides nothing more: what had not started simply never runs.
    if (ctx.signal.aborted) {
      if (running.size === 0) break;
      await Promise.race(running.values());
      continue;
    }
    await recordDecisions(ctx, position, plan.skip, plan.inactive, byName, finish);
    Object.assign(statuses, plan.statuses);
    if (plan.finished) break;
    if (crash === undefined) {
      for (const name of plan.run) {
        const activity = byName.get(name);
        if (activity === undefined || running.has(name)) continue;
        statuses[name] = "InProgress";
        running.set(
          name,
          runActivity(ctx, activity, position, handlerOf).then(
            (run) => finish(name, run),
            (error: unknown) => {
              // Siblings still run: stop starting more, let them end, then fail the container.
              crash ??= { error };
              running.delete(name);
            },
          ),
        );
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  if (crash !== undefined) throw crash.error;
  if (ctx.signal.aborted && !activities.every((a) => isEnded(statuses[a.name]))) {
    return { status: "Cancelled" };
  }
  return branchResult(activities, statuses, errors);
}

function isEnded(status: ActivityStatus | undefined): boolean {
  return status !== undefined && status !== "InProgress" && status !== "Queued";
}

// Skipped and inactive activities get a row each (ADF lists them among the activity runs),
// unless a resumed run already wrote it.
async function recordDecisions(
  ctx: RunContext,
  position: Position,
  skipped: readonly string[],
  inactive: readonly { readonly name: string; readonly status: ActivityStatus }[],
  byName: ReadonlyMap<string, Activity>,
  finish: (name: string, run: RecordedRun) => void,
): Promise<void> {
  if (skipped.length === 0 && inactive.length === 0) return;
  const now = ctx.services.clock.now();
  const rows: NewActivityRun[] = [];
  const decide = (name: string, status: ActivityStatus, isInactive: boolean): void => {
    const known =
      ctx.history.seedOf(position.scopePath, name) ??
      ctx.history.attemptsOf(position.scopePath, name).find(isDone);
    if (known) return finish(name, recordedOf(known));
    finish(name, isInactive ? { status, inactive: true } : { status });
    const activity = byName.get(name);
    rows.push({
      activityRunId: newUuid(ctx.services.random),
      activityName: name,
      activityType: activity?.type ?? "",
      status,
      inactive: isInactive,
      linkedServiceName: activity?.linkedServiceName?.referenceName ?? null,
      activityRunStart: now,
      activityRunEnd: now,
      durationInMs: 0,
      scopePath: position.scopePath,
      iterationIndex: position.iterationIndex,
    });
  };
  for (const name of skipped) decide(name, "Skipped", false);
  for (const decision of inactive) decide(decision.name, decision.status, true);
  if (rows.length > 0) await ctx.recorder.createMany(ctx.run.runId, rows);
}
