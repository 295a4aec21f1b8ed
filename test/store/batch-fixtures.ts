import { ManualClock, isSluiceError, seededRandom } from "../../src/core/index.js";
import {
  createJobStore,
  createNodeStore,
  createPoolStore,
  createTaskStore,
  type Completion,
  type Database,
  type JobStore,
  type NewJob,
  type NewTask,
  type NodeStore,
  type PoolStore,
  type TaskStore,
} from "../../src/store/index.js";

export const start = Date.UTC(2026, 0, 1);

/** A job in pool `poolId` with Batch's defaults unless overridden. */
export function newJob(id: string, overrides: Partial<NewJob> = {}): NewJob {
  return {
    id,
    poolId: "pool",
    state: "active",
    priority: 0,
    maxParallelTasks: -1,
    onAllTasksComplete: "noaction",
    onTaskFailure: "noaction",
    spec: { poolInfo: { poolId: overrides.poolId ?? "pool" } },
    executionInfo: { startTime: "2026-01-01T00:00:00Z" },
    ...overrides,
  };
}

/** A task running `/bin/true` unless overridden. */
export function newTask(id: string, overrides: Partial<NewTask> = {}): NewTask {
  return { id, spec: { commandLine: `/bin/echo ${id}` }, ...overrides };
}

/** Ids `prefix0`..`prefix{count-1}` as tasks. */
export function manyTasks(prefix: string, count: number, from = 0): NewTask[] {
  return Array.from({ length: count }, (_, index) => newTask(`${prefix}${from + index}`));
}

export const success: Completion = {
  exitCode: 0,
  result: "success",
  failureInfo: null,
  dependencyAction: "satisfy",
};

export const failure: Completion = {
  exitCode: 1,
  result: "failure",
  failureInfo: { category: "usererror", code: "FailureExitCode", message: "exit 1" },
  dependencyAction: "block",
};

/** Runs `action` and returns the SluiceError code it rejects with. */
export async function errorCode(action: Promise<unknown>): Promise<string> {
  const error = await action.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSluiceError(error)) throw new Error(`expected a SluiceError, got ${String(error)}`);
  return error.code;
}

/** Every store over one database, with a manual clock. */
export interface Stores {
  readonly clock: ManualClock;
  readonly pools: PoolStore;
  readonly jobs: JobStore;
  readonly nodes: NodeStore;
  readonly tasks: TaskStore;
}

/** Empties the Batch tables and returns fresh stores with a clock at `start`. */
export async function freshStores(database: Database, seed = 7): Promise<Stores> {
  await database.db.deleteFrom("jobs").execute();
  await database.db.deleteFrom("pools").execute();
  return storesOn(database, new ManualClock(start), seed);
}

/** Stores over `database` sharing `clock`; `seed` makes etags and claim tokens repeatable. */
export function storesOn(database: Database, clock: ManualClock, seed: number): Stores {
  const deps = { clock, random: seededRandom(seed) };
  return {
    clock,
    pools: createPoolStore(database.db, deps),
    jobs: createJobStore(database, deps),
    nodes: createNodeStore(database, deps),
    tasks: createTaskStore(database, deps),
  };
}

/** Adds a pool `id` with `slots` per node. */
export async function addPool(stores: Stores, id = "pool", slots = 4): Promise<void> {
  await stores.pools.create({
    id,
    state: "active",
    allocationState: "steady",
    targetDedicatedNodes: 1,
    taskSlotsPerNode: slots,
    nodeFillType: "spread",
    spec: { vmSize: "standard_d2s_v3" },
  });
}

/** Adds `tasks` to `jobId` in calls of at most 100. */
export async function addAll(
  tasks: TaskStore,
  jobId: string,
  all: readonly NewTask[],
): Promise<void> {
  for (let index = 0; index < all.length; index += 100) {
    await tasks.addMany(jobId, all.slice(index, index + 100));
  }
}
