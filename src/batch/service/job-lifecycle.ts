// How jobs move on their own and on request: terminate (running tasks end, then completed),
// disable (requeue / terminate / wait for running tasks), and what a task's end does to its
// job (onAllTasksComplete, exit options' jobAction, the job manager task).
import type { DisableJobOption, JobState, OnTaskFailure } from "../../api/index.js";
import type { JobRecord, TaskRecord, WriteOptions } from "../../store/index.js";
import { toBatchTime } from "../duration.js";
import { jobEndingForCounts, jobEndingForTask } from "../state/job-state.js";
import { requestJobRelease } from "./job-release.js";
import { internalKey, jobSpecOf, omitKeys } from "./records.js";
import type { ServiceContext } from "./service-deps.js";
import { inBatchTerms, isStoreConflict, isStoreNotFound } from "./store-errors.js";

/** The completion a task gets when a user or its job ends it. */
export const taskEndedCompletion = {
  exitCode: null,
  result: "failure",
  failureInfo: {
    category: "usererror",
    code: "TaskEnded",
    message: "Task Was Ended by User Request",
  },
  dependencyAction: "block",
} as const;

/** Moves a job to `state`, recording the previous one; `extra` merges into executionInfo. */
export function setJobState(
  ctx: ServiceContext,
  job: JobRecord,
  state: JobState,
  options: WriteOptions & { executionInfo?: Record<string, string> } = {},
): Promise<JobRecord> {
  const now = ctx.clock.now();
  return inBatchTerms({ kind: "job", id: job.id }, () =>
    ctx.jobs.update(
      job.id,
      {
        state,
        stateTransitionTime: now,
        previousState: job.state,
        previousStateTransitionTime: job.stateTransitionTime,
        ...(options.executionInfo === undefined
          ? {}
          : { executionInfo: { ...job.executionInfo, ...options.executionInfo } }),
      },
      options.ifMatch === undefined ? {} : { ifMatch: options.ifMatch },
    ),
  );
}

/** Every task of the job running (or preparing) now. */
async function runningTasks(ctx: ServiceContext, jobId: string): Promise<TaskRecord[]> {
  const found: TaskRecord[] = [];
  for (const state of ["running", "preparing"] as const) {
    let token: string | undefined;
    do {
      const page = await ctx.tasks.list(jobId, {
        state,
        ...(token === undefined ? {} : { continuationToken: token }),
      });
      found.push(...page.items);
      token = page.continuationToken;
    } while (token !== undefined);
  }
  return found;
}

/** Completes `task` as ended by request; false when it completed (or vanished) first. */
export async function endTask(ctx: ServiceContext, jobId: string, task: TaskRecord) {
  try {
    await ctx.tasks.terminate({ jobId, taskId: task.id }, taskEndedCompletion);
    return true;
  } catch (error) {
    if (isStoreConflict(error) || isStoreNotFound(error)) return false;
    throw error;
  }
}

/** Ends the job's running tasks; their agents learn it at their next heartbeat. */
async function endRunningTasks(ctx: ServiceContext, jobId: string): Promise<void> {
  for (const task of await runningTasks(ctx, jobId)) await endTask(ctx, jobId, task);
}

/**
 * Terminates a job: `terminating`, its running tasks end, then `completed` with `endTime`
 * and `terminateReason`. Tasks not yet started stay active and never run, as in Batch. As in
 * Batch, a job whose preparation task ran on nodes stays `terminating` until its release task
 * has run on each of them ({@link settleTermination} completes it then).
 */
export async function terminateJob(
  ctx: ServiceContext,
  job: JobRecord,
  terminateReason: string,
  options: WriteOptions = {},
): Promise<JobRecord> {
  const terminating = await setJobState(ctx, job, "terminating", options);
  await endRunningTasks(ctx, job.id);
  await requestJobRelease(ctx, job);
  if (await releasesOutstanding(ctx, job.id)) {
    // Kept until the releases have run; not shown (Batch sets terminateReason on completion).
    return inBatchTerms({ kind: "job", id: job.id }, () =>
      ctx.jobs.update(job.id, {
        executionInfo: { ...terminating.executionInfo, [internalKey]: { terminateReason } },
      }),
    );
  }
  return inBatchTerms({ kind: "job", id: job.id }, () =>
    completeTermination(ctx, terminating, terminateReason),
  );
}

async function releasesOutstanding(ctx: ServiceContext, jobId: string): Promise<boolean> {
  const rows = await ctx.preparations.listByJob(jobId);
  return rows.some((row) => row.releaseState === "pending" || row.releaseState === "running");
}

