import {
  SluiceError,
  systemClock,
  systemRandom,
  type Clock,
  type JsonObject,
  type RandomSource,
} from "../../core/index.js";
import type { FactoryService } from "../../factory/index.js";
import {
  createTriggerStore,
  type Database,
  type TriggerRunRecord,
  type TriggerRunStatus,
  type TriggerStateRecord,
  type TriggerStore,
} from "../../store/index.js";
import { firesBetween, nextFires } from "../recurrence/next-fire.js";
import { windowAt, windowIndexAt } from "../tumbling/windows.js";
import { recordScheduleFires } from "./schedule-fires.js";
import { triggerRunQueryOf } from "./trigger-run-filter.js";
import { triggerRunView } from "./trigger-run-views.js";
import type { RunStarter } from "./scheduler-deps.js";
import { TriggerDefinitions } from "./trigger-definitions.js";
import { cancelWindow } from "./window-cancel.js";

/** What {@link createTriggerService} needs. */
export interface TriggerServiceDeps {
  readonly database: Database;
  readonly factories: FactoryService;
  readonly engine: RunStarter;
  readonly clock?: Clock;
  readonly random?: RandomSource;
}

const endedWindow: TriggerRunStatus[] = ["Succeeded", "Failed", "Cancelled"];

/** Fires recorded per transaction by a backfill. */
const backfillBatch = 500;

/** Most fires one backfill request creates. */
export const maxBackfillFires = 10_000;

/**
 * Trigger lifecycle and monitoring, as ADF's API offers it (start, stop, runtime state,
 * trigger runs, tumbling window reruns) plus Sluice's next fire times and schedule backfill.
 * Errors are `SluiceError`s: `StoreNotFound` (no such trigger), `InvalidArgument` naming the
 * field, `FactoryInvalid` (a stored trigger Sluice cannot read).
 */
export interface TriggerService {
  start(factory: string, trigger: string): Promise<TriggerStateRecord>;
  stop(factory: string, trigger: string): Promise<void>;
  /** `Started` or `Stopped` (never started: Stopped, as ADF creates triggers). */
  runtimeState(factory: string, trigger: string): Promise<"Started" | "Stopped">;
  /** The next `count` fire times (schedule) or window starts (tumbling) from now, as ISO. */
  next(factory: string, trigger: string, count: number): Promise<string[]>;
  /** Fires a schedule trigger at each of its fire times in `[from, to)`; returns the count fired. */
  backfill(factory: string, trigger: string, fromUtc: number, toUtc: number): Promise<number>;
  /** Sets a tumbling window trigger's ended windows in `[from, to)` waiting again; returns how many. */
  rerunWindows(factory: string, trigger: string, fromUtc: number, toUtc: number): Promise<number>;
  /** Sets one ended tumbling window (by its trigger run id) waiting again: ADF's rerun. */
  rerunRun(factory: string, trigger: string, triggerRunId: string): Promise<TriggerRunRecord>;
  /**
   * Cancels a waiting or running tumbling window (by its trigger run id), and its pipeline
   * run: ADF's trigger run cancel. The window can be rerun later.
   */
  cancelRun(factory: string, trigger: string, triggerRunId: string): Promise<TriggerRunRecord>;
  windows(factory: string, trigger: string): Promise<TriggerRunRecord[]>;
  /** `queryTriggerRuns`: the body is ADF's RunFilterParameters; `{ value, continuationToken? }`. */
  queryRuns(factory: string, body: unknown): Promise<JsonObject>;
  store(): TriggerStore;
}

