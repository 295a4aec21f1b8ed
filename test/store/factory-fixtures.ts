import {
  InsertQueryNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";
import { ManualClock, isSluiceError, seededRandom } from "../../src/core/index.js";
import {
  createActivityRunStore,
  createFactoryStore,
  createPipelineRunStore,
  type ActivityRunStore,
  type Database,
  type FactoryStore,
  type NewPipelineRun,
  type PipelineRunStore,
  type StoreContext,
} from "../../src/store/index.js";

export const start = Date.UTC(2026, 0, 1);

/** Every data-factory store over one database, sharing a manual clock. */
export interface FactoryStores {
  readonly clock: ManualClock;
  readonly factories: FactoryStore;
  readonly runs: PipelineRunStore;
  readonly activities: ActivityRunStore;
}

/** Stores over `context`; `seed` makes etags and run ids repeatable. */
export function factoryStoresOn(
  context: StoreContext,
  clock: ManualClock,
  seed = 11,
): FactoryStores {
  const deps = { clock, random: seededRandom(seed) };
  return {
    clock,
    factories: createFactoryStore(context, deps),
    runs: createPipelineRunStore(context, deps),
    activities: createActivityRunStore(context, deps),
  };
}

/** Empties the data-factory tables and returns fresh stores with a clock at `start`. */
export async function freshFactoryStores(database: Database, seed = 11): Promise<FactoryStores> {
  await database.db.deleteFrom("activity_runs").execute();
  await database.db.deleteFrom("pipeline_runs").execute();
  await database.db.deleteFrom("factory_resources").execute();
  await database.db.deleteFrom("resource_versions").execute();
  await database.db.deleteFrom("factories").execute();
  return factoryStoresOn(database, new ManualClock(start), seed);
}

/** A pipeline's ADF JSON with one Wait activity of `seconds`. */
export function pipelineJson(
  name: string,
  seconds = 1,
): {
  name: string;
  properties: {
    activities: { name: string; type: string; typeProperties: { waitTimeInSeconds: number } }[];
  };
} {
  return {
    name,
    properties: {
      activities: [{ name: "Wait1", type: "Wait", typeProperties: { waitTimeInSeconds: seconds } }],
    },
  };
}

/** A manual run of `pipelineName` in factory `f`, unless overridden. */
export function newRun(
  pipelineName: string,
  overrides: Partial<NewPipelineRun> = {},
): NewPipelineRun {
  return {
    factory: "f",
    pipelineName,
    invokedBy: { name: "Manual", id: "manual-1", invokedByType: "Manual" },
    ...overrides,
  };
}

/** Runs `action` and returns the SluiceError code it rejects with. */
export async function errorCode(action: Promise<unknown>): Promise<string> {
  const error = await action.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSluiceError(error)) throw new Error(`expected a SluiceError, got ${String(error)}`);
  return error.code;
}

/**
 * A Kysely plugin that makes the `failAt`-th INSERT into `table` throw, as a disk error
 * would: the statements before it have run, so only a rollback can undo them.
 */
export class FailingInsert implements KyselyPlugin {
  private seen = 0;

  constructor(
    private readonly table: string,
    private readonly failAt: number,
  ) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (InsertQueryNode.is(node) && node.into?.table.identifier.name === this.table) {
      this.seen += 1;
      if (this.seen === this.failAt) throw new Error(`injected failure at insert ${this.failAt}`);
    }
    return node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** A context whose write transactions run with `plugin`. */
export function contextWithPlugin(database: Database, plugin: KyselyPlugin): StoreContext {
  return {
    dialect: database.dialect,
    db: database.db,
    writeTransaction: (work) => database.writeTransaction((trx) => work(trx.withPlugin(plugin))),
  };
}
