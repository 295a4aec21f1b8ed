// What validating and storing a task needs from its job and pool.
import type { TaskAddParameter } from "../../api/index.js";
import type { JobRecord, NewTask } from "../../store/index.js";
import { jobStateAfter } from "../state/job-state.js";
import {
  defaultJobPreparationTaskId,
  defaultJobReleaseTaskId,
} from "../validation/validate-job.js";
import type { TaskValidationContext } from "../validation/validate-task.js";
import { asJson, jobSpecOf, poolSpecOf } from "./records.js";
import type { ServiceContext } from "./service-deps.js";
import { inBatchTerms, isStoreNotFound } from "./store-errors.js";

/** A job that takes new tasks, and the context its tasks are validated in. */
export interface TaskTarget {
  readonly job: JobRecord;
  readonly validation: TaskValidationContext;
}

/**
 * The job (JobNotFound otherwise) in a state that takes tasks, with its dependency and
 * failure settings, its special task ids, and its pool's slots when the pool exists.
 */
export async function taskTarget(ctx: ServiceContext, jobId: string): Promise<TaskTarget> {
  const job = await inBatchTerms({ kind: "job", id: jobId }, () => ctx.jobs.get(jobId));
  jobStateAfter(job.id, job.state, "addTask");
  const spec = jobSpecOf(job);
  let taskSlotsPerNode: number | undefined;
  let enableInterNodeCommunication: boolean | undefined;
  try {
    const pool = await ctx.pools.get(job.poolKey);
    taskSlotsPerNode = pool.taskSlotsPerNode;
    enableInterNodeCommunication = poolSpecOf(pool).enableInterNodeCommunication === true;
  } catch (error) {
    if (!isStoreNotFound(error)) throw error;
  }
  return {
    job,
    validation: {
      usesTaskDependencies: spec.usesTaskDependencies ?? false,
      onTaskFailure: (job.onTaskFailure as TaskValidationContext["onTaskFailure"]) ?? "noaction",
      ...(taskSlotsPerNode === undefined ? {} : { taskSlotsPerNode }),
      ...(enableInterNodeCommunication === undefined ? {} : { enableInterNodeCommunication }),
      ...(spec.jobPreparationTask === undefined
        ? {}
        : { jobPreparationTaskId: spec.jobPreparationTask.id ?? defaultJobPreparationTaskId }),
      ...(spec.jobReleaseTask === undefined
        ? {}
        : { jobReleaseTaskId: spec.jobReleaseTask.id ?? defaultJobReleaseTaskId }),
    },
  };
}

/** A validated task as the store adds it. */
export function newTaskOf(task: TaskAddParameter): NewTask {
  const { id, ...spec } = task;
  return {
    id,
    spec: asJson(spec),
    ...(task.requiredSlots === undefined ? {} : { requiredSlots: task.requiredSlots }),
    ...(task.dependsOn === undefined ? {} : { dependsOn: task.dependsOn }),
    // Started only by the gang claim, on all its nodes at once (multi-instance-claims.ts).
    ...(task.multiInstanceSettings === undefined ? {} : { gang: true }),
  };
}
