// Jobs: add, get, list, patch, update, disable, enable, terminate, delete, task counts.
import type { CloudJob, JobAddParameter, TaskCountsResult } from "../../api/index.js";
import type { JobPatch, JobRecord, WriteOptions } from "../../store/index.js";
import { BatchError } from "../batch-error.js";
import { toBatchTime } from "../duration.js";
import { defaultTerminateReason, jobStateAfter } from "../state/job-state.js";
import {
  validateJobAdd,
  validateJobDisable,
  validateJobPatch,
  validateJobTerminate,
  validateJobUpdate,
} from "../validation/validate-job.js";
import { disableJob, setJobState, settleJob, terminateJob } from "./job-lifecycle.js";
import { requestJobRelease } from "./job-release.js";
import { collectPages, listPage, type ListResult, type PagingOptions } from "./paging.js";
import { asJson, jobSpecOf, omitKeys } from "./records.js";
import type { ServiceContext } from "./service-deps.js";
import { inBatchTerms } from "./store-errors.js";
import { deleteTaskFiles } from "./task-files.js";
import { toCloudJob } from "./views.js";

/** Job operations with Batch's semantics; reads return Batch's `CloudJob`. */
export interface JobService {
  add(body: unknown): Promise<JobRecord>;
  get(jobId: string, baseUrl?: string): Promise<CloudJob>;
  list(options?: PagingOptions, baseUrl?: string): Promise<ListResult<CloudJob>>;
  /** `PATCH`: fields present replace the stored ones. */
  patch(jobId: string, body: unknown, options?: WriteOptions): Promise<JobRecord>;
  /** `PUT`: replaces the updatable fields; absent ones go back to their defaults. */
  update(jobId: string, body: unknown, options?: WriteOptions): Promise<JobRecord>;
  disable(jobId: string, body: unknown, options?: WriteOptions): Promise<JobRecord>;
  enable(jobId: string, options?: WriteOptions): Promise<JobRecord>;
  terminate(jobId: string, body: unknown, options?: WriteOptions): Promise<JobRecord>;
  delete(jobId: string, options?: WriteOptions): Promise<void>;
  taskCounts(jobId: string): Promise<TaskCountsResult>;
}

const ref = (id: string) => ({ kind: "job", id }) as const;

function ifMatchOf(options: WriteOptions | undefined): WriteOptions {
  return options?.ifMatch === undefined ? {} : { ifMatch: options.ifMatch };
}

function poolIdOf(job: Pick<JobAddParameter, "poolInfo">): string {
  if (job.poolInfo.autoPoolSpecification !== undefined) {
    throw new BatchError(
      "UnsupportedProperty",
      "Property 'poolInfo.autoPoolSpecification' is not supported by Sluice yet: create the pool, then name it in poolInfo.poolId.",
      { PropertyName: "poolInfo.autoPoolSpecification" },
    );
  }
  return job.poolInfo.poolId ?? "";
}

/**
 * Creates a job from a validated add body (its job manager task too) and settles it. Job
 * schedules call it with ids Batch gives their jobs (`<schedule>:job-<n>`), which the id
 * rule of a user's add body would refuse.
 */
export async function addValidatedJob(
  ctx: ServiceContext,
  job: JobAddParameter,
): Promise<JobRecord> {
  const poolId = poolIdOf(job);
  const { id, ...spec } = job;
  const created = await inBatchTerms(ref(id), () =>
    ctx.jobs.create({
      id,
      poolId,
      state: "active",
      priority: job.priority ?? 0,
      maxParallelTasks: job.maxParallelTasks ?? -1,
      onAllTasksComplete: job.onAllTasksComplete ?? "noaction",
      onTaskFailure: job.onTaskFailure ?? "noaction",
      spec: asJson(spec),
      executionInfo: { startTime: toBatchTime(ctx.clock.now()), poolId },
    }),
  );
  await addJobManagerTask(ctx, created);
  await settleJob(ctx, created.id);
  return created;
}

