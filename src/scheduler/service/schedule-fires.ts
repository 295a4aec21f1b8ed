import { newUuid, type RandomSource } from "../../core/index.js";
import type { TriggerStateRecord, TriggerStore } from "../../store/index.js";
import type { ScheduleTriggerSpec } from "../definition/trigger-spec.js";
import { firesBetween } from "../recurrence/next-fire.js";
import { completeFire, plannedRunsFor } from "./fire-pipelines.js";
import type { MissedFirePolicy, RunStarter } from "./scheduler-deps.js";

/** Everything firing a schedule trigger needs. */
export interface ScheduleContext {
  readonly store: TriggerStore;
  readonly engine: RunStarter;
  readonly random: RandomSource;
  readonly owner: string;
  readonly leaseMs: number;
}

const maxFiresPerTick = 1000;

/**
 * Fires one schedule fire time: records it under its unique fire key (the scheduled time), and
 * only the scheduler whose insert won creates the pipeline runs. Returns whether it fired here.
 */
export async function fireAt(
  context: ScheduleContext,
  factory: string,
  spec: ScheduleTriggerSpec,
  scheduledTime: number,
  now: number,
): Promise<boolean> {
  const run = await context.store.insertRun({
    triggerRunId: newUuid(context.random),
    factory,
    triggerName: spec.name,
    triggerType: spec.type,
    fireKey: new Date(scheduledTime).toISOString(),
    scheduledTime,
    triggerRunTimestamp: now,
    status: "Inprogress",
    properties: {
      scheduledTime: new Date(scheduledTime).toISOString(),
      startTime: new Date(now).toISOString(),
    },
    plannedRuns: plannedRunsFor(spec.pipelines, context.random),
    leaseOwner: context.owner,
    leaseMs: context.leaseMs,
  });
  if (run === undefined) return false;
  await completeFire(context.store, context.engine, spec, run, spec.pipelines);
  return true;
}

/**
 * Fires what fell due since the trigger's cursor, then moves the cursor past it. Under `skip`
 * a fire older than `graceMs` is dropped, as ADF drops fires it missed; under `catchUp` each
 * runs, oldest first, at most 1,000 per call.
 */
export async function fireDue(
  context: ScheduleContext,
  state: TriggerStateRecord,
  spec: ScheduleTriggerSpec,
  now: number,
  policy: MissedFirePolicy,
  graceMs: number,
): Promise<number> {
  const cursor = state.cursor ?? state.startedAt ?? now;
  const due = firesBetween(spec.recurrence, cursor + 1, now + 1, maxFiresPerTick);
  let fired = 0;
  for (const time of due) {
    if (policy === "skip" && time < now - graceMs) continue;
    if (await fireAt(context, state.factory, spec, time, now)) fired++;
  }
  const last = due[due.length - 1];
  if (last !== undefined)
    await context.store.advanceCursor(state.factory, state.trigger, state.generation, last);
  return fired;
}
