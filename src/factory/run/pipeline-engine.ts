import { setMaxListeners } from "node:events";
import {
  SluiceError,
  newUuid,
  silentLogger,
  systemClock,
  systemRandom,
  type Logger,
} from "../../core/index.js";
import {
  createFactoryStore,
  type FactoryStore,
  type PipelineRunRecord,
} from "../../store/index.js";
import type { FactoryResources } from "../activities/factory-resources.js";
import type { CreateRunOptions, RunInvoker } from "../service/pipeline-run-service.js";
import { realSleep, type PipelineEngineDeps } from "./engine-deps.js";
import { createHandlerLookup } from "./handlers/handler-table.js";
import { storeResources } from "./store-resources.js";
import { prepareRunBatch, type PreparedRun } from "./run-batch.js";
import { prepareRun, type RunRequest } from "./run-creation.js";
import type { ChildRuns, EngineServices } from "./run-context.js";
import { driveRun, type DriveEnv } from "./run-driver.js";
import { RunRecorder } from "./run-recorder.js";
import { RunWaiters } from "./run-waiters.js";

/** The durable pipeline engine of one server. */
export interface PipelineEngine {
  /** ADF's createRun: checks, stores a Queued run, and wakes the engine. */
  createRun(
    factory: string,
    pipeline: string,
    body: unknown,
    options?: CreateRunOptions,
    invoker?: RunInvoker,
  ): Promise<{ readonly runId: string }>;
  /**
   * Checks and builds runs as createRun would, without storing them, for a caller that
   * stores them in its own transaction (the scheduler, with its fires) and then calls
   * {@link runsStored}. Each result is the run or the error createRun would have thrown.
   */
  prepareRuns(requests: readonly RunRequest[]): Promise<PreparedRun[]>;
  /** Runs were stored by another writer: the engine looks for them now, not at its next poll. */
  runsStored(): void;
  /** Cancels a queued or running run (and its children with `isRecursive`); a no-op once ended. */
  cancelRun(
    factory: string,
    runId: string,
    options?: { readonly isRecursive?: boolean },
  ): Promise<void>;
  /** Resolves with the run once it has ended (or, when `signal` aborts, as it is then). */
  waitForEnd(runId: string, signal?: AbortSignal): Promise<PipelineRunRecord>;
  /** Claims and starts the runs it can now; the loop calls it, tests may too. */
  tick(): Promise<void>;
  /** Drives runs in the background until {@link stop}. */
  start(): void;
  /** Stops claiming, stops driving (runs stay in the store for the next start), and waits. */
  stop(): Promise<void>;
}

interface Driven {
  readonly controller: AbortController;
  lost: boolean;
  done: Promise<void>;
}

/** Builds the engine; nothing runs until `start()` (or `tick()`). */
export function createPipelineEngine(deps: PipelineEngineDeps): PipelineEngine {
  return new StoreEngine(deps);
}

class StoreEngine implements PipelineEngine {
  private readonly owner: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxRuns: number;
  private readonly logger: Logger;
  private readonly recorder: RunRecorder;
  private readonly factories: FactoryStore;
  private readonly env: DriveEnv;
  private readonly driven = new Map<string, Driven>();
  private readonly queued = new Set<string>();
  private readonly waiters = new RunWaiters();
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private ticking: Promise<void> | undefined;
  private tickAgain = false;

  constructor(private readonly deps: PipelineEngineDeps) {
    const clock = deps.clock ?? systemClock;
    const random = deps.random ?? systemRandom;
    this.owner = deps.owner ?? `engine-${newUuid(random)}`;
    this.leaseMs = deps.leaseMs ?? 30_000;
    this.pollMs = deps.pollMs ?? 1_000;
    this.maxRuns = deps.maxRuns ?? 1_000;
    this.logger = deps.logger ?? silentLogger;
    this.recorder = new RunRecorder(deps.database, { clock, random });
    this.factories = createFactoryStore(deps.database, { clock, random });
    const services: EngineServices = {
      clock,
      random,
      logger: this.logger,
      sleep: deps.sleep ?? realSleep,
      executors: deps.executors ?? {},
      children: this.childRuns(),
      resourcesOf: (factory): FactoryResources =>
        storeResources(this.factories, factory, deps.secrets),
    };
    this.env = {
      factories: this.factories,
      recorder: this.recorder,
      services,
      handlerOf: createHandlerLookup(services.executors, deps.stub),
      owner: this.owner,
    };
  }

  async createRun(
    factory: string,
    pipeline: string,
    body: unknown,
    options: CreateRunOptions = {},
    invoker: RunInvoker = { name: "Manual", id: "", invokedByType: "Manual" },
  ): Promise<{ runId: string }> {
    const run = await prepareRun(
      {
        factory,
        pipeline,
        parameters: body,
        options,
        invokedBy: { ...invoker, id: invoker.id || newUuid(this.env.services.random) },
        ...(options.runId === undefined ? {} : { runId: options.runId }),
      },
      { factories: this.factories, runs: this.recorder.runs },
      this.env.services.random,
    );
    const created = await this.recorder.runs.create(run);
    this.poke();
    return { runId: created.runId };
  }

