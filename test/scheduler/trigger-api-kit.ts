// The trigger API under test: the real HTTP server with the factory routes (with the trigger
// runtimeState view, refusing changes to started triggers), the pipeline run routes and the trigger routes, over real stores, a real
// engine and a scheduler ticked by the test on a manual clock.
import type { AddressInfo } from "node:net";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { ManualClock } from "../../src/core/index.js";
import {
  createFactoryService,
  createPipelineEngine,
  createRunQueryService,
  type FactoryService,
  type PipelineEngine,
  type TriggerResource,
} from "../../src/factory/index.js";
import {
  createTriggerScheduler,
  createTriggerService,
  guardStartedTriggers,
  type TriggerScheduler,
  type TriggerService,
} from "../../src/scheduler/index.js";
import {
  createHttpServer,
  factoryRoutes,
  pipelineRunRoutes,
  triggerRoutes,
  triggerRuntimeView,
} from "../../src/server/index.js";
import type { Database } from "../../src/store/index.js";

export const token = "trigger-api-test-token";

/** A pipeline that sets a variable from its parameter `when`: quick, and shows what it got. */
export const whenPipeline = {
  name: "P",
  properties: {
    parameters: { when: { type: "String" } },
    variables: { v: { type: "String" } },
    activities: [
      {
        name: "Set",
        type: "SetVariable",
        typeProperties: { variableName: "v", value: "@pipeline().parameters.when" },
      },
    ],
  },
};

/** A schedule trigger of P firing every `minutes` from 2024-01-01 00:00 UTC. */
export function scheduleTrigger(name: string, minutes = 60): TriggerResource {
  return {
    name,
    properties: {
      type: "ScheduleTrigger",
      typeProperties: {
        recurrence: { frequency: "Minute", interval: minutes, startTime: "2024-01-01T00:00:00Z" },
      },
      pipelines: [
        {
          pipelineReference: { type: "PipelineReference", referenceName: "P" },
          parameters: { when: "@trigger().scheduledTime" },
        },
      ],
    },
  };
}

/** A pipeline that waits `seconds` (a window that stays Running while a test looks at it). */
export function slowPipeline(seconds: number) {
  return {
    name: "Slow",
    properties: {
      parameters: { when: { type: "String" } },
      activities: [{ name: "Hold", type: "Wait", typeProperties: { waitTimeInSeconds: seconds } }],
    },
  };
}

/** A tumbling window trigger of `pipeline` (default P) with hourly windows from 2024-01-01 00:00 UTC. */
export function tumblingTrigger(
  name: string,
  extra: Record<string, unknown> = {},
  pipeline = "P",
): TriggerResource {
  return {
    name,
    properties: {
      type: "TumblingWindowTrigger",
      typeProperties: {
        frequency: "Hour",
        interval: 1,
        startTime: "2024-01-01T00:00:00Z",
        maxConcurrency: 5,
        ...extra,
      },
      pipeline: {
        pipelineReference: { type: "PipelineReference", referenceName: pipeline },
        parameters: { when: "@trigger().outputs.windowStartTime" },
      },
    },
  };
}

export interface TriggerApi {
  readonly app: FastifyInstance;
  readonly clock: ManualClock;
  readonly factories: FactoryService;
  readonly engine: PipelineEngine;
  readonly service: TriggerService;
  readonly scheduler: TriggerScheduler;
  call(method: string, path: string, body?: unknown): Promise<LightMyRequestResponse>;
  listen(): Promise<string>;
  /** Ticks the scheduler until `done` holds (the engine runs on real time), with a deadline. */
  tickUntil(done: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts the API over `database` with the clock at `now`. */
export async function startTriggerApi(database: Database, now: number): Promise<TriggerApi> {
  const clock = new ManualClock(now);
  // As the server composes it: a change to a started trigger is refused.
  const factories = guardStartedTriggers(createFactoryService({ database, clock }), database);
  const engine = createPipelineEngine({ database, pollMs: 10 });
  engine.start();
  const service = createTriggerService({ database, factories, engine, clock });
  const scheduler = createTriggerScheduler({ database, factories, engine, clock });
  const reads = createRunQueryService({ database });
  const app = createHttpServer({
    token,
    routes: [
      factoryRoutes(factories, { view: triggerRuntimeView(service) }),
      pipelineRunRoutes({
        createRun: (f, p, body, options, invoker) => engine.createRun(f, p, body, options, invoker),
        cancelRun: (f, runId, options) => engine.cancelRun(f, runId, options),
        getRun: (f, runId) => reads.getRun(f, runId),
        queryRuns: (f, body) => reads.queryRuns(f, body),
        queryActivityRuns: (f, runId, body) => reads.queryActivityRuns(f, runId, body),
      }),
      triggerRoutes(service),
    ],
  });
  await app.ready();
  return {
    app,
    clock,
    factories,
    engine,
    service,
    scheduler,
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
    tickUntil: async (done, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await scheduler.tick();
        if (await done()) return;
        if (Date.now() > deadline) throw new Error("tickUntil: condition not met in time");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: async () => {
      await scheduler.stop();
      await engine.stop();
      await app.close();
    },
  };
}
