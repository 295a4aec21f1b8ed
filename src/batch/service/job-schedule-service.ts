// Job schedules: add, get, list, patch, update, disable, enable, terminate, delete, and the
// jobs a schedule created. The tick (job-schedule-tick.ts) creates the jobs.
import type { CloudJob, CloudJobSchedule, Schedule } from "../../api/index.js";
import type { JobScheduleRecord, JobSchedulePatch, WriteOptions } from "../../store/index.js";
import { BatchError } from "../batch-error.js";
import { scheduledJobId } from "../state/job-schedule-plan.js";
import {
  scheduleTimesOf,
  validateJobScheduleAdd,
  validateJobSchedulePatch,
  validateJobScheduleUpdate,
} from "../validation/validate-job-schedule.js";
import type { JobService } from "./job-service.js";
import { scheduleSpecOf, toCloudJobSchedule } from "./job-schedule-view.js";
import { tickJobSchedule } from "./job-schedule-tick.js";
import { collectPages, listPage, type ListResult, type PagingOptions } from "./paging.js";
import { asJson } from "./records.js";
import type { ServiceContext } from "./service-deps.js";
import { inBatchTerms, isStoreConflict } from "./store-errors.js";
import { toCloudJob } from "./views.js";

/** Job schedule operations with Batch's semantics; reads return `CloudJobSchedule`. */
export interface JobScheduleService {
  add(body: unknown): Promise<JobScheduleRecord>;
  get(id: string, baseUrl?: string): Promise<CloudJobSchedule>;
  list(options?: PagingOptions, baseUrl?: string): Promise<ListResult<CloudJobSchedule>>;
  patch(id: string, body: unknown, options?: WriteOptions): Promise<JobScheduleRecord>;
  update(id: string, body: unknown, options?: WriteOptions): Promise<JobScheduleRecord>;
  disable(id: string, options?: WriteOptions): Promise<JobScheduleRecord>;
  enable(id: string, options?: WriteOptions): Promise<JobScheduleRecord>;
  /** Terminates the active job, then the schedule completes. */
  terminate(id: string, options?: WriteOptions): Promise<JobScheduleRecord>;
  /** Deletes the schedule with every job it created (and their tasks). */
  delete(id: string, options?: WriteOptions): Promise<void>;
  /** `GET /jobschedules/{id}/jobs`: its jobs, oldest first. */
  listJobs(id: string, options?: PagingOptions, baseUrl?: string): Promise<ListResult<CloudJob>>;
}

const ref = (id: string) => ({ kind: "jobschedule", id }) as const;

export function createJobScheduleService(
  ctx: ServiceContext,
  jobs: JobService,
): JobScheduleService {
  const read = (id: string) => inBatchTerms(ref(id), () => ctx.jobSchedules.get(id));
  const write = (id: string, patch: JobSchedulePatch, options?: WriteOptions) =>
    inBatchTerms(ref(id), () => ctx.jobSchedules.update(id, patch, ifMatchOf(options)));
  const replaceSpec = async (id: string, changes: object, options?: WriteOptions) => {
    const record = await read(id);
    refuseUnless(record, ["active", "disabled"]);
    const before = scheduleSpecOf(record);
    const spec = asJson({ ...before, ...changes });
    const schedule = (changes as { schedule?: Schedule }).schedule;
    // A new schedule is armed afresh: from its doNotRunUntil, or now.
    const rearm = schedule === undefined ? {} : { nextDue: firstDue(schedule, ctx.clock.now()) };
    const updated = await write(id, { spec, ...rearm }, options);
    return advance(updated);
  };
  // Creates a due job right away instead of at the next sweep.
  const advance = async (record: JobScheduleRecord): Promise<JobScheduleRecord> => {
    if (record.state !== "active") return record;
    try {
      await tickJobSchedule(ctx, record);
    } catch (error) {
      if (!isStoreConflict(error)) throw error;
    }
    return read(record.id);
  };
  return {
    async add(body) {
      const add = validateJobScheduleAdd(body);
      const { id, ...spec } = add;
      const created = await inBatchTerms(ref(id), () =>
        ctx.jobSchedules.create({
          id,
          spec: asJson(spec),
          nextDue: firstDue(add.schedule, ctx.clock.now()),
        }),
      );
      return advance(created);
    },
    async get(id, baseUrl = "") {
      return toCloudJobSchedule(await read(id), baseUrl);
    },
    async list(options = {}, baseUrl = "") {
      const page = await listPage(() => ctx.jobSchedules.list(options));
      return collectPages(page, (record) => toCloudJobSchedule(record, baseUrl));
    },
    async patch(id, body, options) {
      return replaceSpec(id, validateJobSchedulePatch(body), options);
    },
    async update(id, body, options) {
      const update = validateJobScheduleUpdate(body);
      // PUT replaces: metadata absent means none.
      return replaceSpec(id, { ...update, metadata: update.metadata ?? [] }, options);
    },
    async disable(id, options) {
      const record = await read(id);
      refuseUnless(record, ["active", "disabled"]);
      if (record.state === "disabled") return record;
      return write(id, transition(record, "disabled", ctx.clock.now()), options);
    },
    async enable(id, options) {
      const record = await read(id);
      refuseUnless(record, ["active", "disabled"]);
      if (record.state === "active") return record;
      return advance(await write(id, transition(record, "active", ctx.clock.now()), options));
    },
    async terminate(id, options) {
      const record = await read(id);
      refuseUnless(record, ["active", "disabled"]);
      const terminating = await write(
        id,
        transition(record, "terminating", ctx.clock.now()),
        options,
      );
      await terminateRecentJob(jobs, terminating);
      await tickJobSchedule(ctx, terminating);
      return read(id);
    },
    async delete(id, options) {
      const record = await read(id);
      if (record.state === "deleting") throw refused(record);
      const deleting = await write(id, transition(record, "deleting", ctx.clock.now()), options);
      for (let n = 1; n <= deleting.jobCount; n += 1)
        await deleteIfThere(jobs, scheduledJobId(id, n));
      await inBatchTerms(ref(id), () => ctx.jobSchedules.delete(id));
    },
    async listJobs(id, options = {}, baseUrl = "") {
      const record = await read(id);
      return scheduledJobsPage(ctx, record, options, baseUrl);
    },
  };
}

