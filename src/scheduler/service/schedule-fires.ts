import { newUuid, type JsonObject, type RandomSource } from "../../core/index.js";
import { resolveExpressions } from "../../expressions/index.js";
import type { PreparedRun, RunRequest } from "../../factory/index.js";
import type { CursorMove, NewFire, TriggerStateRecord, TriggerStore } from "../../store/index.js";
import type { ScheduleTriggerSpec } from "../definition/trigger-spec.js";
import { firesBetween } from "../recurrence/next-fire.js";
import { triggerScope } from "./fire-pipelines.js";
import type { MissedFirePolicy, RunStarter } from "./scheduler-deps.js";

/** Everything firing a schedule trigger needs. */
export interface ScheduleContext {
  readonly store: TriggerStore;
  readonly engine: RunStarter;
  readonly random: RandomSource;
  readonly owner: string;
  readonly leaseMs: number;
}

/** One schedule fire to make: the trigger and its scheduled time. */
export interface ScheduleFire {
  readonly factory: string;
  readonly spec: ScheduleTriggerSpec;
  readonly scheduledTime: number;
}

/** A trigger's fires due in a pass and the cursor move that goes with them. */
export interface DueFires {
  readonly fires: readonly ScheduleFire[];
  readonly cursor: CursorMove | undefined;
}

const maxFiresPerTick = 1000;
/** Fires per transaction: a pass of 1,000 triggers due together commits once or twice. */
const firesPerBatch = 1000;

/**
 * What fell due since the trigger's cursor (pure). Under `skip` (the trigger's own policy, else
 * `policy`) a fire older than `graceMs`
 * is dropped, as ADF drops fires it missed; under `catchUp` each runs, oldest first, at most
 * 1,000 per pass. The cursor moves past every fire looked at, dropped ones included.
 */
export function dueFires(
  state: TriggerStateRecord,
  spec: ScheduleTriggerSpec,
  now: number,
  policy: MissedFirePolicy,
  graceMs: number,
): DueFires {
  const from = state.cursor ?? state.startedAt ?? now;
  const due = firesBetween(spec.recurrence, from + 1, now + 1, maxFiresPerTick);
  const skip = (spec.missedFires ?? policy) === "skip";
  const kept = skip ? due.filter((time) => time >= now - graceMs) : due;
  const last = due[due.length - 1];
  const where = { factory: state.factory, trigger: state.trigger, generation: state.generation };
  return {
    fires: kept.map((scheduledTime) => ({ factory: state.factory, spec, scheduledTime })),
    cursor: last === undefined ? undefined : { ...where, cursor: last },
  };
}

/**
 * Fires the given triggers' due fires and moves their cursors: each batch of fires and the
 * pipeline runs they start are one transaction (see `TriggerStore.recordFires`), so a fire
 * exists with its runs or not at all, and a fire key another scheduler took is skipped
 * with its runs. A batch that fails is tried again trigger by trigger, so one trigger's
 * failure (handed to `failed`) does not hold back the others. Returns how many fires were new.
 */
export async function fireDueBatch(
  context: ScheduleContext,
  due: readonly DueFires[],
  now: number,
  failed: (item: DueFires, error: unknown) => void,
): Promise<number> {
  let fired = 0;
  let batch: DueFires[] = [];
  let size = 0;
  const flush = async () => {
    const items = batch;
    batch = [];
    size = 0;
    try {
      fired += await recordDue(context, items, now);
    } catch (error) {
      if (items.length === 1) return failed(items[0]!, error);
      for (const item of items)
        fired += await recordDue(context, [item], now).catch((e: unknown) => {
          failed(item, e);
          return 0;
        });
    }
  };
  for (const item of due) {
    batch.push(item);
    size += item.fires.length;
    if (size >= firesPerBatch) await flush();
  }
  if (batch.length > 0) await flush();
  return fired;
}

function recordDue(context: ScheduleContext, items: readonly DueFires[], now: number) {
  const fires = items.flatMap((item) => item.fires);
  const cursors = items.flatMap((item) => (item.cursor ? [item.cursor] : []));
  if (fires.length === 0 && cursors.length === 0) return Promise.resolve(0);
  return recordScheduleFires(context, fires, cursors, now);
}

/** Records fires with their runs in one transaction, then wakes the engine; how many were new. */
export async function recordScheduleFires(
  context: ScheduleContext,
  fires: readonly ScheduleFire[],
  cursors: readonly CursorMove[],
  now: number,
): Promise<number> {
  const planned = fires.map((fire) => planFire(context.random, fire, now));
  const prepared = await context.engine.prepareRuns(planned.flatMap((p) => p.requests));
  let next = 0;
  const records: NewFire[] = planned.map((plan) => {
    const results = prepared.slice(next, (next += plan.requests.length));
    return fireRecord(plan, results, now);
  });
  const inserted = await context.store.recordFires(records, cursors);
  if (inserted.length > 0) context.engine.runsStored();
  return inserted.length;
}

/** A fire's trigger run and the runs to request: a pipeline's bad parameters fail it here. */
interface FirePlan {
  readonly fire: ScheduleFire;
  readonly triggerRunId: string;
  readonly properties: JsonObject;
  readonly requests: RunRequest[];
  readonly failures: string[];
}

function planFire(random: RandomSource, fire: ScheduleFire, now: number): FirePlan {
  const triggerRunId = newUuid(random);
  const properties = {
    scheduledTime: new Date(fire.scheduledTime).toISOString(),
    startTime: new Date(now).toISOString(),
  };
  const scope = triggerScope(fire.spec, { triggerRunId, properties });
  const invokedBy = { name: fire.spec.name, id: triggerRunId, invokedByType: fire.spec.type };
  const requests: RunRequest[] = [];
  const failures: string[] = [];
  for (const call of fire.spec.pipelines) {
    try {
      const parameters = resolveExpressions(call.parameters, scope);
      requests.push({
        factory: fire.factory,
        pipeline: call.pipeline,
        parameters,
        invokedBy,
        runId: newUuid(random),
      });
    } catch (error) {
      failures.push(failure(call.pipeline, error));
    }
  }
  return { fire, triggerRunId, properties, requests, failures };
}

function fireRecord(plan: FirePlan, results: readonly PreparedRun[], now: number): NewFire {
  const failures = [...plan.failures];
  const triggered: JsonObject = {};
  const pipelineRuns: NewFire["pipelineRuns"][number][] = [];
  plan.requests.forEach((request, i) => {
    const result = results[i];
    if (result !== undefined && "run" in result) {
      pipelineRuns.push(result.run);
      triggered[request.pipeline] = result.run.runId;
    } else failures.push(failure(request.pipeline, result?.error));
  });
  const { fire } = plan;
  return {
    triggerRun: {
      triggerRunId: plan.triggerRunId,
      factory: fire.factory,
      triggerName: fire.spec.name,
      triggerType: fire.spec.type,
      fireKey: new Date(fire.scheduledTime).toISOString(),
      scheduledTime: fire.scheduledTime,
      triggerRunTimestamp: now,
      status: failures.length === 0 ? "Succeeded" : "Failed",
      message: failures.join("; "),
      properties: plan.properties,
      triggeredPipelines: triggered,
    },
    pipelineRuns,
  };
}

function failure(pipeline: string, error: unknown): string {
  return `pipeline '${pipeline}': ${error instanceof Error ? error.message : String(error)}`;
}
