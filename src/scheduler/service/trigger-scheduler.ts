import {
  newUuid,
  silentLogger,
  systemClock,
  systemRandom,
  type Clock,
  type Logger,
} from "../../core/index.js";
import {
  createPipelineRunStore,
  createTriggerStore,
  type TriggerStateRecord,
  type TriggerStore,
} from "../../store/index.js";
import type { AdfResource } from "../../factory/index.js";
import type {
  ScheduleTriggerSpec,
  TriggerSpec,
  TumblingWindowSpec,
} from "../definition/trigger-spec.js";
import { nextFire } from "../recurrence/next-fire.js";
import { pollBlobs } from "./blob-poller.js";
import { completeFire } from "./fire-pipelines.js";
import { dueFires, fireDueBatch, type ScheduleContext } from "./schedule-fires.js";
import type { MissedFirePolicy, TriggerSchedulerDeps } from "./scheduler-deps.js";
import { TriggerDefinitions } from "./trigger-definitions.js";
import { runWindows, type WindowContext } from "./tumbling-runner.js";

/** A started trigger other than a schedule, with its definition, for a pass's second part. */
interface Pending {
  readonly state: TriggerStateRecord;
  readonly spec: TriggerSpec;
}

/** The scheduler of one server: fires started triggers until stopped. */
export interface TriggerScheduler {
  /** One pass: due schedule fires, tumbling windows, storage events, abandoned fires. */
  tick(): Promise<void>;
  /** Ticks every `pollMs` in the background until {@link stop}. */
  start(): void;
  /** Stops ticking and waits for the pass in progress; unfinished work stays in the store. */
  stop(): Promise<void>;
}

/** Builds the scheduler; nothing fires until `start()` (or `tick()`). */
export function createTriggerScheduler(deps: TriggerSchedulerDeps): TriggerScheduler {
  return new StoreScheduler(deps);
}