function completeTermination(
  ctx: ServiceContext,
  job: JobRecord,
  terminateReason: string,
  options: WriteOptions = {},
): Promise<JobRecord> {
  const executionInfo = omitKeys(job.executionInfo, [internalKey]);
  const now = ctx.clock.now();
  return ctx.jobs.update(
    job.id,
    {
      state: "completed",
      stateTransitionTime: now,
      previousState: job.state,
      previousStateTransitionTime: job.stateTransitionTime,
      executionInfo: { ...executionInfo, endTime: toBatchTime(now), terminateReason },
    },
    options,
  );
}

/**
 * Completes a `terminating` job whose release tasks have all run (or whose nodes are gone):
 * called when a release task completes and by the sweep. A job still ending its tasks (no
 * pending reason recorded yet) is left to {@link terminateJob}.
 */
export async function settleTermination(ctx: ServiceContext, jobId: string): Promise<void> {
  let job: JobRecord;
  try {
    job = await ctx.jobs.get(jobId);
  } catch (error) {
    if (isStoreNotFound(error)) return;
    throw error;
  }
  const pending = job.executionInfo[internalKey] as { terminateReason?: unknown } | undefined;
  const reason = pending?.terminateReason;
  if (job.state !== "terminating" || typeof reason !== "string") return;
  if (await releasesOutstanding(ctx, job.id)) return;
  try {
    // Against the version read: a concurrent settle (another release, the sweep) wins alone.
    await completeTermination(ctx, job, reason, { ifMatch: job.etag });
  } catch (error) {
    if (!isStoreConflict(error) && !isStoreNotFound(error)) throw error;
  }
}

/** Disables a job: its tasks stop being scheduled; running ones are requeued, ended, or awaited. */
export async function disableJob(
  ctx: ServiceContext,
  job: JobRecord,
  disableTasks: DisableJobOption,
  options: WriteOptions = {},
): Promise<JobRecord> {
  const disabling = await setJobState(ctx, job, "disabling", options);
  if (disableTasks === "requeue") await ctx.tasks.requeue({ jobId: job.id });
  if (disableTasks === "terminate") await endRunningTasks(ctx, job.id);
  return settleDisabling(ctx, disabling);
}

/** A `disabling` job becomes `disabled` once none of its tasks runs. */
async function settleDisabling(ctx: ServiceContext, job: JobRecord): Promise<JobRecord> {
  if (job.state !== "disabling") return job;
  const counts = await ctx.tasks.countByState(job.id);
  return counts.tasks.running > 0 ? job : setJobState(ctx, job, "disabled");
}

/**
 * What a task's end (completion, termination, deletion) does to its job: a waiting
 * disable finishes; the job manager task's end terminates the job (`killJobOnCompletion`);
 * `onAllTasksComplete: terminatejob` ends it when nothing is left to run.
 */
export async function settleJob(
  ctx: ServiceContext,
  jobId: string,
  ended?: TaskRecord,
): Promise<void> {
  let job: JobRecord;
  try {
    job = await ctx.jobs.get(jobId);
  } catch (error) {
    if (isStoreNotFound(error)) return;
    throw error;
  }
  if (job.state === "disabling") {
    await settleDisabling(ctx, job);
    return;
  }
  if (job.state !== "active") return;
  const manager = jobSpecOf(job).jobManagerTask;
  if (
    ended !== undefined &&
    manager !== undefined &&
    manager.killJobOnCompletion !== false &&
    manager.id.toLowerCase() === ended.id.toLowerCase()
  ) {
    await terminateJob(ctx, job, "JMComplete");
    return;
  }
  if (job.onAllTasksComplete !== "terminatejob") return;
  const counts = await ctx.tasks.countByState(job.id);
  const ending = jobEndingForCounts(job.state, "terminatejob", counts.tasks);
  if (ending !== undefined)
    await terminateJob(ctx, job, ending.terminateReason ?? "AllTasksComplete");
}

/** Applies a completed task's exit-options `jobAction` under `performexitoptionsjobaction`. */
export async function applyJobAction(
  ctx: ServiceContext,
  jobId: string,
  jobAction: "none" | "disable" | "terminate",
): Promise<void> {
  // "none" never ends a job: no need to read it (this runs once per completed task).
  if (jobAction === "none") return;
  const job = await ctx.jobs.get(jobId);
  if (job.state !== "active") return;
  const ending = jobEndingForTask(job.onTaskFailure as OnTaskFailure, jobAction);
  if (ending === undefined) return;
  if (ending.action === "terminate")
    await terminateJob(ctx, job, ending.terminateReason ?? "TaskFailed");
  else await disableJob(ctx, job, "requeue");
}
