import type { JsonObject } from "../../core/index.js";
import type { FactoryStore, PipelineRunRecord } from "../../store/index.js";
import {
  bindParameters,
  createMasker,
  secureParameterSecrets,
  type Masker,
  type SystemVariables,
} from "../engine/index.js";
import { isPlainObject } from "../engine/parameter-types.js";
import type { PipelineResource } from "../model/pipeline.js";

/** The definition a run executes and what its expressions see besides activities. */
export interface RunSetup {
  readonly pipeline: PipelineResource;
  readonly globalParameters: Record<string, unknown>;
  readonly masker: Masker;
  readonly system: SystemVariables;
}

/** Loads the pipeline version the run was created with, the factory's globals, the masker. */
export async function loadRunSetup(
  factories: FactoryStore,
  run: PipelineRunRecord,
): Promise<RunSetup> {
  const resource = await factories.getResource(
    run.factory,
    "pipeline",
    run.pipelineName,
    run.pipelineVersion === null ? {} : { version: run.pipelineVersion },
  );
  const pipeline = resource.json as unknown as PipelineResource;
  const factory = await factories.getFactory(run.factory);
  const bound = bindParameters(pipeline.properties.parameters, run.parameters);
  return {
    pipeline,
    globalParameters: globalValues(factory.globalParameters),
    masker: createMasker({ secrets: secureParameterSecrets(run.parameters, bound.secure) }),
    system: systemVariables(run),
  };
}

/** ADF's `globalParameters` entries are `{ type, value }`; expressions see the values. */
export function globalValues(globals: JsonObject): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(globals)) {
    values[name] = isPlainObject(entry) && "value" in entry ? entry.value : entry;
  }
  return values;
}

/**
 * ADF's system date/times are UTC ISO 8601 with seven fractional digits
 * (`2017-06-01T22:20:00.4061448Z`, per its system variables page), as utcNow() gives them.
 */
export function adfUtcTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, "0000Z");
}

/** `pipeline()`'s system variables for a run. */
export function systemVariables(run: PipelineRunRecord): SystemVariables {
  const invokedBy = run.invokedBy;
  return {
    DataFactory: run.factory,
    Pipeline: run.pipelineName,
    RunId: run.runId,
    TriggerType: invokedBy.invokedByType,
    TriggerId: invokedBy.id,
    TriggerName: invokedBy.name,
    TriggerTime: adfUtcTime(run.creationTime),
    GroupId: run.runGroupId,
    TriggeredByPipelineName: invokedBy.pipelineName ?? null,
    TriggeredByPipelineRunId: invokedBy.pipelineRunId ?? null,
  };
}
