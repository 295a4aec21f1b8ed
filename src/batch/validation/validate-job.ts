// Validation of job bodies: the schema, then Batch's cross-field rules.
import type {
  JobAddParameter,
  JobDisableParameter,
  JobPatchParameter,
  JobTerminateParameter,
  JobUpdateParameter,
  PoolInformation,
} from "../../api/index.js";
import { checkOutputFiles, checkResourceFiles, checkUserIdentity } from "./resource-file-rules.js";
import { checkSchema, invalidValue, type SchemaOptions } from "./schema.js";
import {
  jobAddSchema,
  jobDisableSchema,
  jobPatchSchema,
  jobTerminateSchema,
  jobUpdateSchema,
} from "./schemas-job.js";
import { checkPoolSpecification } from "./validate-pool.js";
import { BatchError } from "../batch-error.js";

/** Default ids of the job preparation and release tasks. */
export const defaultJobPreparationTaskId = "jobpreparation";
export const defaultJobReleaseTaskId = "jobrelease";

/** Validates a job add body (`POST /jobs`); returns it clean or throws a BatchError. */
export function validateJobAdd(body: unknown, options: SchemaOptions = {}): JobAddParameter {
  const job = checkSchema(jobAddSchema, body, "", options) as JobAddParameter;
  checkPoolInfo(job.poolInfo, "poolInfo");
  checkMaxParallelTasks(job.maxParallelTasks);
  if (job.jobReleaseTask !== undefined && job.jobPreparationTask === undefined) {
    throw new BatchError(
      "MissingRequiredProperty",
      "Property 'jobPreparationTask' is required when jobReleaseTask is set.",
      {
        PropertyName: "jobPreparationTask",
      },
    );
  }
  const prepId =
    job.jobPreparationTask && (job.jobPreparationTask.id ?? defaultJobPreparationTaskId);
  const releaseId = job.jobReleaseTask && (job.jobReleaseTask.id ?? defaultJobReleaseTaskId);
  if (
    prepId !== undefined &&
    releaseId !== undefined &&
    prepId.toLowerCase() === releaseId.toLowerCase()
  ) {
    throw invalidValue(
      "jobReleaseTask.id",
      releaseId,
      "must differ from the job preparation task's id",
    );
  }
  const manager = job.jobManagerTask;
  if (manager !== undefined) {
    for (const [reserved, name] of [
      [prepId, "preparation"],
      [releaseId, "release"],
    ] as const) {
      if (reserved !== undefined && reserved.toLowerCase() === manager.id.toLowerCase()) {
        throw invalidValue(
          "jobManagerTask.id",
          manager.id,
          `must differ from the job ${name} task's id`,
        );
      }
    }
    checkResourceFiles(manager.resourceFiles, "jobManagerTask.resourceFiles");
    checkOutputFiles(manager.outputFiles, "jobManagerTask.outputFiles");
    checkUserIdentity(manager.userIdentity, "jobManagerTask.userIdentity");
  }
  checkResourceFiles(job.jobPreparationTask?.resourceFiles, "jobPreparationTask.resourceFiles");
  checkUserIdentity(job.jobPreparationTask?.userIdentity, "jobPreparationTask.userIdentity");
  checkResourceFiles(job.jobReleaseTask?.resourceFiles, "jobReleaseTask.resourceFiles");
  checkUserIdentity(job.jobReleaseTask?.userIdentity, "jobReleaseTask.userIdentity");
  return job;
}

function checkPoolInfo(poolInfo: PoolInformation | undefined, path: string): void {
  if (poolInfo === undefined) return;
  const set = [poolInfo.poolId, poolInfo.autoPoolSpecification].filter(
    (value) => value !== undefined,
  ).length;
  if (set !== 1) {
    throw invalidValue(
      path,
      set === 0 ? "neither" : "both",
      "must set exactly one of poolId and autoPoolSpecification",
    );
  }
  const spec = poolInfo.autoPoolSpecification?.pool;
  if (spec !== undefined) checkPoolSpecification(spec, `${path}.autoPoolSpecification.pool`);
}

function checkMaxParallelTasks(value: number | undefined): void {
  if (value === 0)
    throw invalidValue("maxParallelTasks", 0, "must be -1 (unlimited) or at least 1");
}

/** Validates a job patch body (`PATCH /jobs/{id}`). */
export function validateJobPatch(body: unknown, options: SchemaOptions = {}): JobPatchParameter {
  const patch = checkSchema(jobPatchSchema, body, "", options) as JobPatchParameter;
  checkPoolInfo(patch.poolInfo, "poolInfo");
  checkMaxParallelTasks(patch.maxParallelTasks);
  return patch;
}

/** Validates a job update body (`PUT /jobs/{id}`). */
export function validateJobUpdate(body: unknown, options: SchemaOptions = {}): JobUpdateParameter {
  const update = checkSchema(jobUpdateSchema, body, "", options) as JobUpdateParameter;
  checkPoolInfo(update.poolInfo, "poolInfo");
  checkMaxParallelTasks(update.maxParallelTasks);
  return update;
}

/** Validates a job disable body (`POST /jobs/{id}/disable`). */
export function validateJobDisable(
  body: unknown,
  options: SchemaOptions = {},
): JobDisableParameter {
  return checkSchema(jobDisableSchema, body, "", options) as JobDisableParameter;
}

/** Validates a job terminate body (`POST /jobs/{id}/terminate`); an absent body is `{}`. */
export function validateJobTerminate(
  body: unknown,
  options: SchemaOptions = {},
): JobTerminateParameter {
  return checkSchema(jobTerminateSchema, body ?? {}, "", options) as JobTerminateParameter;
}
