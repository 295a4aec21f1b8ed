// Task state transitions with Batch's retry and requeue math. Pure: the caller passes the
// current run state and the time, and stores what comes back.
import type { TaskState } from "../../api/index.js";
import type { ExitConditions, TaskConstraints, TaskFailureInformation } from "../../api/index.js";
import type { TaskExecutionInformation } from "../../api/index.js";
import type { JobConstraints } from "../../api/index.js";
import { BatchError } from "../batch-error.js";
import { toBatchTime } from "../duration.js";
import {
  resolveExitOptions,
  type ResolvedExitOptions,
  type TaskEnding,
} from "./exit-conditions.js";

/** A task's state and execution record. */
export interface TaskRunState {
  readonly state: TaskState;
  readonly executionInfo: TaskExecutionInformation;
}

/** How one attempt ended, as the node (or the server) reports it. */
export type TaskOutcome =
  /** The process exited with `exitCode`, and outputs uploaded. */
  | { readonly kind: "exited"; readonly exitCode: number }
  /** Resource files could not be fetched (or the process could not start): never retried. */
  | { readonly kind: "preProcessingError"; readonly code?: string; readonly message?: string }
  /** The process exited, then an output upload failed: never retried. */
  | {
      readonly kind: "fileUploadError";
      readonly exitCode: number;
      readonly code?: string;
      readonly message?: string;
    }
  /** `maxWallClockTime` passed and the process tree was killed: not retried. */
  | { readonly kind: "timedOut"; readonly exitCode?: number }
  /** The user terminated the task (or its job ended it). */
  | { readonly kind: "terminated"; readonly exitCode?: number }
  /** The node died, stopped heartbeating, or was removed with `requeue`: no retry is counted. */
  | { readonly kind: "requeued" };

/** The result of {@link finishAttempt}. */
export interface TaskTransition extends TaskRunState {
  /** True when the task went back to `active` for another try after a non-zero exit. */
  readonly retried: boolean;
  /** True when the task went back to `active` because its node went away. */
  readonly requeued: boolean;
  /** Set when the task completed: the exit options its ending selected. */
  readonly exitOptions?: ResolvedExitOptions;
}

/** A new task's run state: `active`, no retries, no requeues. */
export function newTaskRun(): TaskRunState {
  return { state: "active", executionInfo: { retryCount: 0, requeueCount: 0 } };
}

/**
 * The retry limit in force: the task's `maxTaskRetryCount`, else the job's, else 0.
 * -1 means unlimited.
 */
export function effectiveMaxTaskRetryCount(task?: TaskConstraints, job?: JobConstraints): number {
  return task?.maxTaskRetryCount ?? job?.maxTaskRetryCount ?? 0;
}

/** True when a task that has been retried `retryCount` times may be retried once more. */
export function canRetry(retryCount: number, maxTaskRetryCount: number): boolean {
  return maxTaskRetryCount === -1 || retryCount < maxTaskRetryCount;
}

/**
 * The task is handed to a node: `preparing` while the job preparation task must still run
 * there, else `running` (with `startTime` now). Only an `active` task can start.
 */
export function startAttempt(
  run: TaskRunState,
  now: number,
  needsPreparation = false,
): TaskRunState {
  if (run.state !== "active")
    throw new RangeError(`A ${run.state} task cannot start; only an active task can.`);
  return needsPreparation ? { ...run, state: "preparing" } : beginRunning(run, now);
}

/** The job preparation task finished on the node: a `preparing` task starts `running`. */
export function beginRunning(run: TaskRunState, now: number): TaskRunState {
  if (run.state !== "active" && run.state !== "preparing") {
    throw new RangeError(`A ${run.state} task cannot begin running.`);
  }
  return { state: "running", executionInfo: { ...run.executionInfo, startTime: toBatchTime(now) } };
}

/** Clears the fields Batch sets only on a completed task, keeping the counters. */
function backToActive(info: TaskExecutionInformation): TaskExecutionInformation {
  return {
    retryCount: info.retryCount,
    requeueCount: info.requeueCount,
    ...(info.lastRetryTime !== undefined ? { lastRetryTime: info.lastRetryTime } : {}),
    ...(info.lastRequeueTime !== undefined ? { lastRequeueTime: info.lastRequeueTime } : {}),
    ...(info.startTime !== undefined ? { startTime: info.startTime } : {}),
  };
}

