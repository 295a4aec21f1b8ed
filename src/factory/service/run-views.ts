// Stored runs as ADF's REST API shows them: ISO times, ADF's field names, and no secret in
// sight. The engine keeps the real values; only what leaves through the API is masked here.
import { createHash } from "node:crypto";
import type { JsonObject, JsonValue } from "../../core/index.js";
import type { ActivityRunRecord, PipelineRunRecord } from "../../store/index.js";
import { createMasker, maskText, secureParameterSecrets, type Masker } from "../engine/index.js";

/** What a run's views must hide. */
export interface RunSecrets {
  /** The run's SecureString parameter names (as its pipeline declares them; any case). */
  readonly secureNames: readonly string[];
  /** Secret texts to mask wherever they appear: its own and its ExecutePipeline parents'. */
  readonly secrets: readonly string[];
}

/** No secrets: for runs of pipelines without SecureString parameters. */
export const noSecrets: RunSecrets = { secureNames: [], secrets: [] };

/** The secret texts of `parameters`' SecureString values (`secureNames` match in any case). */
export function parameterSecrets(
  parameters: Readonly<Record<string, unknown>>,
  secureNames: readonly string[],
): string[] {
  return secureParameterSecrets(parameters, securedKeys(parameters, secureNames));
}

/**
 * ADF's `PipelineRun`: `runId`, `runGroupId`, `isLatest`, `pipelineName`, `parameters`
 * (SecureString values shown as `**********`), `runDimensions`, `invokedBy`, `lastUpdated`,
 * `runStart`, `runEnd` and `durationInMs` (null until the run ends), `status`, `message`,
 * `annotations`; plus `id`, the run's path on this server, as the factory resources have.
 */
export function pipelineRunView(
  run: PipelineRunRecord,
  secrets: RunSecrets = noSecrets,
): JsonObject {
  const masker = createMasker({ secrets: secrets.secrets });
  return {
    id: `/factories/${run.factory}/pipelineruns/${run.runId}`,
    runId: run.runId,
    runGroupId: run.runGroupId,
    isLatest: run.isLatest,
    pipelineName: run.pipelineName,
    parameters: maskedParameters(run.parameters, secrets, masker),
    runDimensions: run.runDimensions,
    invokedBy: invokedByView(run),
    lastUpdated: isoTime(run.lastUpdated),
    runStart: isoTime(run.runStart),
    runEnd: run.runEnd === null ? null : isoTime(run.runEnd),
    durationInMs: run.durationInMs,
    status: run.status,
    message: masker.maskValue(run.message),
    annotations: [...run.annotations],
  };
}

/**
 * ADF's `ActivityRun` of a run of `pipelineName`: `activityRunId`, `activityName`,
 * `activityType`, `pipelineRunId`, `pipelineName`, `status`, `activityRunStart`,
 * `activityRunEnd`, `durationInMs`, `input`, `output`, `error` (ADF's empty error, targeting
 * the activity, while there is none), `retryAttempt` (null for a first attempt),
 * `linkedServiceName` ("" for none), `userProperties` and `iterationHash` ("" outside a
 * ForEach; the same text for the activities of one iteration). The run's secrets are
 * masked inside input, output and error (secure policies are masked by the engine already).
 */
export function activityRunView(
  activity: ActivityRunRecord,
  pipelineName: string,
  secrets: RunSecrets = noSecrets,
): JsonObject {
  const masker = createMasker({ secrets: secrets.secrets });
  return {
    activityRunId: activity.activityRunId,
    activityName: activity.activityName,
    activityType: activity.activityType,
    pipelineRunId: activity.pipelineRunId,
    pipelineName,
    status: activity.status,
    activityRunStart: isoTime(activity.activityRunStart),
    activityRunEnd: activity.activityRunEnd === null ? null : isoTime(activity.activityRunEnd),
    durationInMs: activity.durationInMs,
    input: masker.maskValue(activity.input),
    output: masker.maskValue(activity.output),
    error: masker.maskValue(errorView(activity)),
    retryAttempt: activity.retryAttempt,
    linkedServiceName: activity.linkedServiceName ?? "",
    userProperties: activity.userProperties,
    iterationHash: iterationHash(activity),
  };
}

/** ms since the epoch as ADF writes times: ISO 8601 in UTC. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

function invokedByView(run: PipelineRunRecord): JsonObject {
  const by = run.invokedBy;
  return {
    name: by.name,
    id: by.id,
    invokedByType: by.invokedByType,
    ...(by.pipelineName === undefined ? {} : { pipelineName: by.pipelineName }),
    ...(by.pipelineRunId === undefined ? {} : { pipelineRunId: by.pipelineRunId }),
  };
}

function maskedParameters(parameters: JsonObject, secrets: RunSecrets, masker: Masker): JsonObject {
  const secured = new Set(securedKeys(parameters, secrets.secureNames));
  const shown: JsonObject = {};
  for (const [name, value] of Object.entries(parameters)) {
    // A null SecureString shows as null: there is nothing to hide, as ADF shows it.
    shown[name] = secured.has(name) && value !== null ? maskText : masker.maskValue(value);
  }
  return shown;
}

/** The keys of `values` that name a secure parameter, in any case. */
function securedKeys(
  values: Readonly<Record<string, unknown>>,
  secureNames: readonly string[],
): string[] {
  const lowered = new Set(secureNames.map((name) => name.toLowerCase()));
  return Object.keys(values).filter((key) => lowered.has(key.toLowerCase()));
}

/** ADF shows an activity without an error as an error of empty fields aimed at it. */
function errorView(activity: ActivityRunRecord): JsonValue {
  const error = activity.error;
  if (error === null) {
    return {
      errorCode: "",
      message: "",
      failureType: "",
      target: activity.activityName,
      details: "",
    };
  }
  return {
    errorCode: error.errorCode,
    message: error.message,
    failureType: error.failureType,
    target: error.target,
    details: error.details ?? "",
  };
}

/**
 * ADF's `iterationHash`: "" outside a ForEach, else an opaque id the activities of one
 * iteration share (the run and the container path up to the innermost `[index]`).
 */
function iterationHash(activity: ActivityRunRecord): string {
  const end = activity.scopePath.lastIndexOf("]");
  if (activity.iterationIndex === null || end < 0) return "";
  const iteration = `${activity.pipelineRunId}/${activity.scopePath.slice(0, end + 1)}`;
  return createHash("sha256").update(iteration).digest("hex").slice(0, 32);
}
