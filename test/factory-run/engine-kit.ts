import { isSluiceError } from "../../src/core/index.js";
import {
  createPipelineEngine,
  realSleep,
  type ActivityExecutors,
  type PipelineEngine,
  type Sleep,
} from "../../src/factory/index.js";
import {
  createActivityRunStore,
  createFactoryStore,
  createPipelineRunStore,
  type ActivityRunRecord,
  type Database,
  type PipelineRunRecord,
} from "../../src/store/index.js";

/** Engine time runs this many times faster than the wall clock: a 30 s retry waits 30 ms. */
export const timeScale = 1000;

/** Sleeps recorded (in engine milliseconds) and shortened by {@link timeScale}. */
export function scaledSleep(): { readonly sleep: Sleep; readonly requested: number[] } {
  const requested: number[] = [];
  return {
    requested,
    sleep: (ms, signal) => {
      requested.push(ms);
      return realSleep(ms / timeScale, signal);
    },
  };
}

/** A factory, deployed straight into the store, with a pipeline per entry. */
export async function deploy(
  database: Database,
  factory: string,
  pipelines: Record<string, unknown>,
  extra: {
    readonly linkedServices?: Record<string, unknown>;
    readonly globals?: Record<string, unknown>;
  } = {},
): Promise<void> {
  const store = createFactoryStore(database);
  await store.deployAll(
    { name: factory, properties: { globalParameters: (extra.globals ?? {}) as never } },
    [
      ...Object.entries(pipelines).map(([name, properties]) => ({
        kind: "pipeline" as const,
        name,
        json: { name, properties } as never,
      })),
      ...Object.entries(extra.linkedServices ?? {}).map(([name, properties]) => ({
        kind: "linkedService" as const,
        name,
        json: { name, properties } as never,
      })),
    ],
  );
}

/** Empties the factory tables between tests. */
export async function clearFactories(database: Database): Promise<void> {
  await database.db.deleteFrom("activity_runs").execute();
  await database.db.deleteFrom("pipeline_runs").execute();
  await database.db.deleteFrom("factory_resources").execute();
  await database.db.deleteFrom("resource_versions").execute();
  await database.db.deleteFrom("factories").execute();
}

/** An engine over the database, started, with scaled time. */
export function startEngine(
  database: Database,
  options: { readonly executors?: ActivityExecutors; readonly owner?: string } = {},
): { readonly engine: PipelineEngine; readonly requested: number[] } {
  const { sleep, requested } = scaledSleep();
  const engine = createPipelineEngine({
    database,
    sleep,
    pollMs: 20,
    leaseMs: 5_000,
    ...(options.executors ? { executors: options.executors } : {}),
    ...(options.owner ? { owner: options.owner } : {}),
  });
  engine.start();
  return { engine, requested };
}

/** Runs a pipeline and waits for its end. */
export async function runToEnd(
  engine: PipelineEngine,
  factory: string,
  pipeline: string,
  parameters: Record<string, unknown> = {},
  options = {},
): Promise<PipelineRunRecord> {
  const { runId } = await engine.createRun(factory, pipeline, parameters, options);
  return engine.waitForEnd(runId, AbortSignal.timeout(60_000));
}

/** The run's activity runs in creation order. */
export async function activityRuns(
  database: Database,
  runId: string,
): Promise<ActivityRunRecord[]> {
  const store = createActivityRunStore(database);
  const rows: ActivityRunRecord[] = [];
  let token: string | undefined;
  do {
    const page = await store.query(runId, token === undefined ? {} : { continuationToken: token });
    rows.push(...page.items);
    token = page.continuationToken;
  } while (token !== undefined);
  return rows;
}

/** Status of each (scopePath, name) as `name` or `scope/name`, latest attempt. */
export function statusesOf(rows: readonly ActivityRunRecord[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const row of rows) {
    const key = row.scopePath === "" ? row.activityName : `${row.scopePath}/${row.activityName}`;
    result[key] = row.status;
  }
  return result;
}

export function runStore(database: Database) {
  return createPipelineRunStore(database);
}

/** The SluiceError code of a rejected promise. */
export async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isSluiceError(error)) return error.code;
    throw error;
  }
  throw new Error("expected a rejection");
}

/** Shorthands for activity JSON. */
export const a = {
  set: (name: string, variableName: string, value: unknown, deps: unknown[] = []) => ({
    name,
    type: "SetVariable",
    dependsOn: deps,
    typeProperties: { variableName, value },
  }),
  append: (name: string, variableName: string, value: unknown, deps: unknown[] = []) => ({
    name,
    type: "AppendVariable",
    dependsOn: deps,
    typeProperties: { variableName, value },
  }),
  fail: (name: string, message = "boom", deps: unknown[] = []) => ({
    name,
    type: "Fail",
    dependsOn: deps,
    typeProperties: { message, errorCode: "E42" },
  }),
  wait: (name: string, seconds: number, deps: unknown[] = [], policy?: unknown) => ({
    name,
    type: "Wait",
    dependsOn: deps,
    ...(policy ? { policy } : {}),
    typeProperties: { waitTimeInSeconds: seconds },
  }),
  after: (activity: string, ...dependencyConditions: string[]) => ({
    activity,
    dependencyConditions,
  }),
};
