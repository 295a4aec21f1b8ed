import {
  SluiceError,
  newUuid,
  type JsonObject,
  type JsonValue,
  type RandomSource,
} from "../../core/index.js";
import type {
  FactoryStore,
  InvokedBy,
  NewPipelineRun,
  PipelineRunRecord,
  PipelineRunStore,
} from "../../store/index.js";
import { bindParameters, initVariables } from "../engine/index.js";
import { isPlainObject } from "../engine/parameter-types.js";
import type { PipelineResource } from "../model/pipeline.js";
import type { CreateRunOptions } from "../service/pipeline-run-service.js";
import type { RerunPlan } from "./rerun-plan.js";

/** A run to create, checked before anything is stored. */
export interface RunRequest {
  readonly factory: string;
  readonly pipeline: string;
  /** The parameters object (createRun's body). */
  readonly parameters: unknown;
  readonly options?: CreateRunOptions;
  readonly invokedBy: InvokedBy;
  readonly runId?: string;
  readonly parentRunId?: string;
}

/**
 * Checks a run request and builds the run to store (Queued): the pipeline must exist, the
 * parameters fit its declarations, a rerun's reference run belong to the same pipeline.
 * Throws `InvalidArgument`, `PipelineParameterInvalid` or `StoreNotFound`; stores nothing.
 */
export async function prepareRun(
  request: RunRequest,
  stores: {
    readonly factories: Pick<FactoryStore, "getResource">;
    readonly runs: PipelineRunStore;
  },
  random: RandomSource,
): Promise<NewPipelineRun & { readonly runId: string }> {
  const resource = await stores.factories.getResource(
    request.factory,
    "pipeline",
    request.pipeline,
  );
  const pipeline = resource.json as unknown as PipelineResource;
  const options = request.options ?? {};
  const reference = options.referencePipelineRunId
    ? await referenceRun(stores.runs, request, options.referencePipelineRunId)
    : undefined;
  const given = parametersOf(request.parameters, reference);
  const bound = bindParameters(pipeline.properties.parameters, given, {
    owner: `pipeline '${resource.name}'`,
  });
  const variables = initVariables(pipeline.properties.variables);
  const rerun = rerunPlan(options, reference, pipeline);
  const runId = request.runId ?? newUuid(random);
  return {
    runId,
    factory: request.factory,
    pipelineName: resource.name,
    pipelineVersion: resource.version,
    parameters: bound.values as JsonObject,
    invokedBy: request.invokedBy,
    runGroupId: reference?.runGroupId ?? runId,
    parentRunId: request.parentRunId ?? null,
    referencePipelineRunId: reference?.runId ?? null,
    isRecovery: options.isRecovery === true,
    annotations: (pipeline.properties.annotations ?? []) as JsonValue[],
    variables: variables as JsonObject,
    engineState: rerun ? ({ rerun } as unknown as JsonValue) : null,
  };
}

function parametersOf(body: unknown, reference: PipelineRunRecord | undefined): JsonObject {
  if (body === undefined || body === null || body === "") return reference?.parameters ?? {};
  if (!isPlainObject(body)) {
    throw new SluiceError(
      "InvalidArgument",
      `The createRun body must be a JSON object of parameter values; it is ${JSON.stringify(body)}.`,
      { details: { field: "parameters", value: body } },
    );
  }
  const given = body as JsonObject;
  return Object.keys(given).length === 0 && reference ? reference.parameters : given;
}

async function referenceRun(
  runs: PipelineRunStore,
  request: RunRequest,
  runId: string,
): Promise<PipelineRunRecord> {
  const run = await runs.get(runId);
  const samePipeline =
    run.factory.toLowerCase() === request.factory.toLowerCase() &&
    run.pipelineName.toLowerCase() === request.pipeline.toLowerCase();
  if (!samePipeline) {
    throw new SluiceError(
      "InvalidArgument",
      `referencePipelineRunId ${runId} is a run of pipeline '${run.pipelineName}', not of '${request.pipeline}'; a rerun must rerun the same pipeline.`,
      { details: { field: "referencePipelineRunId", value: runId } },
    );
  }
  return run;
}

function rerunPlan(
  options: CreateRunOptions,
  reference: PipelineRunRecord | undefined,
  pipeline: PipelineResource,
): RerunPlan | undefined {
  const from = options.startActivityName;
  if ((options.startFromFailure || from) && !reference) {
    throw new SluiceError(
      "InvalidArgument",
      "startFromFailure and startActivityName need referencePipelineRunId: the run to rerun.",
      { details: { field: "referencePipelineRunId" } },
    );
  }
  if (!reference) return undefined;
  if (from) {
    const names = pipeline.properties.activities.map((a) => a.name);
    if (!names.some((name) => name.toLowerCase() === from.toLowerCase())) {
      throw new SluiceError(
        "InvalidArgument",
        `startActivityName '${from}' is not a top-level activity of pipeline '${pipeline.name}'; allowed: ${names.join(", ")}.`,
        { details: { field: "startActivityName", value: from, allowed: names } },
      );
    }
    return { referenceRunId: reference.runId, mode: "from", startActivityName: from };
  }
  return options.startFromFailure ? { referenceRunId: reference.runId, mode: "failed" } : undefined;
}