function ifMatchOf(options: WriteOptions | undefined): WriteOptions {
  return options?.ifMatch === undefined ? {} : { ifMatch: options.ifMatch };
}

function firstDue(schedule: Schedule, now: number): number {
  return scheduleTimesOf(schedule).doNotRunUntil ?? now;
}

function transition(
  record: JobScheduleRecord,
  state: JobScheduleRecord["state"],
  now: number,
): JobSchedulePatch {
  return {
    state,
    stateTransitionTime: now,
    previousState: record.state,
    previousStateTransitionTime: record.stateTransitionTime,
  };
}

/** Batch's error for an operation the schedule's state does not allow. */
function refused(record: JobScheduleRecord): BatchError {
  const code = (
    {
      completed: "JobScheduleCompleted",
      terminating: "JobScheduleBeingTerminated",
      deleting: "JobScheduleBeingDeleted",
      disabled: "JobScheduleDisabled",
      active: "OperationInvalidForCurrentState",
    } as const
  )[record.state];
  return new BatchError(
    code,
    `The job schedule '${record.id}' is ${record.state}: the operation needs it active or disabled.`,
  );
}

function refuseUnless(record: JobScheduleRecord, allowed: readonly string[]): void {
  if (!allowed.includes(record.state)) throw refused(record);
}

async function terminateRecentJob(jobs: JobService, record: JobScheduleRecord): Promise<void> {
  if (record.recentJobId === null) return;
  try {
    const job = await jobs.get(record.recentJobId);
    if (job.state === "completed" || job.state === "terminating" || job.state === "deleting") {
      return;
    }
    await jobs.terminate(record.recentJobId, { terminateReason: "TerminateJobSchedule" });
  } catch (error) {
    if (!(error instanceof BatchError && error.batchCode === "JobNotFound")) throw error;
  }
}

async function deleteIfThere(jobs: JobService, jobId: string): Promise<void> {
  try {
    await jobs.delete(jobId);
  } catch (error) {
    const gone =
      error instanceof BatchError &&
      (error.batchCode === "JobNotFound" || error.batchCode === "JobBeingDeleted");
    if (!gone) throw error;
  }
}

/** A page of the schedule's jobs by number; the continuation token is the next number. */
async function scheduledJobsPage(
  ctx: ServiceContext,
  record: JobScheduleRecord,
  options: PagingOptions,
  baseUrl: string,
): Promise<ListResult<CloudJob>> {
  const max = options.maxResults ?? 1000;
  let n = options.continuationToken === undefined ? 1 : Number(options.continuationToken);
  if (!Number.isInteger(n) || n < 1) {
    throw new BatchError("InvalidQueryParameterValue", "The $skiptoken is not valid.", {
      PropertyName: "$skiptoken",
    });
  }
  const value: CloudJob[] = [];
  for (; n <= record.jobCount && value.length < max; n += 1) {
    const jobId = scheduledJobId(record.id, n);
    const job = await ctx.jobs.get(jobId).catch(() => undefined);
    if (job !== undefined) value.push(toCloudJob(job, baseUrl));
  }
  return n <= record.jobCount ? { value, continuationToken: String(n) } : { value };
}
