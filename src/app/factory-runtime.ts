import { join } from "node:path";
import type { Clock, Logger, RandomSource } from "../core/index.js";
import type { BatchService } from "../batch/index.js";
import {
  createBuiltinExecutors,
  createCustomActivityExecutor,
  createPipelineEngine,
  createRunQueryService,
  createWebhookCallbacks,
  type ActivityExecutors,
  type PipelineEngine,
  type PipelineRunService,
} from "../factory/index.js";
import { pipelineRunRoutes, webhookCallbackRoutes, type RouteModule } from "../server/index.js";
import type { Database } from "../store/index.js";

/** The pipeline engine of a server and the routes that reach it. */
export interface FactoryRuntime {
  readonly engine: PipelineEngine;
  readonly routes: readonly RouteModule[];
}

/** What {@link createFactoryRuntime} needs. */
export interface FactoryRuntimeDeps {
  readonly database: Database;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly logger: Logger;
  /** The server's URL once it listens (WebHook callback URIs start with it). */
  readonly serverUrl: () => string;
  /** The Batch service Custom activities run their tasks on. */
  readonly batch: BatchService;
  /** More executors, by ADF type. */
  readonly executors?: ActivityExecutors;
}

/**
 * The engine with the built-in executors, and ADF's pipeline-run routes over it: createRun
 * and cancel go to the engine, reads to the run query service.
 */
export function createFactoryRuntime(deps: FactoryRuntimeDeps): FactoryRuntime {
  const callbacks = createWebhookCallbacks();
  const localStorageRoot = join(deps.dataDir, "storage");
  const executors = {
    ...createBuiltinExecutors({
      clock: deps.clock,
      random: deps.random,
      callbacks,
      callbackBaseUrl: deps.serverUrl,
      localStorageRoot,
    }),
    Custom: createCustomActivityExecutor({
      batch: deps.batch,
      serverUrl: deps.serverUrl,
      localStorageRoot,
      clock: deps.clock,
    }),
    ...deps.executors,
  };
  const engine = createPipelineEngine({
    database: deps.database,
    executors,
    clock: deps.clock,
    random: deps.random,
    logger: deps.logger,
  });
  const reads = createRunQueryService({
    database: deps.database,
    clock: deps.clock,
    random: deps.random,
  });
  const service: PipelineRunService = {
    createRun: (factory, pipeline, body, options, invoker) =>
      engine.createRun(factory, pipeline, body, options, invoker),
    cancelRun: (factory, runId, options) => engine.cancelRun(factory, runId, options),
    getRun: (factory, runId) => reads.getRun(factory, runId),
    queryRuns: (factory, body) => reads.queryRuns(factory, body),
    queryActivityRuns: (factory, runId, body) => reads.queryActivityRuns(factory, runId, body),
  };
  return {
    engine,
    routes: [pipelineRunRoutes(service, { logger: deps.logger }), webhookCallbackRoutes(callbacks)],
  };
}
