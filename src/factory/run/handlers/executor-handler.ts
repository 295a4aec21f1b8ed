import type { JsonValue } from "../../../core/index.js";
import { userError } from "../../engine/index.js";
import type { ActivityExecutor, ActivityOutcome } from "../../activities/activity-executor.js";
import { isPlainObject } from "../../engine/parameter-types.js";
import type { ActivityHandler, AttemptResult } from "../activity-handler.js";
import { resolvedTypeProperties } from "../activity-runner.js";

/** An execution activity run by its executor (Web, WebHook, GetMetadata, Custom...). */
export function executorHandler(executor: ActivityExecutor): ActivityHandler {
  return {
    input: resolvedTypeProperties,
    run: async (attempt, input): Promise<AttemptResult> => {
      const { ctx } = attempt;
      const state = attempt.resumed?.engineState;
      const outcome = await executor.run({
        activity: attempt.activity,
        typeProperties: input as Record<string, unknown>,
        scope: attempt.scope(),
        factory: ctx.run.factory,
        pipelineName: ctx.run.pipelineName,
        pipelineRunId: ctx.run.runId,
        activityRunId: attempt.activityRunId,
        retryAttempt: attempt.retryAttempt,
        timeoutMs: attempt.timeoutMs,
        signal: attempt.signal,
        resources: ctx.services.resourcesOf(ctx.run.factory),
        resumedState: isPlainObject(state) ? (state.handler as JsonValue | undefined) : undefined,
        saveState: (value) => attempt.saveState(value),
        reportProgress: (value) => attempt.reportProgress(value),
      });
      return outcome;
    },
  };
}

/** An activity Sluice cannot run: fails at once, naming the type and why. */
export function unsupportedHandler(type: string, reason: string): ActivityHandler {
  return {
    instant: true,
    input: () => ({}),
    run: async (attempt): Promise<AttemptResult> => ({
      status: "Failed",
      retryable: false,
      error: userError(
        attempt.activity.name,
        "ActivityTypeNotSupported",
        `Activity '${attempt.activity.name}' is of type '${type}', which Sluice does not run: ${reason}.`,
      ),
    }),
  };
}

/** An activity whose outcome a test fixed in advance: it ends so at once, without running. */
export function stubHandler(outcome: ActivityOutcome): ActivityHandler {
  return {
    instant: true,
    input: resolvedTypeProperties,
    run: async (): Promise<AttemptResult> => outcome,
  };
}
