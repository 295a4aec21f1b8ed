// How an agent's report of a run (`TaskRunOutcome`) reads as a Batch task outcome, and the
// store completion it becomes. Pure.
import type { TaskRunOutcome } from "../../api/index.js";
import type { JsonObject } from "../../core/index.js";
import type { AttemptOutcome } from "../../store/index.js";
import type { TaskOutcome, TaskTransition } from "../state/task-state.js";

/**
 * The Batch outcome of a run: only a non-zero exit (`failureKind: "exitCode"`) may be
 * retried; a pre-processing error, a time-out, an abort or an upload failure completes it.
 */
export function taskOutcomeOf(run: TaskRunOutcome): TaskOutcome {
  const code = run.failureInfo?.code;
  const message = run.failureInfo?.message;
  const detail = { ...(code ? { code } : {}), ...(message ? { message } : {}) };
  if (run.result === "success" && run.fileUploadError !== true) {
    return { kind: "exited", exitCode: run.exitCode ?? 0 };
  }
  switch (run.failureKind) {
    case "preProcessingError":
      return { kind: "preProcessingError", ...detail };
    case "timeout":
      return {
        kind: "timedOut",
        ...(run.exitCode === undefined ? {} : { exitCode: run.exitCode }),
      };
    case "aborted":
      return {
        kind: "terminated",
        ...(run.exitCode === undefined ? {} : { exitCode: run.exitCode }),
      };
    default:
      if (run.fileUploadError === true) {
        return { kind: "fileUploadError", exitCode: run.exitCode ?? 0, ...detail };
      }
      return run.exitCode === undefined
        ? { kind: "preProcessingError", ...detail }
        : { kind: "exited", exitCode: run.exitCode };
  }
}

/**
 * The store write for a transition: a retry, or a completion with the exit code, result,
 * failure info (the agent's own code and message when it gave them) and dependency action.
 */
export function attemptOutcomeOf(transition: TaskTransition, run: TaskRunOutcome): AttemptOutcome {
  if (transition.retried || transition.requeued) return { kind: "retry" };
  const info = transition.executionInfo;
  const failure =
    info.failureInfo === undefined
      ? null
      : ({
          ...info.failureInfo,
          ...(run.failureInfo === undefined ? {} : run.failureInfo),
        } as unknown as JsonObject);
  return {
    kind: "completed",
    exitCode: info.exitCode ?? null,
    result: info.result ?? (failure === null ? "success" : "failure"),
    failureInfo: failure,
    dependencyAction: transition.exitOptions?.dependencyAction ?? "block",
  };
}
