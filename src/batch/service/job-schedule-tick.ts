// Moves job schedules along as time passes: creates the job that is due, drops chances that
// were lost, completes schedules that are done. Runs in every sweep and after each write.
//
// Exactly one job per due time, across restarts and servers sharing a database: the job's
// id is the schedule's next job number (`<id>:job-<n>`), so a second attempt at the same
// job finds it exists; the schedule then moves on with an etag-checked write, of which one
// writer wins. A crash between the two steps is repaired by the next tick the same way.
import type { JobAddParameter } from "../../api/index.js";
import type { JobScheduleRecord } from "../../store/index.js";
import { isBatchError } from "../batch-error.js";
import { planScheduleStep, scheduledJobId } from "../state/job-schedule-plan.js";
import { scheduleTimesOf } from "../validation/validate-job-schedule.js";
import { addValidatedJob } from "./job-service.js";
import { scheduleSpecOf } from "./job-schedule-view.js";
import type { ServiceContext } from "./service-deps.js";
import { isStoreConflict, isStoreNotFound } from "./store-errors.js";

/** Advances every active or terminating schedule once; returns how many jobs it created. */
export async function tickJobSchedules(ctx: ServiceContext): Promise<number> {
  let created = 0;
  for (const schedule of await ctx.jobSchedules.listLive()) {
    try {
      if (await tickJobSchedule(ctx, schedule)) created += 1;
    } catch (error) {
      // Another writer moved the schedule on (or deleted it): the next tick reads it again.
      if (isStoreConflict(error) || isStoreNotFound(error)) continue;
      ctx.logger.error("job schedule tick failed", { id: schedule.id, error: String(error) });
    }
  }
  return created;
}

/** One step of one schedule; true when it created a job. */
export async function tickJobSchedule(
  ctx: ServiceContext,
  schedule: JobScheduleRecord,
): Promise<boolean> {
  const now = ctx.clock.now();
  const jobActive = await recentJobActive(ctx, schedule);
  const ifMatch = { ifMatch: schedule.etag };
  if (schedule.state === "terminating") {
    if (!jobActive) await completeSchedule(ctx, schedule);
    return false;
  }
  const spec = scheduleSpecOf(schedule);
  const step = planScheduleStep(
    scheduleTimesOf(spec.schedule),
    { nextDue: schedule.nextDue ?? undefined, jobActive },
    now,
  );
  if (step.kind === "complete") {
    await completeSchedule(ctx, schedule);
    return false;
  }
  if (step.kind === "wait") {
    const nextDue = step.nextDue ?? null;
    if (nextDue !== schedule.nextDue)
      await ctx.jobSchedules.update(schedule.id, { nextDue }, ifMatch);
    return false;
  }
  const number = schedule.jobCount + 1;
  const jobId = scheduledJobId(schedule.id, number);
  const job: JobAddParameter = { ...spec.jobSpecification, id: jobId };
  try {
    await addValidatedJob(ctx, job);
  } catch (error) {
    // Made by an earlier attempt that did not get to record it: it is this due time's job.
    if (!isBatchError(error, "JobExists")) throw error;
  }
  await ctx.jobSchedules.update(
    schedule.id,
    { jobCount: number, recentJobId: jobId, nextDue: step.nextDue ?? null },
    ifMatch,
  );
  return true;
}

/** True while the schedule's most recent job exists and has not completed. */
async function recentJobActive(ctx: ServiceContext, schedule: JobScheduleRecord): Promise<boolean> {
  if (schedule.recentJobId === null) return false;
  try {
    const job = await ctx.jobs.get(schedule.recentJobId);
    return job.state !== "completed";
  } catch (error) {
    if (isStoreNotFound(error)) return false;
    throw error;
  }
}

async function completeSchedule(ctx: ServiceContext, schedule: JobScheduleRecord): Promise<void> {
  const now = ctx.clock.now();
  await ctx.jobSchedules.update(
    schedule.id,
    {
      state: "completed",
      stateTransitionTime: now,
      previousState: schedule.state,
      previousStateTransitionTime: schedule.stateTransitionTime,
      nextDue: null,
      endTime: now,
    },
    { ifMatch: schedule.etag },
  );
}