  prepareRuns(requests: readonly RunRequest[]): Promise<PreparedRun[]> {
    const stores = { factories: this.factories, runs: this.recorder.runs };
    return prepareRunBatch(requests, stores, this.env.services.random);
  }

  runsStored(): void {
    this.poke();
  }

  async cancelRun(
    factory: string,
    runId: string,
    options: { readonly isRecursive?: boolean } = {},
  ): Promise<void> {
    const run = await this.recorder.runs.get(runId);
    if (run.factory.toLowerCase() !== factory.toLowerCase()) {
      throw new SluiceError(
        "StoreNotFound",
        `Pipeline run ${runId} does not exist in factory '${factory}'.`,
        {
          details: { field: "runId", value: runId },
        },
      );
    }
    await this.cancelOne(run, options.isRecursive === true);
  }

  waitForEnd(runId: string, signal?: AbortSignal): Promise<PipelineRunRecord> {
    return this.waiters.waitForEnd(runId, signal, {
      read: (id) => this.recorder.runs.get(id),
      sleep: this.env.services.sleep,
      pollMs: this.pollMs,
    });
  }

  tick(): Promise<void> {
    if (this.ticking) {
      this.tickAgain = true;
      return this.ticking;
    }
    this.ticking = this.claimAndStart()
      .catch((error: unknown) =>
        this.logger.error("pipeline engine tick failed", { error: String(error) }),
      )
      .finally(() => {
        this.ticking = undefined;
        if (this.tickAgain && !this.stopped) {
          this.tickAgain = false;
          void this.tick();
        }
      });
    return this.ticking;
  }

  start(): void {
    if (this.loop) return;
    this.loop = this.runLoop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.ticking;
    // Runs stay as they are in the store; releasing their leases lets another server (or
    // this one restarted) resume them at once instead of after the lease runs out.
    const held = [...this.driven.keys(), ...this.queued];
    for (const driven of this.driven.values()) {
      driven.lost = true;
      driven.controller.abort("serverStopping");
    }
    await Promise.all([...this.driven.values()].map((d) => d.done));
    this.queued.clear();
    if (held.length > 0) await this.recorder.runs.releaseLeases(this.owner, held);
  }

  private poke(): void {
    if (this.loop) {
      this.wake?.();
      void this.tick();
    }
  }

