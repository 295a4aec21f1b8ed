import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SluiceError, type JsonObject } from "../core/index.js";
import {
  createFactoryService,
  createPipelineEngine,
  loadFactory,
  realSleep,
  type ActivityExecutors,
  type ActivityOutcome,
  type FactoryDefinition,
} from "../factory/index.js";
import {
  createActivityRunStore,
  openDatabase,
  type ActivityRunRecord,
  type Database,
} from "../store/index.js";
import { TestRun } from "./test-run.js";

/** What an activity replaced in a test ends with: its output, or a failure. */
export type StubbedOutcome =
  | { readonly output?: unknown }
  | {
      readonly status: "Failed";
      readonly error?: { readonly message?: string; readonly errorCode?: string };
      readonly output?: unknown;
    };

/** Options of {@link loadTestFactory}. */
export interface TestFactoryOptions {
  /** The factory's name; default the name in `factory/*.json`, else `test`. */
  readonly factoryName?: string;
  /** An ARM template's parameters file, when `path` is a template. */
  readonly parametersFile?: string;
  /** How much faster than the wall clock waits, retries and timeouts pass; default 1000. */
  readonly timeScale?: number;
  /** Executors for activity types (Web, Custom...) the test wants to run for real. */
  readonly executors?: ActivityExecutors;
}

/** Options of {@link TestFactory.run}. */
export interface TestRunOptions {
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Activities (by name, also inside containers and child pipelines) not to run, and how they end. */
  readonly stubs?: Readonly<Record<string, StubbedOutcome>>;
  /** The longest the run may take on the wall clock; default 60 s. */
  readonly timeoutMs?: number;
}

/** A factory loaded for tests. Close it when done (it removes its temporary database). */
export interface TestFactory {
  readonly name: string;
  run(pipeline: string, options?: TestRunOptions): Promise<TestRun>;
  close(): Promise<void>;
}

/**
 * Loads a factory folder in ADF's git layout (or an ARM template export), validates it as
 * `sluice deploy` would, and stores it in a throwaway SQLite database, ready to run.
 */
export async function loadTestFactory(
  path: string,
  options: TestFactoryOptions = {},
): Promise<TestFactory> {
  const definition = await loadFactory(path, options.parametersFile);
  const folder = await mkdtemp(join(tmpdir(), "sluice-testing-"));
  const database = await openDatabase({ kind: "sqlite", path: join(folder, "sluice.db") });
  try {
    await database.migrate();
    const name = options.factoryName ?? definition.factory?.name ?? "test";
    await createFactoryService({ database }).deploy(definition, { factory: name });
    return new LoadedTestFactory(name, definition, database, folder, options);
  } catch (error) {
    await database.close();
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

class LoadedTestFactory implements TestFactory {
  constructor(
    readonly name: string,
    private readonly definition: FactoryDefinition,
    private readonly database: Database,
    private readonly folder: string,
    private readonly options: TestFactoryOptions,
  ) {}

  async run(pipeline: string, runOptions: TestRunOptions = {}): Promise<TestRun> {
    this.checkStubs(pipeline, runOptions.stubs ?? {});
    const scale = this.options.timeScale ?? 1000;
    const stubs = new Map(
      Object.entries(runOptions.stubs ?? {}).map(([name, outcome]) => [
        name.toLowerCase(),
        outcome,
      ]),
    );
    const engine = createPipelineEngine({
      database: this.database,
      executors: this.options.executors ?? {},
      sleep: (ms, signal) => realSleep(ms / scale, signal),
      stub: (activity) => {
        const outcome = stubs.get(activity.name.toLowerCase());
        return outcome === undefined ? undefined : activityOutcome(activity.name, outcome);
      },
      pollMs: 10,
    });
    engine.start();
    try {
      const { runId } = await engine.createRun(this.name, pipeline, runOptions.parameters ?? {});
      const timeout = AbortSignal.timeout(runOptions.timeoutMs ?? 60_000);
      const record = await engine.waitForEnd(runId, timeout);
      if (timeout.aborted) {
        throw new SluiceError("InvalidArgument", `Pipeline '${pipeline}' did not finish in time.`, {
          details: { field: "timeoutMs", value: runOptions.timeoutMs ?? 60_000 },
        });
      }
      return await this.testRunOf(record.runId, engine);
    } finally {
      await engine.stop();
    }
  }

  async close(): Promise<void> {
    await this.database.close();
    await rm(this.folder, { recursive: true, force: true });
  }

  private async testRunOf(
    runId: string,
    engine: ReturnType<typeof createPipelineEngine>,
  ): Promise<TestRun> {
    const record = await engine.waitForEnd(runId);
    const rows = await allActivityRuns(this.database, runId);
    const children = new Map<string, TestRun>();
    for (const row of rows) {
      const childId = childRunIdOf(row);
      if (childId) children.set(childId, await this.testRunOf(childId, engine));
    }
    return new TestRun(record, rows, children);
  }

  // A stub naming no activity is most likely a typo: say so rather than run unstubbed.
  private checkStubs(pipeline: string, stubs: Readonly<Record<string, unknown>>): void {
    const names = new Set<string>();
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (typeof value === "object" && value !== null) {
        const record = value as Record<string, unknown>;
        if (typeof record.name === "string" && typeof record.type === "string") {
          names.add(record.name.toLowerCase());
        }
        Object.values(record).forEach(visit);
      }
    };
    visit(this.definition.pipelines.map((p) => p.properties));
    for (const name of Object.keys(stubs)) {
      if (names.has(name.toLowerCase())) continue;
      throw new SluiceError(
        "InvalidArgument",
        `stubs names activity '${name}', which no pipeline of the factory has (running '${pipeline}').`,
        { details: { field: "stubs", value: name } },
      );
    }
  }
}

function activityOutcome(activityName: string, stub: StubbedOutcome): ActivityOutcome {
  const output = (stub.output ?? {}) as JsonObject;
  if (!("status" in stub) || stub.status !== "Failed") return { status: "Succeeded", output };
  return {
    status: "Failed",
    output,
    retryable: false,
    error: {
      errorCode: stub.error?.errorCode ?? "StubbedFailure",
      message: stub.error?.message ?? `Activity '${activityName}' failed (stubbed).`,
      failureType: "UserError",
      target: activityName,
    },
  };
}

function childRunIdOf(row: ActivityRunRecord): string | undefined {
  if (row.activityType.toLowerCase() !== "executepipeline") return undefined;
  const output = row.output as { pipelineRunId?: unknown } | null;
  return typeof output?.pipelineRunId === "string" ? output.pipelineRunId : undefined;
}

async function allActivityRuns(database: Database, runId: string): Promise<ActivityRunRecord[]> {
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
