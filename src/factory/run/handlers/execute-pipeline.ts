import { newUuid } from "../../../core/index.js";
import {
  executePipelineFailure,
  executePipelineOutput,
  userError,
  waitsOnCompletion,
  type ActivityError,
} from "../../engine/index.js";
import { isPlainObject } from "../../engine/parameter-types.js";
import type { ActivityHandler, AttemptResult } from "../activity-handler.js";
import { resolvedTypeProperties } from "../activity-runner.js";

/**
 * Execute Pipeline: starts a run of the referenced pipeline as this run's child and, with
 * `waitOnCompletion`, ends as the child ends, with its return value. The child's run id is
 * saved before the child is created, so a resumed attempt finds its child instead of
 * starting a second one.
 */
export const executePipelineHandler: ActivityHandler = {
  input: resolvedTypeProperties,
  run: async (attempt, input): Promise<AttemptResult> => {
    const properties = input as Record<string, unknown>;
    const reference = properties.pipeline;
    const pipeline = isPlainObject(reference) ? String(reference.referenceName ?? "") : "";
    const saved = attempt.resumed ? savedChild(attempt.resumed.engineState) : undefined;
    const runId = saved ?? newUuid(attempt.ctx.services.random);
    if (saved === undefined) await attempt.saveState({ childRunId: runId });
    const parameters = isPlainObject(properties.parameters) ? properties.parameters : {};
    const child = await attempt.ctx.services.children.start({
      runId,
      factory: attempt.ctx.run.factory,
      pipeline,
      parameters,
      parent: attempt.ctx.run,
      activityName: attempt.activity.name,
    });
    if (!waitsOnCompletion(properties)) {
      return { status: "Succeeded", output: executePipelineOutput(child.pipelineName, runId) };
    }
    const end = await attempt.ctx.services.children.waitForEnd(runId, attempt.signal);
    const returnValue = isPlainObject(end.returnValue) ? end.returnValue : undefined;
    const output = executePipelineOutput(end.pipelineName, runId, returnValue);
    if (end.status === "Succeeded") return { status: "Succeeded", output };
    if (end.status === "Cancelled" || attempt.signal.aborted) {
      return { status: "Cancelled", output };
    }
    if (end.status !== "Failed") {
      const message = `The pipeline run ${runId} is still ${end.status}.`;
      return {
        status: "Failed",
        output,
        error: userError(attempt.activity.name, "ActionFailed", message),
      };
    }
    const childError = errorOf(end.engineState) ?? {
      errorCode: "ActionFailed",
      message: end.message,
      failureType: "UserError" as const,
      target: end.pipelineName,
    };
    return {
      status: "Failed",
      output,
      error: executePipelineFailure(attempt.activity.name, childError, runId),
    };
  },
};

function savedChild(engineState: unknown): string | undefined {
  if (!isPlainObject(engineState) || !isPlainObject(engineState.handler)) return undefined;
  const id = engineState.handler.childRunId;
  return typeof id === "string" ? id : undefined;
}

function errorOf(engineState: unknown): ActivityError | undefined {
  if (!isPlainObject(engineState) || !isPlainObject(engineState.error)) return undefined;
  return engineState.error as unknown as ActivityError;
}