export function createJobService(ctx: ServiceContext): JobService {
  const read = (jobId: string) => inBatchTerms(ref(jobId), () => ctx.jobs.get(jobId));
  const write = (job: JobRecord, patch: JobPatch, options?: WriteOptions) =>
    inBatchTerms(ref(job.id), () => ctx.jobs.update(job.id, patch, ifMatchOf(options)));
  return {
    async add(body) {
      return addValidatedJob(ctx, validateJobAdd(body));
    },
    async get(jobId, baseUrl = "") {
      return toCloudJob(await read(jobId), baseUrl);
    },
    async list(options = {}, baseUrl = "") {
      const page = await listPage(() => ctx.jobs.list(options));
      return collectPages(page, (job) => toCloudJob(job, baseUrl));
    },
    async patch(jobId, body, options) {
      const patch = validateJobPatch(body);
      const job = await read(jobId);
      jobStateAfter(job.id, job.state, "patch");
      const poolId =
        patch.poolInfo === undefined ? {} : { poolId: poolIdOf(patch as JobAddParameter) };
      const updated = await write(
        job,
        {
          ...poolId,
          ...(patch.priority === undefined ? {} : { priority: patch.priority }),
          ...(patch.maxParallelTasks === undefined
            ? {}
            : { maxParallelTasks: patch.maxParallelTasks }),
          ...(patch.onAllTasksComplete === undefined
            ? {}
            : { onAllTasksComplete: patch.onAllTasksComplete }),
          spec: { ...job.spec, ...asJson(patch) },
        },
        options,
      );
      ctx.signal.notify(updated.poolKey);
      await settleJob(ctx, updated.id);
      return updated;
    },
    async update(jobId, body, options) {
      const update = validateJobUpdate(body);
      const job = await read(jobId);
      jobStateAfter(job.id, job.state, "patch");
      const spec = { ...jobSpecOf(job) } as Record<string, unknown>;
      for (const name of [
        "priority",
        "maxParallelTasks",
        "allowTaskPreemption",
        "constraints",
        "metadata",
        "onAllTasksComplete",
      ]) {
        delete spec[name];
      }
      const updated = await write(
        job,
        {
          poolId: poolIdOf(update as JobAddParameter),
          priority: update.priority ?? 0,
          maxParallelTasks: update.maxParallelTasks ?? -1,
          onAllTasksComplete: update.onAllTasksComplete ?? "noaction",
          spec: asJson({ ...spec, ...update }),
        },
        options,
      );
      ctx.signal.notify(updated.poolKey);
      await settleJob(ctx, updated.id);
      return updated;
    },
    async disable(jobId, body, options) {
      const { disableTasks } = validateJobDisable(body);
      const job = await read(jobId);
      jobStateAfter(job.id, job.state, "disable");
      const disabled = await disableJob(ctx, job, disableTasks, ifMatchOf(options));
      ctx.signal.notify(job.poolKey);
      return disabled;
    },
    async enable(jobId, options) {
      const job = await read(jobId);
      jobStateAfter(job.id, job.state, "enable");
      const enabling = await setJobState(ctx, job, "enabling", ifMatchOf(options));
      const active = await setJobState(ctx, enabling, "active");
      ctx.signal.notify(job.poolKey);
      await settleJob(ctx, active.id);
      return ctx.jobs.get(active.id);
    },
    async terminate(jobId, body, options) {
      const { terminateReason } = validateJobTerminate(body);
      const job = await read(jobId);
      jobStateAfter(job.id, job.state, "terminate");
      return terminateJob(ctx, job, terminateReason ?? defaultTerminateReason, ifMatchOf(options));
    },
    async delete(jobId, options) {
      const job = await read(jobId);
      jobStateAfter(job.id, job.state, "delete");
      await setJobState(ctx, job, "deleting", ifMatchOf(options));
      // Batch runs the release task on delete too (once: not again after a terminate).
      await requestJobRelease(ctx, job);
      // The tasks go with the job; agents running them learn it at their next heartbeat.
      await inBatchTerms(ref(job.id), () => ctx.jobs.delete(job.id));
      await deleteTaskFiles(ctx, job.id);
      ctx.signal.notify(job.poolKey);
    },
    async taskCounts(jobId) {
      const counts = await inBatchTerms(ref(jobId), () => ctx.tasks.countByState(jobId));
      return { taskCounts: counts.tasks, taskSlotCounts: counts.slots };
    },
  };
}

/** Batch starts a job's manager task with the job: here, a task added with it. */
async function addJobManagerTask(ctx: ServiceContext, job: JobRecord): Promise<void> {
  const manager = jobSpecOf(job).jobManagerTask;
  if (manager === undefined) return;
  const { id, requiredSlots } = manager;
  const spec = omitKeys(manager, [
    "id",
    "killJobOnCompletion",
    "runExclusive",
    "allowLowPriorityNode",
    "requiredSlots",
  ]);
  await ctx.tasks.addMany(job.id, [
    { id, spec: asJson(spec), ...(requiredSlots === undefined ? {} : { requiredSlots }) },
  ]);
  ctx.signal.notify(job.poolKey);
}