class StoreScheduler implements TriggerScheduler {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly store: TriggerStore;
  private readonly definitions: TriggerDefinitions;
  private readonly schedule: ScheduleContext;
  private readonly windows: WindowContext;
  private readonly policy: MissedFirePolicy;
  private readonly graceMs: number;
  private readonly pollMs: number;
  private readonly blobPollMs: number;
  private readonly passConcurrency: number;
  /** The earliest schedule fire the last pass saw coming: the loop wakes for it. */
  private nextDue = Infinity;
  private readonly lastBlobPoll = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly deps: TriggerSchedulerDeps) {
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
    const random = deps.random ?? systemRandom;
    const owner = deps.owner ?? `scheduler-${newUuid(random)}`;
    const leaseMs = deps.leaseMs ?? 30_000;
    this.store = createTriggerStore(deps.database, { clock: this.clock });
    this.definitions = new TriggerDefinitions(deps.factories);
    this.schedule = { store: this.store, engine: deps.engine, random, owner, leaseMs };
    this.windows = {
      ...this.schedule,
      runs: createPipelineRunStore(deps.database, { clock: this.clock, random }),
      logger: this.logger,
      held: new Set(),
      upstream: async (factory, name) => {
        const spec = await this.definitions.find(factory, name).catch(() => undefined);
        return spec?.type === "TumblingWindowTrigger" ? spec : undefined;
      },
    };
    this.policy = deps.missedFires ?? "skip";
    this.graceMs = deps.missedFireGraceMs ?? 60_000;
    this.pollMs = deps.pollMs ?? 1_000;
    this.blobPollMs = deps.blobPollMs ?? 5_000;
    this.passConcurrency = deps.passConcurrency ?? 16;
  }

  tick(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  start(): void {
    if (this.timer !== undefined || this.stopped) return;
    const loop = (): void => {
      const pass = this.tick().catch((error: unknown) =>
        // A pass that failed whole (the store unreachable) is tried again at the next poll.
        this.logger.error("trigger pass failed", { error: String(error) }),
      );
      void pass.finally(() => {
        // Sleep a poll interval, or less when a schedule fire falls due sooner, so fires
        // are not late by up to a whole interval.
        // (+1: a timer may fire a little early, and a pass just before the fire finds nothing.)
        const wait = Math.min(this.pollMs, Math.max(0, this.nextDue + 1 - this.clock.now()));
        if (!this.stopped) this.timer = setTimeout(loop, wait);
      });
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    const held = [...this.windows.held];
    // Windows stay Running in the store; a lease that runs out hands them to the next scheduler.
    if (held.length > 0)
      await this.store.renewLeases(this.schedule.owner, held, 0).catch(() => undefined);
  }

  private async pass(): Promise<void> {
    await this.recoverFires();
    this.nextDue = Infinity;
    const { schedules, others } = await this.startedTriggers();
    // One time for every schedule of the pass, taken once their definitions are read: the
    // triggers due at one minute fire together, with their pipeline runs, in one transaction
    // (a thousand triggers due at once are not a thousand writes).
    const now = this.clock.now();
    const due = schedules.map(({ state, spec }) => {
      this.nextDue = Math.min(this.nextDue, nextFire(spec.recurrence, now) ?? Infinity);
      return dueFires(state, spec, now, this.policy, this.graceMs);
    });
    if (!this.stopped)
      await fireDueBatch(this.schedule, due, now, (item, error) =>
        this.logger.error("trigger pass failed", {
          factory: item.cursor?.factory ?? item.fires[0]?.factory ?? "",
          trigger: item.cursor?.trigger ?? item.fires[0]?.spec.name ?? "",
          error: String(error),
        }),
      );
    await this.each(others, ({ state, spec }) => this.one(state, spec));
    if (this.stopped) return;
    if (this.windows.held.size > 0) {
      const lost = await this.store.renewLeases(
        this.schedule.owner,
        [...this.windows.held],
        this.schedule.leaseMs,
      );
      lost.forEach((id) => this.windows.held.delete(id));
    }
  }

  /** The started triggers with their definitions: schedules apart from the others. */
  private async startedTriggers(): Promise<{
    schedules: { state: TriggerStateRecord; spec: ScheduleTriggerSpec }[];
    others: Pending[];
  }> {
    const started = await this.store.listStarted();
    const stored = await this.storedTriggers(started);
    const schedules: { state: TriggerStateRecord; spec: ScheduleTriggerSpec }[] = [];
    const others: Pending[] = [];
    for (const state of started) {
      const resource = stored.get(state.factory.toLowerCase())?.get(state.trigger.toLowerCase());
      try {
        const spec = resource && this.definitions.specOf(state.factory, resource);
        if (spec?.type === "ScheduleTrigger") schedules.push({ state, spec });
        else if (spec !== undefined && spec.type !== "Unsupported") others.push({ state, spec });
      } catch (error) {
        this.logger.error("trigger pass failed", {
          factory: state.factory,
          trigger: state.trigger,
          error: String(error),
        });
      }
    }
    return { schedules, others };
  }

  /** The stored triggers of each factory with a started trigger (a factory gone: none). */
  private async storedTriggers(
    started: readonly TriggerStateRecord[],
  ): Promise<Map<string, Map<string, AdfResource>>> {
    const stored = new Map<string, Map<string, AdfResource>>();
    for (const state of started) {
      const factory = state.factory.toLowerCase();
      if (stored.has(factory)) continue;
      const triggers = await this.definitions.readAll(state.factory).catch(() => new Map());
      stored.set(factory, triggers);
    }
    return stored;
  }

  /**
   * Runs `work` for each item, `passConcurrency` at a time: triggers are independent, and a
   * few at once keep one slow trigger from delaying the others (each item is still handled
   * by one worker, so its own steps stay in order). A failure is logged, not thrown.
   */
  private async each(items: readonly Pending[], work: (item: Pending) => Promise<void>) {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < items.length && !this.stopped) {
        const item = items[next++]!;
        try {
          await work(item);
        } catch (error) {
          const { state } = item;
          this.logger.error("trigger pass failed", {
            factory: state.factory,
            trigger: state.trigger,
            error: String(error),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: this.passConcurrency }, worker));
  }

  /** A tumbling window or storage event trigger's part of a pass. */
  private async one(state: TriggerStateRecord, spec: TriggerSpec): Promise<void> {
    const now = this.clock.now();
    if (spec.type === "TumblingWindowTrigger")
      await runWindows(this.windows, state, spec as TumblingWindowSpec, now);
    else if (spec.type === "BlobEventsTrigger" && this.deps.blobSource) {
      const key = `${state.factory}/${state.trigger}`.toLowerCase();
      if (now - (this.lastBlobPoll.get(key) ?? -Infinity) < this.blobPollMs) return;
      this.lastBlobPoll.set(key, now);
      await pollBlobs(
        this.schedule,
        state,
        spec,
        await this.deps.blobSource(state.factory, spec.scope),
        now,
      );
    }
  }

  /** Schedule and event fires a stopped scheduler recorded but did not finish. */
  private async recoverFires(): Promise<void> {
    const abandoned = await this.store.listUnleased(["Inprogress"], this.clock.now(), 100);
    for (const run of abandoned) {
      const taken = await this.store.updateRun(
        run.triggerRunId,
        { leaseOwner: this.schedule.owner, leaseMs: this.schedule.leaseMs },
        { ifStatus: ["Inprogress"], ifLeaseFreeOr: this.schedule.owner },
      );
      if (!taken) continue;
      const spec = await this.definitions.find(run.factory, run.triggerName).catch(() => undefined);
      if (
        spec === undefined ||
        spec.type === "Unsupported" ||
        spec.type === "TumblingWindowTrigger"
      ) {
        await this.store.updateRun(run.triggerRunId, {
          status: "Failed",
          message: "The trigger no longer exists.",
          leaseOwner: null,
        });
        continue;
      }
      await completeFire(this.store, this.deps.engine, spec, taken, spec.pipelines);
    }
  }
}