export function createTriggerService(deps: TriggerServiceDeps): TriggerService {
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? systemRandom;
  const store = createTriggerStore(deps.database, { clock });
  const definitions = new TriggerDefinitions(deps.factories);
  /** The trigger run, which must be one of this trigger's; `StoreNotFound` otherwise. */
  const runOf = async (factory: string, trigger: string, triggerRunId: string) => {
    const spec = await definitions.get(factory, trigger);
    const run = await store.getRun(triggerRunId);
    if (
      run.factory.toLowerCase() !== factory.toLowerCase() ||
      run.triggerName.toLowerCase() !== spec.name.toLowerCase()
    )
      throw new SluiceError(
        "StoreNotFound",
        `Trigger "${spec.name}" has no trigger run "${triggerRunId}".`,
        { details: { field: "runId", value: triggerRunId } },
      );
    return run;
  };
  const supported = async (factory: string, trigger: string) => {
    const spec = await definitions.get(factory, trigger);
    if (spec.type === "Unsupported") {
      throw new SluiceError(
        "InvalidArgument",
        `Trigger "${trigger}" is a ${spec.typeName}, which Sluice stores but does not fire; supported: ScheduleTrigger, TumblingWindowTrigger, BlobEventsTrigger.`,
        {
          details: { field: "type", value: spec.typeName },
        },
      );
    }
    return spec;
  };
  return {
    async start(factory, trigger) {
      const spec = await supported(factory, trigger);
      return store.start(factory, spec.name, clock.now());
    },
    async stop(factory, trigger) {
      const spec = await definitions.get(factory, trigger);
      await store.stop(factory, spec.name);
      await store.clearBlobCursor(factory, spec.name);
    },
    async runtimeState(factory, trigger) {
      return (await store.getState(factory, trigger))?.runtimeState ?? "Stopped";
    },
    async next(factory, trigger, count) {
      const spec = await supported(factory, trigger);
      const now = clock.now();
      if (spec.type === "ScheduleTrigger") return nextFires(spec.recurrence, now, count).map(iso);
      if (spec.type !== "TumblingWindowTrigger") return [];
      const first = Math.max(0, windowIndexAt(spec, now) + 1);
      return Array.from({ length: count }, (_, i) => windowAt(spec, first + i))
        .filter((w) => spec.endUtc === undefined || w.endUtc <= spec.endUtc)
        .map((w) => iso(w.startUtc));
    },
    async backfill(factory, trigger, fromUtc, toUtc) {
      const spec = await supported(factory, trigger);
      if (spec.type !== "ScheduleTrigger") {
        throw new SluiceError(
          "InvalidArgument",
          `Backfill is for schedule triggers; "${trigger}" is a ${spec.type} (tumbling windows backfill themselves from startTime).`,
          { details: { field: "trigger", value: trigger } },
        );
      }
      checkRange(fromUtc, toUtc);
      const times = firesBetween(spec.recurrence, fromUtc, toUtc, maxBackfillFires + 1);
      if (times.length > maxBackfillFires) {
        throw new SluiceError(
          "InvalidArgument",
          `The range holds more than ${maxBackfillFires} fire times; backfill a shorter range.`,
          { details: { field: "endTime" } },
        );
      }
      const context = { store, engine: deps.engine, random, owner: "backfill", leaseMs: 30_000 };
      let fired = 0;
      for (let at = 0; at < times.length; at += backfillBatch) {
        const fires = times
          .slice(at, at + backfillBatch)
          .map((scheduledTime) => ({ factory, spec, scheduledTime }));
        fired += await recordScheduleFires(context, fires, [], clock.now());
      }
      return fired;
    },
    async rerunWindows(factory, trigger, fromUtc, toUtc) {
      const spec = await supported(factory, trigger);
      if (spec.type !== "TumblingWindowTrigger") {
        throw new SluiceError(
          "InvalidArgument",
          `Only tumbling window triggers have windows to rerun; "${trigger}" is a ${spec.type}.`,
          { details: { field: "trigger", value: trigger } },
        );
      }
      checkRange(fromUtc, toUtc);
      const ended = await store.listWindows(factory, spec.name, {
        statuses: endedWindow,
        fromStart: fromUtc,
        toStart: toUtc,
        limit: 100_000,
      });
      let count = 0;
      for (const window of ended) {
        const reset = await store.updateRun(
          window.triggerRunId,
          { status: "Waiting", message: "", attempt: 0, notBefore: clock.now() },
          { ifStatus: endedWindow },
        );
        if (reset) count++;
      }
      return count;
    },
    async rerunRun(factory, trigger, triggerRunId) {
      const run = await runOf(factory, trigger, triggerRunId);
      const reset = await store.updateRun(
        triggerRunId,
        { status: "Waiting", message: "", attempt: 0, notBefore: clock.now(), leaseOwner: null },
        { ifStatus: endedWindow },
      );
      if (run.windowStart === null || reset === undefined)
        throw new SluiceError(
          "InvalidArgument",
          `Trigger run "${triggerRunId}" is ${run.windowStart === null ? `a ${run.triggerType} fire` : `a window that is ${run.status}`}; only a tumbling window that ended (${endedWindow.join(", ")}) can be rerun.`,
          { details: { field: "runId", value: triggerRunId, status: run.status } },
        );
      return reset;
    },
    async cancelRun(factory, trigger, triggerRunId) {
      return cancelWindow(store, deps.engine, await runOf(factory, trigger, triggerRunId));
    },
    async windows(factory, trigger) {
      const spec = await definitions.get(factory, trigger);
      return store.listWindows(factory, spec.name, { limit: 100_000 });
    },
    async queryRuns(factory, body) {
      const query = triggerRunQueryOf(body);
      await deps.factories.getFactory(factory);
      if (query.empty) return { value: [] };
      const page = await store.queryRuns(factory, query);
      return {
        value: page.items.map(triggerRunView),
        ...(page.continuationToken === undefined
          ? {}
          : { continuationToken: page.continuationToken }),
      };
    },
    store: () => store,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function checkRange(fromUtc: number, toUtc: number): void {
  if (!Number.isFinite(fromUtc) || !Number.isFinite(toUtc) || toUtc <= fromUtc) {
    throw new SluiceError(
      "InvalidArgument",
      "The range's endTime must be a date and time after its startTime.",
      { details: { field: "endTime" } },
    );
  }
}
