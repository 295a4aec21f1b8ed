// The pipeline run API under test: the real HTTP server with the factory routes and the
// pipeline run read routes over real stores (SQLite or PostgreSQL) and a manual clock. Runs
// and activity runs are written straight through the stores, as the engine writes them.
import type { AddressInfo } from "node:net";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { ManualClock, seededRandom } from "../../src/core/index.js";
import { RunQueryService, createFactoryService } from "../../src/factory/index.js";
import { createHttpServer, factoryRoutes, pipelineRunQueryRoutes } from "../../src/server/index.js";
import {
  createActivityRunStore,
  createFactoryStore,
  createPipelineRunStore,
  type ActivityRunStore,
  type Database,
  type FactoryStore,
  type NewPipelineRun,
  type PipelineRunRecord,
  type PipelineRunStore,
} from "../../src/store/index.js";

export const token = "run-api-test-token";
export const t0 = Date.UTC(2026, 0, 1, 10);

/** A running pipeline run API and the stores behind it. */
export interface RunApi {
  readonly app: FastifyInstance;
  readonly clock: ManualClock;
  readonly runs: PipelineRunStore;
  readonly activities: ActivityRunStore;
  readonly factories: FactoryStore;
  /** Sends a request in-process with the token; `body` goes as JSON. */
  call(method: string, path: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** Listens on a free loopback port; the server's base URL. */
  listen(): Promise<string>;
  /** Stores a pipeline with a SecureString parameter `password`; its version. */
  putPipeline(factory: string, name: string): Promise<number>;
  /** A manual run of `pipeline` in `factory`, started now. */
  createRun(
    factory: string,
    pipeline: string,
    overrides?: Partial<NewPipelineRun>,
  ): Promise<PipelineRunRecord>;
  close(): Promise<void>;
}

/** Empties the factory tables and starts the API over `database`. */
export async function startRunApi(database: Database): Promise<RunApi> {
  for (const table of [
    "activity_runs",
    "pipeline_runs",
    "factory_resources",
    "resource_versions",
    "factories",
  ] as const) {
    await database.db.deleteFrom(table).execute();
  }
  const clock = new ManualClock(t0);
  const deps = { clock, random: seededRandom(5) };
  const runs = createPipelineRunStore(database, deps);
  const activities = createActivityRunStore(database, deps);
  const factories = createFactoryStore(database, deps);
  const app = createHttpServer({
    token,
    routes: [
      factoryRoutes(createFactoryService({ database, ...deps })),
      pipelineRunQueryRoutes(new RunQueryService({ runs, activities, factories })),
    ],
  });
  await app.ready();
  return {
    app,
    clock,
    runs,
    activities,
    factories,
    call: (method, path, body) =>
      app.inject({
        method: method as "GET",
        url: path,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      }),
    listen: async () => {
      await app.listen({ host: "127.0.0.1", port: 0 });
      return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    },
    putPipeline: async (factory, name) => {
      await factories.upsertFactory({ name: factory });
      const put = await factories.putResource(factory, {
        kind: "pipeline",
        name,
        json: {
          name,
          properties: {
            activities: [{ name: "Wait1", type: "Wait", typeProperties: { waitTimeInSeconds: 1 } }],
            parameters: { password: { type: "SecureString" }, region: { type: "String" } },
          },
        },
      });
      return put.resource.version;
    },
    createRun: (factory, pipeline, overrides = {}) =>
      runs.create({
        factory,
        pipelineName: pipeline,
        invokedBy: { name: "Manual", id: "manual-1", invokedByType: "Manual" },
        runStart: clock.now(),
        ...overrides,
      }),
    close: () => app.close(),
  };
}
