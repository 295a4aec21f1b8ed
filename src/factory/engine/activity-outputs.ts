import { SluiceError } from "../../core/index.js";
import { flagOf } from "./adf-type-name.js";
import type { ActivityError } from "./run-status.js";

/**
 * Wait: `waitTimeInSeconds` (resolved; a whole number, or its text) in milliseconds.
 * Throws InvalidArgument naming `where` otherwise. Wait's output is `{}`.
 */
export function waitMs(waitTimeInSeconds: unknown, where: string): number {
  const value =
    typeof waitTimeInSeconds === "string" && /^\s*\d+\s*$/.test(waitTimeInSeconds)
      ? Number(waitTimeInSeconds)
      : waitTimeInSeconds;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value * 1000;
  throw new SluiceError(
    "InvalidArgument",
    `${where}.typeProperties.waitTimeInSeconds is ${JSON.stringify(waitTimeInSeconds)}; it must be a whole number of seconds, 0 or more.`,
    { details: { field: `${where}.typeProperties.waitTimeInSeconds`, value: waitTimeInSeconds } },
  );
}

/**
 * Execute Pipeline's `waitOnCompletion`: false when absent, as the ADF REST API (SDK) states;
 * the portal always writes it (checked by default).
 */
export function waitsOnCompletion(
  typeProperties: Readonly<Record<string, unknown>> | undefined,
): boolean {
  return flagOf(typeProperties?.waitOnCompletion, false);
}

/** Execute Pipeline's output: the child's name and run id, and its return value once it finished. */
export interface ExecutePipelineOutput {
  readonly pipelineName: string;
  readonly pipelineRunId: string;
  readonly pipelineReturnValue?: Readonly<Record<string, unknown>>;
}

/**
 * Execute Pipeline's output. `pipelineReturnValue` is present when the activity waited for
 * the child and the child set one.
 */
export function executePipelineOutput(
  pipelineName: string,
  pipelineRunId: string,
  returnValue?: Readonly<Record<string, unknown>>,
): ExecutePipelineOutput {
  return returnValue === undefined
    ? { pipelineName, pipelineRunId }
    : { pipelineName, pipelineRunId, pipelineReturnValue: returnValue };
}

/**
 * The error of an Execute Pipeline activity whose child run failed: the child's error code
 * and message (already "Operation on target <inner> failed: ..."), with this activity as target.
 */
export function executePipelineFailure(
  activityName: string,
  childError: ActivityError | undefined,
  childRunId: string,
): ActivityError {
  return {
    errorCode: childError?.errorCode ?? "ActionFailed",
    message:
      childError?.message ?? `The pipeline run ${childRunId} invoked by '${activityName}' failed.`,
    failureType: childError?.failureType ?? "UserError",
    target: activityName,
  };
}
