// ADF's pipeline run paths (without ARM's /subscriptions/... prefix): createRun, a run, its
// cancel, queryPipelineRuns and queryActivityruns. Errors take ADF's CloudError shape, set on
// this plugin alone; unknown paths under /factories are the factory routes' 404.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { SluiceError, silentLogger, type Logger } from "../../core/index.js";
import type {
  CreateRunOptions,
  PipelineRunReads,
  PipelineRunService,
} from "../../factory/index.js";
import type { RouteModule } from "../http-server.js";
import { adfErrorReply } from "./adf-error-reply.js";
import { queryParam } from "./route-support.js";

type FactoryParams = { factory: string };
type RunParams = { factory: string; runId: string };
type PipelineParams = { factory: string; pipeline: string };

/** Options of {@link pipelineRunRoutes}. */
export interface PipelineRunRoutesOptions {
  /** Where 500s are logged; default silent. */
  readonly logger?: Logger;
}

/**
 * Every pipeline run path over `service`:
 * `POST /factories/{f}/pipelines/{p}/createRun[?referencePipelineRunId=&isRecovery=&startFromFailure=&startActivityName=]`
 * (body: the parameters object; `{ runId }`), `GET /factories/{f}/pipelineruns/{runId}`,
 * `POST /factories/{f}/pipelineruns/{runId}/cancel[?isRecursive=true]`,
 * `POST /factories/{f}/queryPipelineRuns` and
 * `POST /factories/{f}/pipelineruns/{runId}/queryActivityruns` (bodies: ADF's
 * `RunFilterParameters`; `{ value, continuationToken? }`). `?api-version=` is ignored.
 */
export function pipelineRunRoutes(
  service: PipelineRunService,
  options: PipelineRunRoutesOptions = {},
): RouteModule {
  return adfScope(options, (scope) => {
    readPaths(scope, service);
    writePaths(scope, service);
  });
}

/**
 * Only the read paths of {@link pipelineRunRoutes} (a run, queryPipelineRuns,
 * queryActivityruns): for a server that monitors runs another server drives.
 */
export function pipelineRunQueryRoutes(
  reads: PipelineRunReads,
  options: PipelineRunRoutesOptions = {},
): RouteModule {
  return adfScope(options, (scope) => readPaths(scope, reads));
}

function adfScope(
  options: PipelineRunRoutesOptions,
  register: (scope: FastifyInstance) => void,
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
        register(scope);
      },
      { prefix: "/factories" },
    );
  };
}

function readPaths(app: FastifyInstance, service: PipelineRunReads): void {
  app.get("/:factory/pipelineruns/:runId", async (request) => {
    const { factory, runId } = request.params as RunParams;
    return service.getRun(factory, runId);
  });
  app.post("/:factory/queryPipelineRuns", async (request) => {
    const { factory } = request.params as FactoryParams;
    return service.queryRuns(factory, request.body);
  });
  // ADF's spelling is queryActivityruns; SDKs and people also write queryActivityRuns.
  for (const path of ["queryActivityruns", "queryActivityRuns"]) {
    app.post(`/:factory/pipelineruns/:runId/${path}`, async (request) => {
      const { factory, runId } = request.params as RunParams;
      return service.queryActivityRuns(factory, runId, request.body);
    });
  }
}

function writePaths(app: FastifyInstance, service: PipelineRunService): void {
  app.post("/:factory/pipelines/:pipeline/createRun", async (request) => {
    const { factory, pipeline } = request.params as PipelineParams;
    return service.createRun(factory, pipeline, request.body, createRunOptions(request));
  });
  app.post("/:factory/pipelineruns/:runId/cancel", async (request, reply) => {
    const { factory, runId } = request.params as RunParams;
    const isRecursive = booleanParam(request, "isRecursive");
    await service.cancelRun(factory, runId, isRecursive === undefined ? {} : { isRecursive });
    return reply.code(200).send();
  });
}

/** createRun's query options, each only when given. */
export function createRunOptions(request: FastifyRequest): CreateRunOptions {
  const reference = queryParam(request, "referencePipelineRunId");
  const isRecovery = booleanParam(request, "isRecovery");
  const startFromFailure = booleanParam(request, "startFromFailure");
  const startActivityName = queryParam(request, "startActivityName");
  return {
    ...(reference === undefined || reference === "" ? {} : { referencePipelineRunId: reference }),
    ...(isRecovery === undefined ? {} : { isRecovery }),
    ...(startFromFailure === undefined ? {} : { startFromFailure }),
    ...(startActivityName === undefined || startActivityName === "" ? {} : { startActivityName }),
  };
}

/** A boolean query parameter: `true` or `false` in any case; absent is undefined. */
function booleanParam(request: FastifyRequest, name: string): boolean | undefined {
  const text = queryParam(request, name);
  if (text === undefined || text === "") return undefined;
  const lowered = text.toLowerCase();
  if (lowered === "true" || lowered === "false") return lowered === "true";
  throw new SluiceError(
    "InvalidArgument",
    `The query parameter ${name} is "${text}"; allowed: true, false.`,
    { details: { field: name, value: text, allowed: ["true", "false"] } },
  );
}
