// Batch's job schedule resources (REST API 2022-10-01.16.0, "Job Schedule" operations):
// a schedule creates jobs from its `jobSpecification`, at most one active at a time.
import type { JobAddParameter } from "./job.js";
import type { MetadataItem } from "./task-parts.js";

/** `state` of a job schedule. */
export type JobScheduleState = "active" | "completed" | "disabled" | "terminating" | "deleting";

/** When jobs are created; all times UTC (ISO 8601), intervals ISO 8601 durations. */
export interface Schedule {
  /** No job before this time; absent: jobs may be created at once. */
  readonly doNotRunUntil?: string;
  /** No job after this time; the schedule completes once it is past and no job is active. */
  readonly doNotRunAfter?: string;
  /** How long after a due time a job may still be created; default unlimited, minimum 1 minute. */
  readonly startWindow?: string;
  /** Between the due times of successive jobs; absent: one job only. Minimum 1 minute. */
  readonly recurrenceInterval?: string;
}

/** What each job of the schedule is: a job add body without its id. */
export type JobSpecification = Omit<JobAddParameter, "id">;

/** The body of `POST /jobschedules`. */
export interface JobScheduleAddParameter {
  readonly id: string;
  readonly displayName?: string;
  readonly schedule: Schedule;
  readonly jobSpecification: JobSpecification;
  readonly metadata?: readonly MetadataItem[];
}

/** `PATCH /jobschedules/{id}`: fields present replace the stored ones. */
export interface JobSchedulePatchParameter {
  readonly schedule?: Schedule;
  readonly jobSpecification?: JobSpecification;
  readonly metadata?: readonly MetadataItem[];
}

/** `PUT /jobschedules/{id}`: replaces schedule and jobSpecification; metadata cleared if absent. */
export interface JobScheduleUpdateParameter {
  readonly schedule: Schedule;
  readonly jobSpecification: JobSpecification;
  readonly metadata?: readonly MetadataItem[];
}

/** The schedule's most recent job. */
export interface RecentJob {
  readonly id: string;
  readonly url?: string;
}

export interface JobScheduleExecutionInformation {
  /** The next time a job is due; absent once no further job will be created. */
  readonly nextRunTime?: string;
  readonly recentJob?: RecentJob;
  /** When the schedule completed. */
  readonly endTime?: string;
}

/** A job schedule as `GET /jobschedules/{id}` returns it. */
export interface CloudJobSchedule {
  readonly id: string;
  readonly displayName?: string;
  readonly url?: string;
  readonly eTag?: string;
  readonly lastModified?: string;
  readonly creationTime?: string;
  readonly state: JobScheduleState;
  readonly stateTransitionTime?: string;
  readonly previousState?: JobScheduleState;
  readonly previousStateTransitionTime?: string;
  readonly schedule: Schedule;
  readonly jobSpecification: JobSpecification;
  readonly executionInfo: JobScheduleExecutionInformation;
  readonly metadata?: readonly MetadataItem[];
}