/**
 * Applies how an attempt ended. A non-zero exit goes back to `active` while retries remain
 * (`maxTaskRetryCount` 0 = never, 3 = up to 4 tries, -1 = always); a requeue goes back to
 * `active` and counts in `requeueCount`, never in `retryCount`; everything else completes
 * the task, with `result`, `failureInfo` and the exit options of `exitConditions`.
 */
export function finishAttempt(
  run: TaskRunState,
  outcome: TaskOutcome,
  context: {
    readonly now: number;
    readonly maxTaskRetryCount: number;
    readonly exitConditions?: ExitConditions;
  },
): TaskTransition {
  if (run.state === "completed") throw new RangeError("A completed task has no attempt to finish.");
  const info = run.executionInfo;
  const time = toBatchTime(context.now);
  if (outcome.kind === "requeued") {
    const requeued = {
      ...backToActive(info),
      requeueCount: info.requeueCount + 1,
      lastRequeueTime: time,
    };
    return { state: "active", executionInfo: requeued, retried: false, requeued: true };
  }
  if (
    outcome.kind === "exited" &&
    outcome.exitCode !== 0 &&
    canRetry(info.retryCount, context.maxTaskRetryCount)
  ) {
    const retried = { ...backToActive(info), retryCount: info.retryCount + 1, lastRetryTime: time };
    return { state: "active", executionInfo: retried, retried: true, requeued: false };
  }
  return completeWith(info, outcome, time, context.exitConditions);
}

function completeWith(
  info: TaskExecutionInformation,
  outcome: Exclude<TaskOutcome, { kind: "requeued" }>,
  time: string,
  exitConditions: ExitConditions | undefined,
): TaskTransition {
  const failure = failureOf(outcome);
  const exitCode = "exitCode" in outcome ? outcome.exitCode : undefined;
  const ending: TaskEnding =
    outcome.kind === "preProcessingError"
      ? { kind: "preProcessingError" }
      : outcome.kind === "fileUploadError"
        ? { kind: "fileUploadError", exitCode: outcome.exitCode }
        : {
            kind: "exit",
            exitCode: outcome.kind === "exited" ? outcome.exitCode : (exitCode ?? -1),
          };
  const executionInfo: TaskExecutionInformation = {
    ...backToActive(info),
    endTime: time,
    ...(exitCode !== undefined ? { exitCode } : {}),
    ...(failure !== undefined ? { failureInfo: failure } : {}),
    result: failure === undefined ? "success" : "failure",
  };
  const exitOptions =
    outcome.kind === "terminated" || outcome.kind === "timedOut"
      ? { jobAction: "none" as const, dependencyAction: "block" as const }
      : resolveExitOptions(exitConditions, ending);
  return { state: "completed", executionInfo, retried: false, requeued: false, exitOptions };
}

/** `failureInfo` for an ending, or undefined for success (exit code 0). */
function failureOf(
  outcome: Exclude<TaskOutcome, { kind: "requeued" }>,
): TaskFailureInformation | undefined {
  switch (outcome.kind) {
    case "exited":
      return outcome.exitCode === 0
        ? undefined
        : {
            category: "usererror",
            code: "FailureExitCode",
            message: "The task process exited with an exit code representing a failure",
          };
    case "preProcessingError":
      return {
        category: "usererror",
        code: outcome.code ?? "ResourceFileDownloadFailed",
        message:
          outcome.message ?? "The task could not start: a resource file could not be fetched",
      };
    case "fileUploadError":
      return {
        category: "usererror",
        code: outcome.code ?? "FileUploadFailed",
        message: outcome.message ?? "An output file could not be uploaded",
      };
    case "timedOut":
      return {
        category: "usererror",
        code: "MaxWallClockTimeExpiry",
        message: "The task ran longer than its maxWallClockTime and was killed",
      };
    case "terminated":
      return {
        category: "usererror",
        code: "TaskEnded",
        message: "Task Was Ended by User Request",
      };
  }
}

/**
 * `POST .../reactivate`: a failed completed task goes back to `active` with its retry count
 * reset. Batch refuses it for a running or active task and for one that succeeded.
 */
export function reactivateTask(run: TaskRunState, taskId: string): TaskRunState {
  if (run.state !== "completed") {
    throw new BatchError(
      "TaskNotCompleted",
      `Task '${taskId}' is ${run.state}; only a completed task can be reactivated.`,
    );
  }
  if (run.executionInfo.result === "success") {
    throw new BatchError(
      "TaskSucceeded",
      `Task '${taskId}' succeeded; only a failed task can be reactivated.`,
    );
  }
  return {
    state: "active",
    executionInfo: { retryCount: 0, requeueCount: run.executionInfo.requeueCount },
  };
}
