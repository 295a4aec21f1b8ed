// ADF's trigger lifecycle and monitoring paths (without ARM's /subscriptions/... prefix):
// start, stop, queryTriggerRuns and a tumbling window's rerun, plus Sluice's next fire times,
// schedule backfill and window states. Errors take ADF's CloudError shape, set on this plugin
// alone; it sets no not-found handler (the factory routes' one answers for /factories).
import type { FastifyInstance } from "fastify";
import { SluiceError, silentLogger, type JsonObject, type Logger } from "../../core/index.js";
import { parseIsoTime, type AdfResource, type FactoryResourceKind } from "../../factory/index.js";
import { windowView, type TriggerService } from "../../scheduler/index.js";
import type { RouteModule } from "../http-server.js";
import { adfErrorReply } from "./adf-error-reply.js";
import { queryParam } from "./route-support.js";

type FactoryParams = { factory: string };
type TriggerParams = { factory: string; trigger: string };
type TriggerRunParams = TriggerParams & { runId: string };

/** Options of {@link triggerRoutes}. */
export interface TriggerRoutesOptions {
  /** Where 500s are logged; default silent. */
  readonly logger?: Logger;
}

/** Most fire times `sluice/nextFires` lists. */
const maxNextFires = 1000;

/**
 * `POST /factories/{f}/triggers/{t}/start|stop`, `POST /factories/{f}/queryTriggerRuns` (body:
 * ADF's RunFilterParameters; `{ value, continuationToken? }`),
 * `POST /factories/{f}/triggers/{t}/triggerRuns/{runId}/rerun` and `.../cancel` (a tumbling
 * window's), and Sluice's
 * `GET .../triggers/{t}/sluice/nextFires?count=N` (`{ value: [ISO times] }`, default 10),
 * `POST .../triggers/{t}/sluice/backfill` (body `{ startTime, endTime }`; `{ fired }`) and
 * `GET .../triggers/{t}/sluice/windows` (`{ value: [windows] }`). `?api-version=` is ignored.
 */
export function triggerRoutes(
  service: TriggerService,
  options: TriggerRoutesOptions = {},
): RouteModule {
  const logger = options.logger ?? silentLogger;
  return (app: FastifyInstance): void => {
    void app.register(
      async (scope) => {
        scope.setErrorHandler(async (error, _request, reply) => {
          const { status, body } = adfErrorReply(error);
          if (status === 500) logger.error("request failed", { error: String(error) });
          await reply.code(status).send(body);
        });
        lifecyclePaths(scope, service);
        sluicePaths(scope, service);
      },
      { prefix: "/factories" },
    );
  };
}

/**
 * The factory routes' `view` hook for triggers: adds ADF's read-only
 * `properties.runtimeState` (`Started` or `Stopped`) to each trigger they return.
 */
export function triggerRuntimeView(
  service: Pick<TriggerService, "runtimeState">,
): (factory: string, kind: FactoryResourceKind, resource: AdfResource) => Promise<AdfResource> {
  return async (factory, kind, resource) => {
    if (kind !== "trigger") return resource;
    const runtimeState = await service.runtimeState(factory, resource.name);
    return {
      ...resource,
      properties: { ...(resource.properties as Record<string, unknown>), runtimeState },
    };
  };
}

function lifecyclePaths(app: FastifyInstance, service: TriggerService): void {
  app.post("/:factory/triggers/:trigger/start", async (request, reply) => {
    const { factory, trigger } = request.params as TriggerParams;
    await service.start(factory, trigger);
    return reply.code(200).send();
  });
  app.post("/:factory/triggers/:trigger/stop", async (request, reply) => {
    const { factory, trigger } = request.params as TriggerParams;
    await service.stop(factory, trigger);
    return reply.code(200).send();
  });
  app.post("/:factory/queryTriggerRuns", async (request) => {
    const { factory } = request.params as FactoryParams;
    return service.queryRuns(factory, request.body);
  });
  // ADF's path spells triggerRuns; accept the lower-case spelling its SDKs also send.
  for (const runs of ["triggerRuns", "triggerruns"]) {
    app.post(`/:factory/triggers/:trigger/${runs}/:runId/rerun`, async (request, reply) => {
      const { factory, trigger, runId } = request.params as TriggerRunParams;
      await service.rerunRun(factory, trigger, runId);
      return reply.code(200).send();
    });
    app.post(`/:factory/triggers/:trigger/${runs}/:runId/cancel`, async (request, reply) => {
      const { factory, trigger, runId } = request.params as TriggerRunParams;
      await service.cancelRun(factory, trigger, runId);
      return reply.code(200).send();
    });
  }
}

function sluicePaths(app: FastifyInstance, service: TriggerService): void {
  app.get("/:factory/triggers/:trigger/sluice/nextFires", async (request) => {
    const { factory, trigger } = request.params as TriggerParams;
    const count = countParam(queryParam(request, "count"));
    return { value: await service.next(factory, trigger, count) };
  });
  app.post("/:factory/triggers/:trigger/sluice/backfill", async (request) => {
    const { factory, trigger } = request.params as TriggerParams;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const from = timeField(body, "startTime");
    const to = timeField(body, "endTime");
    return { fired: await service.backfill(factory, trigger, from, to) };
  });
  app.get("/:factory/triggers/:trigger/sluice/windows", async (request) => {
    const { factory, trigger } = request.params as TriggerParams;
    const windows = await service.windows(factory, trigger);
    return { value: windows.map(windowView) } satisfies JsonObject;
  });
}

function countParam(text: string | undefined): number {
  if (text === undefined || text === "") return 10;
  const count = Number(text);
  if (/^\d+$/.test(text) && count >= 1 && count <= maxNextFires) return count;
  throw new SluiceError(
    "InvalidArgument",
    `The query parameter count is "${text}"; allowed: an integer from 1 to ${maxNextFires}.`,
    { details: { field: "count", value: text } },
  );
}

function timeField(body: Record<string, unknown>, field: string): number {
  const value = body[field];
  const ms = typeof value === "string" ? parseIsoTime(value) : undefined;
  if (ms !== undefined) return ms;
  throw new SluiceError(
    "InvalidArgument",
    `backfill: ${field} is ${value === undefined ? "missing" : JSON.stringify(value)}; allowed: an ISO 8601 time such as 2026-01-01T00:00:00Z.`,
    { details: { field, value } },
  );
}
