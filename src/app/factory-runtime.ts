import { join } from "node:path";
import type { Clock, Logger, RandomSource } from "../core/index.js";
import type { BatchService } from "../batch/index.js";
import {
  createBuiltinExecutors,
  createCustomActivityExecutor,
  createPipelineEngine,
  localSecretFolder,
  createRunQueryService,
  createWebhookCallbacks,
  type ActivityExecutors,
  type FactoryService,
  type PipelineEngine,
  type PipelineRunService,
} from "../factory/index.js";
import {
  createTriggerScheduler,
  createTriggerService,
  type MissedFirePolicy,
  type TriggerScheduler,
} from "../scheduler/index.js";
import {
  pipelineRunRoutes,
  triggerRoutes,
  triggerRuntimeView,
  webhookCallbackRoutes,
  type ResourceView,
  type RouteModule,
} from "../server/index.js";
import type { Database } from "../store/index.js";
import { blobEventSources } from "./blob-sources.js";

/** The pipeline engine of a server, its trigger scheduler, and the routes that reach them. */
export interface FactoryRuntime {
  readonly engine: PipelineEngine;
  /** Fires started triggers: start it after the engine, stop it before. */
  readonly scheduler: TriggerScheduler;
  /** For the factory routes' `view`: a trigger's `runtimeState`. */
  readonly resourceView: ResourceView;
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
  /** An account-wide shared access URL of the embedded storage, for Custom activities' tasks. */
  readonly localSasUri?: () => string;
  /** More executors, by ADF type. */
  readonly executors?: ActivityExecutors;
  /** Trigger definitions are read through it. */
  readonly factories: FactoryService;
  /** Schedule fires missed while no server ran: `skip` (default, as ADF) or `catchUp`. */
  readonly missedFires?: MissedFirePolicy;
}

/**
 * The engine with the built-in executors, and ADF's pipeline-run routes over it: createRun
 * and cancel go to the engine, reads to the run query service. The trigger scheduler fires
 * pipelines through the engine; storage event triggers watch the embedded local storage or
 * the Azure account their scope names (see blob-sources.ts).
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
      ...(deps.localSasUri ? { localSasUri: deps.localSasUri } : {}),
    }),
    ...deps.executors,
  };
  const engine = createPipelineEngine({
    database: deps.database,
    executors,
    secrets: localSecretFolder(join(deps.dataDir, "secrets")),
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
  const triggerDeps = {
    database: deps.database,
    factories: deps.factories,
    engine,
    clock: deps.clock,
    random: deps.random,
  };
  const triggers = createTriggerService(triggerDeps);
  const scheduler = createTriggerScheduler({
    ...triggerDeps,
    logger: deps.logger,
    ...(deps.missedFires === undefined ? {} : { missedFires: deps.missedFires }),
    blobSource: blobEventSources({
      localRoot: localStorageRoot,
      factories: deps.factories,
      logger: deps.logger,
    }),
  });
  return {
    engine,
    scheduler,
    resourceView: triggerRuntimeView(triggers),
    routes: [
      pipelineRunRoutes(service, { logger: deps.logger }),
      webhookCallbackRoutes(callbacks),
      triggerRoutes(triggers, { logger: deps.logger }),
    ],
  };
}
