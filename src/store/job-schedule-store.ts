import type { JsonObject } from "../core/index.js";
import type { ListOptions, Page } from "./page.js";
import type { WriteOptions } from "./pool-store.js";

/** Batch job schedule `state`. */
export type JobScheduleStoreState =
  "active" | "completed" | "disabled" | "terminating" | "deleting";

/** A job schedule as stored; times are ms since the Unix epoch. */
export interface JobScheduleRecord {
  /** As the user wrote it; unique regardless of case. */
  readonly id: string;
  readonly state: JobScheduleStoreState;
  readonly stateTransitionTime: number;
  readonly previousState: JobScheduleStoreState | null;
  readonly previousStateTransitionTime: number | null;
  /** displayName, schedule, jobSpecification, metadata as the user gave them. */
  readonly spec: JsonObject;
  /** When the next job is due; null once no further job will be created. */
  readonly nextDue: number | null;
  /** How many jobs the schedule has created; the next is number `jobCount + 1`. */
  readonly jobCount: number;
  readonly recentJobId: string | null;
  readonly endTime: number | null;
  readonly etag: string;
  readonly lastModified: number;
  readonly creationTime: number;
}

/** A job schedule to create; the store sets etag and times. */
export interface NewJobSchedule {
  readonly id: string;
  readonly spec: JsonObject;
  readonly nextDue: number | null;
}

/** Fields to change; absent fields keep their value. */
export type JobSchedulePatch = Partial<
  Pick<
    JobScheduleRecord,
    | "state"
    | "stateTransitionTime"
    | "previousState"
    | "previousStateTransitionTime"
    | "spec"
    | "nextDue"
    | "jobCount"
    | "recentJobId"
    | "endTime"
  >
>;

/**
 * The job schedules aggregate. Errors are `SluiceError`s (`StoreNotFound`, `StoreDuplicate`,
 * `StoreConflict`); a rejected write changes nothing. Ids match regardless of case.
 */
export interface JobScheduleStore {
  create(schedule: NewJobSchedule): Promise<JobScheduleRecord>;
  get(id: string): Promise<JobScheduleRecord>;
  /** In id order (case-insensitive), a page at a time. */
  list(options?: ListOptions): Promise<Page<JobScheduleRecord>>;
  /** The schedules that may still create jobs or complete: `active` and `terminating`. */
  listLive(): Promise<readonly JobScheduleRecord[]>;
  update(id: string, patch: JobSchedulePatch, options?: WriteOptions): Promise<JobScheduleRecord>;
  delete(id: string, options?: WriteOptions): Promise<void>;
}
