// Job lifecycle: which operations a job's state allows, and when a job ends by itself
// (`onAllTasksComplete`, `onTaskFailure` exit options, `maxWallClockTime`).
import { BatchError } from "../batch-error.js";
import { parseDuration } from "../duration.js";
import type { JobAction, JobState, OnAllTasksComplete, OnTaskFailure } from "../../api/index.js";
import type { JobConstraints, TaskCounts } from "../../api/index.js";
import { allTasksComplete } from "./task-counts.js";

/** A user operation on a job. */
export type JobOperation = "disable" | "enable" | "terminate" | "delete" | "patch" | "addTask";

/** The state a job enters when `operation` starts on it (a patch or task add keeps it). */
export function jobStateAfter(jobId: string, state: JobState, operation: JobOperation): JobState {
  const refuse = (code: ConstructorParameters<typeof BatchError>[0], why: string): never => {
    throw new BatchError(code, `Job '${jobId}' is ${state}: ${why}.`, { Reason: why });
  };
  if (state === "deleting") refuse("JobBeingDeleted", `it cannot ${operation}`);
  if (operation === "delete") return "deleting";
  if (state === "completed") refuse("JobCompleted", `it cannot ${operation}`);
  if (state === "terminating") refuse("JobBeingTerminated", `it cannot ${operation}`);
  switch (operation) {
    case "disable":
      return state === "active"
        ? "disabling"
        : refuse("JobNotActive", "only an active job can be disabled");
    case "enable":
      return state === "disabled" || state === "disabling"
        ? "enabling"
        : refuse("OperationInvalidForCurrentState", "only a disabled job can be enabled");
    case "terminate":
      return "terminating";
    case "addTask":
      return state === "active" ||
        state === "disabled" ||
        state === "disabling" ||
        state === "enabling"
        ? state
        : refuse("JobNotActive", "tasks cannot be added");
    case "patch":
      return state;
  }
}

/** How the server ends a job on its own, with Batch's `terminateReason`. */
export interface JobEnding {
  readonly action: Exclude<JobAction, "none">;
  readonly terminateReason?: "AllTasksComplete" | "TaskFailed" | "MaxWallClockTimeExpiry";
}

/**
 * What a completed task does to its job: under `onTaskFailure: performexitoptionsjobaction`
 * the exit options' `jobAction` (`terminate` with reason `TaskFailed`, or `disable`, which
 * is a disable with `requeue`); otherwise nothing.
 */
export function jobEndingForTask(
  onTaskFailure: OnTaskFailure | undefined,
  jobAction: JobAction,
): JobEnding | undefined {
  if (onTaskFailure !== "performexitoptionsjobaction" || jobAction === "none") return undefined;
  return jobAction === "terminate"
    ? { action: "terminate", terminateReason: "TaskFailed" }
    : { action: "disable" };
}

/**
 * Whether an active job ends because all its tasks are complete: only with
 * `onAllTasksComplete: terminatejob`, and (as in Batch) also when it has no tasks at all.
 */
export function jobEndingForCounts(
  state: JobState,
  onAllTasksComplete: OnAllTasksComplete | undefined,
  counts: TaskCounts,
): JobEnding | undefined {
  if (state !== "active" || onAllTasksComplete !== "terminatejob") return undefined;
  return allTasksComplete(counts)
    ? { action: "terminate", terminateReason: "AllTasksComplete" }
    : undefined;
}

/** The time (epoch ms) a job started at `startMs` must end by, or Infinity (the default). */
export function jobDeadline(startMs: number, constraints: JobConstraints | undefined): number {
  const limit = constraints?.maxWallClockTime;
  return limit === undefined
    ? Number.POSITIVE_INFINITY
    : startMs + (parseDuration(limit) ?? Number.POSITIVE_INFINITY);
}

/** Whether the job's `maxWallClockTime` has passed at `now`. */
export function jobEndingForTime(
  state: JobState,
  startMs: number,
  constraints: JobConstraints | undefined,
  now: number,
): JobEnding | undefined {
  if (state === "completed" || state === "terminating" || state === "deleting") return undefined;
  return now >= jobDeadline(startMs, constraints)
    ? { action: "terminate", terminateReason: "MaxWallClockTimeExpiry" }
    : undefined;
}

/** Batch's reason when a user terminates a job without giving one. */
export const defaultTerminateReason = "UserTerminate";
