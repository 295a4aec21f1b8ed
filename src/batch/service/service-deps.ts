import type { Clock, Logger, RandomSource } from "../../core/index.js";
import type { StorageConnector } from "../../storage/index.js";
import {
  createJobPreparationStore,
  createJobScheduleStore,
  createJobStore,
  createNodeStore,
  createAutoScaleSampleStore,
  createPoolStore,
  createPoolTaskLoadReader,
  createSubtaskStore,
  createTaskStore,
  type Database,
  type JobPreparationStore,
  type JobScheduleStore,
  type JobStore,
  type NodeStore,
  type PoolStore,
  type SubtaskStore,
  type TaskStore,
} from "../../store/index.js";
import { ApplicationPackages } from "./application-packages.js";
import { AutoScaleMetrics } from "./autoscale-metrics.js";
import { GangHints } from "./multi-instance-hints.js";
import { WorkSignal } from "./work-signal.js";

/** Tunables of the Batch service; every field has a default. */
export interface BatchServiceSettings {
  /** A claim (and a node's heartbeat) not renewed within this time is given away. Default 60,000. */
  readonly leaseMs?: number;
  /** How often agents are asked to heartbeat. Default 5,000. */
  readonly heartbeatIntervalMs?: number;
  /** `AZ_BATCH_ACCOUNT_NAME` given to tasks. Default "sluice". */
  readonly accountName?: string;
  /** How often `start()` runs the background sweep. Default 1,000. */
  readonly sweepIntervalMs?: number;
  /** How often a waiting claim re-reads the store (other servers may add work). Default 1,000. */
  readonly claimRecheckMs?: number;
  /** How often autoscale samples each pool's metrics (Batch: every 30 s). Default 30,000. */
  readonly autoScaleSamplePeriodMs?: number;
  /**
   * The shortest `autoScaleEvaluationInterval` accepted. Default 300,000 (Batch's 5 minutes);
   * tests and demos may lower it to see a pool scale within seconds.
   */
  readonly minAutoScaleEvaluationIntervalMs?: number;
}

/** What the Batch service is built from. */
export interface BatchServiceDeps {
  readonly database: Database;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly logger: Logger;
  /** Where tasks' stdout.txt / stderr.txt are kept (`<job>/<task>/stdout.txt`). */
  readonly taskFiles: StorageConnector;
  /** The embedded local storage: a container (`autoStorageContainerName`) by name. */
  readonly localContainer: (name: string) => StorageConnector;
  readonly settings?: BatchServiceSettings;
}

/** The settings with defaults applied. */
export type ResolvedSettings = Required<BatchServiceSettings>;

/** Everything the service's parts share: stores, time, randomness, files, the work signal. */
export interface ServiceContext {
  readonly pools: PoolStore;
  readonly jobs: JobStore;
  readonly nodes: NodeStore;
  readonly tasks: TaskStore;
  /** Multi-instance tasks' instances and node reservations. */
  readonly subtasks: SubtaskStore;
  /** Per pool: whether claims must look for multi-instance work. */
  readonly gangHints: GangHints;
  /** Job preparation and release tasks per (job, node). */
  readonly preparations: JobPreparationStore;
  readonly jobSchedules: JobScheduleStore;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly logger: Logger;
  readonly taskFiles: StorageConnector;
  readonly localContainer: (name: string) => StorageConnector;
  readonly settings: ResolvedSettings;
  /** Wakes claims waiting on a pool when work is added or freed there. */
  readonly signal: WorkSignal;
  /** The append in progress per task file, so appends to one file run one at a time. */
  readonly appendQueues: Map<string, Promise<unknown>>;
  /** Application packages (uploaded zips by version). */
  readonly applications: ApplicationPackages;
  /** The pools' own package references, read at most every few seconds per pool by claims. */
  readonly poolPackages: Map<string, { readonly at: number; readonly refs: readonly unknown[] }>;
  /** Autoscale's metric history and the nodes' latest CPU and memory figures. */
  readonly autoScale: AutoScaleMetrics;
}

/** Applies the defaults of {@link BatchServiceSettings}. */
export function resolveSettings(settings: BatchServiceSettings = {}): ResolvedSettings {
  return {
    leaseMs: settings.leaseMs ?? 60_000,
    heartbeatIntervalMs: settings.heartbeatIntervalMs ?? 5_000,
    accountName: settings.accountName ?? "sluice",
    sweepIntervalMs: settings.sweepIntervalMs ?? 1_000,
    claimRecheckMs: settings.claimRecheckMs ?? 1_000,
    autoScaleSamplePeriodMs: settings.autoScaleSamplePeriodMs ?? 30_000,
    minAutoScaleEvaluationIntervalMs: settings.minAutoScaleEvaluationIntervalMs ?? 300_000,
  };
}

/** Builds the shared context: one store of each kind over the database. */
export function createServiceContext(deps: BatchServiceDeps): ServiceContext {
  const storeDeps = { clock: deps.clock, random: deps.random };
  const settings = resolveSettings(deps.settings);
  return {
    pools: createPoolStore(deps.database.db, storeDeps),
    jobs: createJobStore(deps.database, storeDeps),
    nodes: createNodeStore(deps.database, storeDeps),
    tasks: createTaskStore(deps.database, storeDeps),
    subtasks: createSubtaskStore(deps.database, storeDeps),
    gangHints: new GangHints(settings.claimRecheckMs),
    preparations: createJobPreparationStore(deps.database, storeDeps),
    jobSchedules: createJobScheduleStore(deps.database.db, storeDeps),
    clock: deps.clock,
    random: deps.random,
    logger: deps.logger,
    taskFiles: deps.taskFiles,
    localContainer: deps.localContainer,
    settings,
    signal: new WorkSignal(),
    appendQueues: new Map(),
    applications: new ApplicationPackages(deps.taskFiles, () => deps.clock.now()),
    poolPackages: new Map(),
    autoScale: new AutoScaleMetrics(
      createPoolTaskLoadReader(deps.database),
      createAutoScaleSampleStore(deps.database),
      settings.autoScaleSamplePeriodMs,
    ),
  };
}
