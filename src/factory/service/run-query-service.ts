import { SluiceError, type Clock, type JsonObject, type RandomSource } from "../../core/index.js";
import {
  createActivityRunStore,
  createFactoryStore,
  createPipelineRunStore,
  type ActivityRunStore,
  type Database,
  type FactoryStore,
  type PipelineRunRecord,
  type PipelineRunStore,
} from "../../store/index.js";
import type { PipelineRunService } from "./pipeline-run-service.js";
import { activityRunQueryOf, pipelineRunQueryOf } from "./run-filter-body.js";
import { RunSecretLookup } from "./run-secret-lookup.js";
import { activityRunView, pipelineRunView } from "./run-views.js";

/** The read half of {@link PipelineRunService}: what monitoring needs. */
export type PipelineRunReads = Pick<
  PipelineRunService,
  "getRun" | "queryRuns" | "queryActivityRuns"
>;

/** The stores {@link RunQueryService} reads. */
export interface RunQueryStores {
  readonly runs: PipelineRunStore;
  readonly activities: ActivityRunStore;
  /** For the pipeline version a run executes: which of its parameters are SecureString. */
  readonly factories: FactoryStore;
}

/**
 * Pipeline runs and activity runs in ADF's shapes, read from the stores: `GET
 * pipelineruns/{runId}`, `queryPipelineRuns` and `queryActivityruns`. Secure values are
 * masked in everything returned. Errors: `StoreNotFound` for an unknown factory or a run
 * that is not in the factory named; `InvalidArgument` naming the field of a bad filter body.
 */
export class RunQueryService implements PipelineRunReads {
  constructor(private readonly stores: RunQueryStores) {}

  async getRun(factory: string, runId: string): Promise<JsonObject> {
    const run = await this.runIn(factory, runId);
    return pipelineRunView(run, await this.lookup().forRun(run));
  }

  /** `{ value, continuationToken? }`, newest first unless `orderBy` says otherwise. */
  async queryRuns(factory: string, body: unknown): Promise<JsonObject> {
    const query = pipelineRunQueryOf(body);
    await this.stores.factories.getFactory(factory);
    const page = await this.stores.runs.query(factory, query);
    const lookup = this.lookup();
    const value = await Promise.all(
      page.items.map(async (run) => pipelineRunView(run, await lookup.forRun(run))),
    );
    return withToken({ value }, page.continuationToken);
  }

  /** `{ value, continuationToken? }`, in the order the activities started unless `orderBy` says. */
  async queryActivityRuns(factory: string, runId: string, body: unknown): Promise<JsonObject> {
    const query = activityRunQueryOf(body);
    const run = await this.runIn(factory, runId);
    const secrets = await this.lookup().forRun(run);
    const page = await this.stores.activities.query(run.runId, query);
    const value = page.items.map((activity) =>
      activityRunView(activity, run.pipelineName, secrets),
    );
    return withToken({ value }, page.continuationToken);
  }

  /** The run, if it belongs to `factory` (names match in any case, as in ADF). */
  private async runIn(factory: string, runId: string): Promise<PipelineRunRecord> {
    const run = await this.stores.runs.get(runId).catch((error: unknown) => {
      throw isNotFound(error) ? runNotFound(factory, runId) : error;
    });
    if (run.factory.toLowerCase() !== factory.toLowerCase()) throw runNotFound(factory, runId);
    return run;
  }

  private lookup(): RunSecretLookup {
    return new RunSecretLookup(this.stores.factories, this.stores.runs);
  }
}

/** What {@link createRunQueryService} needs. */
export interface RunQueryServiceDeps {
  readonly database: Database;
  readonly clock?: Clock;
  readonly random?: RandomSource;
}

/** A {@link RunQueryService} over the stores of `database`. */
export function createRunQueryService(deps: RunQueryServiceDeps): RunQueryService {
  const storeDeps = {
    ...(deps.clock === undefined ? {} : { clock: deps.clock }),
    ...(deps.random === undefined ? {} : { random: deps.random }),
  };
  return new RunQueryService({
    runs: createPipelineRunStore(deps.database, storeDeps),
    activities: createActivityRunStore(deps.database, storeDeps),
    factories: createFactoryStore(deps.database, storeDeps),
  });
}

function withToken(body: { value: JsonObject[] }, token: string | undefined): JsonObject {
  return token === undefined ? body : { ...body, continuationToken: token };
}

function isNotFound(error: unknown): boolean {
  return error instanceof SluiceError && error.code === "StoreNotFound";
}

function runNotFound(factory: string, runId: string): SluiceError {
  return new SluiceError(
    "StoreNotFound",
    `The pipeline run "${runId}" was not found in the factory "${factory}".`,
    { details: { field: "runId", value: runId, factory } },
  );
}
