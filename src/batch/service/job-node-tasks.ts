// What job preparation and release tasks share: their ids, directories, run tokens and
// Batch's execution information of a finished run.
import type { JobPreparationTask, JobReleaseTask, TaskRunOutcome } from "../../api/index.js";
import type { JsonObject } from "../../core/index.js";
import {
  defaultJobPreparationTaskId,
  defaultJobReleaseTaskId,
} from "../validation/validate-job.js";
import type { ServiceContext } from "./service-deps.js";

/** The preparation task's id (default `jobpreparation`). */
export function preparationTaskId(prep: Pick<JobPreparationTask, "id">): string {
  return prep.id ?? defaultJobPreparationTaskId;
}

/** The release task's id (default `jobrelease`). */
export function releaseTaskId(release: Pick<JobReleaseTask, "id">): string {
  return release.id ?? defaultJobReleaseTaskId;
}

/** A job task's directory relative to the node root, as Batch reports `taskRootDirectory`. */
export function taskRootDirectory(jobId: string, taskId: string): string {
  return `workitems/${jobId}/job-1/${taskId}`;
}

/** Random hex for a run's token (tokens are lowercase hex, as the claim token needs). */
export function newRunToken(ctx: ServiceContext): string {
  return Array.from(ctx.random.bytes(8), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Batch's execution information of a finished run, from the agent's report. */
export function finishedInfo(
  report: TaskRunOutcome,
  root: string,
  extra: JsonObject = {},
): JsonObject {
  return {
    state: "completed",
    startTime: report.startTime,
    endTime: report.endTime,
    taskRootDirectory: root,
    ...(report.exitCode === undefined ? {} : { exitCode: report.exitCode }),
    ...(report.failureInfo === undefined ? {} : { failureInfo: { ...report.failureInfo } }),
    result: report.result,
    ...extra,
  };
}