  private async runLoop(): Promise<void> {
    let lastRenewal = 0;
    const clock = this.env.services.clock;
    while (!this.stopped) {
      await this.tick();
      if (clock.now() - lastRenewal >= this.leaseMs / 3) {
        lastRenewal = clock.now();
        await this.renew().catch((error: unknown) =>
          this.logger.error("pipeline run lease renewal failed", { error: String(error) }),
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private async claimAndStart(): Promise<void> {
    if (this.stopped) return;
    for (const runId of [...this.queued]) await this.tryStartQueued(runId);
    const room = this.maxRuns - this.driven.size - this.queued.size;
    if (room <= 0) return;
    const claimed = await this.recorder.runs.claimRunsToDrive(this.owner, this.leaseMs, room);
    const queued: PipelineRunRecord[] = [];
    for (const run of claimed) {
      if (this.driven.has(run.runId) || this.queued.has(run.runId)) continue;
      if (run.status === "Queued") queued.push(run);
      else this.drive(run, false);
    }
    await this.startClaimed(queued);
  }

  /**
   * Starts claimed Queued runs: those of pipelines without a concurrency limit in one
   * write (a trigger's fires arrive a thousand at a time), the others one by one in
   * queue order.
   */
  private async startClaimed(runs: readonly PipelineRunRecord[]): Promise<void> {
    const limits = new Map<string, Promise<number | undefined>>();
    const free: string[] = [];
    for (const run of runs) {
      this.queued.add(run.runId);
      if ((await this.limitOf(run, limits)) === undefined) free.push(run.runId);
      else await this.tryStartQueued(run.runId);
    }
    const started = new Set<string>();
    for (const run of await this.recorder.runs.startMany(free)) {
      started.add(run.runId);
      this.queued.delete(run.runId);
      this.drive(run, true);
    }
    // A run no longer Queued (cancelled meanwhile) is settled the one-by-one way.
    for (const runId of free) if (!started.has(runId)) await this.tryStartQueued(runId);
  }

  /** The run's pipeline `concurrency` (undefined: no limit), read once per `cache`. */
  private limitOf(
    run: PipelineRunRecord,
    cache = new Map<string, Promise<number | undefined>>(),
  ): Promise<number | undefined> {
    const key = `${run.factory}/${run.pipelineName}/${run.pipelineVersion}`.toLowerCase();
    let limit = cache.get(key);
    if (limit === undefined) {
      limit = this.factories
        .getResource(
          run.factory,
          "pipeline",
          run.pipelineName,
          run.pipelineVersion === null ? {} : { version: run.pipelineVersion },
        )
        .then(
          (resource) => {
            const properties = resource.json.properties as { concurrency?: unknown } | undefined;
            const value = properties?.concurrency;
            return typeof value === "number" ? value : undefined;
          },
          () => undefined,
        );
      cache.set(key, limit);
    }
    return limit;
  }

  private async tryStartQueued(runId: string): Promise<void> {
    const run = await this.recorder.runs.get(runId);
    const limit = await this.limitOf(run);
    // The store stamps runStart when it decides: a run that ended meanwhile ended before it.
    const attempt = await this.recorder.runs.tryStart(runId, limit);
    if (attempt.outcome === "queued") return;
    this.queued.delete(runId);
    if (attempt.outcome === "started") this.drive(attempt.run, true);
    else if (attempt.run.status === "InProgress" || attempt.run.status === "Canceling") {
      this.drive(attempt.run, false);
    } else await this.recorder.runs.releaseLeases(this.owner, [runId]);
  }

  private drive(run: PipelineRunRecord, fresh: boolean): void {
    const controller = new AbortController();
    // Each running attempt listens for the cancel, and a ForEach runs up to 50 at once:
    // past Node's default of 10 listeners it would print a leak warning for every run.
    setMaxListeners(0, controller.signal);
    if (run.status === "Canceling") controller.abort("cancelled");
    const entry: Driven = { controller, lost: false, done: Promise.resolve() };
    this.driven.set(run.runId, entry);
    entry.done = driveRun(run, this.env, {
      signal: controller.signal,
      lost: () => entry.lost,
      fresh,
    })
      .then(async (ended) => {
        if (!ended) return;
        await this.recorder.runs.releaseLeases(this.owner, [run.runId]);
        this.waiters.ended(ended);
      })
      .catch((error: unknown) =>
        this.logger.error("pipeline run failed to finish", {
          runId: run.runId,
          error: String(error),
        }),
      )
      .finally(() => {
        this.driven.delete(run.runId);
        this.poke();
      });
  }

  private async renew(): Promise<void> {
    const ids = [...this.driven.keys(), ...this.queued];
    if (ids.length === 0) return;
    const renewal = await this.recorder.runs.renewLeases(this.owner, ids, this.leaseMs);
    for (const runId of renewal.lost) {
      this.queued.delete(runId);
      const driven = this.driven.get(runId);
      if (driven) {
        driven.lost = true;
        driven.controller.abort("serverStopping");
      }
    }
    // A cancel asked of another server shows here as the Canceling status.
    for (const [runId, driven] of this.driven) {
      const run = await this.recorder.runs.get(runId).catch(() => undefined);
      if (run?.status === "Canceling") driven.controller.abort("cancelled");
    }
  }

  private async cancelOne(run: PipelineRunRecord, recursive: boolean): Promise<void> {
    if (run.status === "Queued") {
      const now = this.env.services.clock.now();
      const cancelled = await this.recorder.runs
        .update(
          run.runId,
          { status: "Cancelled", runEnd: now, durationInMs: 0 },
          { ifStatus: ["Queued"] },
        )
        .catch(() => undefined);
      if (cancelled) {
        this.queued.delete(run.runId);
        this.waiters.ended(cancelled);
      } else await this.cancelOne(await this.recorder.runs.get(run.runId), recursive);
    } else if (run.status === "InProgress") {
      await this.recorder.runs
        .update(run.runId, { status: "Canceling" }, { ifStatus: ["InProgress"] })
        .catch(() => undefined);
      this.driven.get(run.runId)?.controller.abort("cancelled");
    }
    if (!recursive) return;
    for (const child of await this.recorder.runs.listChildren(run.runId)) {
      if (child.status === "Queued" || child.status === "InProgress")
        await this.cancelOne(child, true);
    }
  }

  private childRuns(): ChildRuns {
    return {
      start: async (request) => {
        const existing = await this.recorder.runs.get(request.runId).catch(() => undefined);
        if (existing) return existing;
        const run = await prepareRun(
          {
            factory: request.factory,
            pipeline: request.pipeline,
            parameters: request.parameters,
            runId: request.runId,
            parentRunId: request.parent.runId,
            invokedBy: {
              name: request.activityName,
              id: request.parent.runId,
              invokedByType: "PipelineActivity",
              pipelineName: request.parent.pipelineName,
              pipelineRunId: request.parent.runId,
            },
          },
          { factories: this.factories, runs: this.recorder.runs },
          this.env.services.random,
        );
        const created = await this.recorder.runs.create(run);
        this.poke();
        return created;
      },
      waitForEnd: (runId, signal) => this.waitForEnd(runId, signal),
      cancel: async (runId, recursive) =>
        this.cancelOne(await this.recorder.runs.get(runId), recursive),
    };
  }
}
