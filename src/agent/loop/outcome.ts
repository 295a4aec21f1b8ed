import type { TaskRunOutcome } from "../../client/index.js";
import type { TaskFailureInfo, TaskRunResult } from "../runner/task-run-spec.js";

/** The runner's result as the protocol's completion. Pure. */
export function toOutcome(result: TaskRunResult): TaskRunOutcome {
  return {
    startTime: result.startTime.toISOString(),
    endTime: result.endTime.toISOString(),
    ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
    result: result.result,
    ...(result.failureKind === undefined ? {} : { failureKind: result.failureKind }),
    ...(result.failureInfo === undefined ? {} : { failureInfo: briefInfo(result.failureInfo) }),
    ...(result.fileUploadError === undefined ? {} : { fileUploadError: true }),
  };
}

/** A pre-processing failure found before the runner started (a container listing failed). Pure. */
export function preProcessingOutcome(
  startTime: number,
  endTime: number,
  info: TaskFailureInfo,
): TaskRunOutcome {
  return {
    startTime: new Date(startTime).toISOString(),
    endTime: new Date(endTime).toISOString(),
    result: "failure",
    failureKind: "preProcessingError",
    failureInfo: briefInfo(info),
  };
}

function briefInfo(info: TaskFailureInfo): NonNullable<TaskRunOutcome["failureInfo"]> {
  // The server keeps messages up to 4,096 characters.
  const message = info.message.length > 4000 ? `${info.message.slice(0, 3999)}…` : info.message;
  return { category: info.category, code: info.code, message };
}
