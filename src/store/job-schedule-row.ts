import type { Insertable, Selectable, Updateable } from "kysely";
import type { JsonObject } from "../core/index.js";
import type {
  JobSchedulePatch,
  JobScheduleRecord,
  JobScheduleStoreState,
  NewJobSchedule,
} from "./job-schedule-store.js";
import type { JobSchedulesTable } from "./job-schedule-tables.js";
import { idKey } from "./record-keys.js";

/** A `job_schedules` row as a record. */
export function toJobScheduleRecord(row: Selectable<JobSchedulesTable>): JobScheduleRecord {
  return {
    id: row.id,
    state: row.state as JobScheduleStoreState,
    stateTransitionTime: Number(row.state_transition_time),
    previousState: row.previous_state as JobScheduleStoreState | null,
    previousStateTransitionTime:
      row.previous_state_transition_time === null
        ? null
        : Number(row.previous_state_transition_time),
    spec: JSON.parse(row.spec) as JsonObject,
    nextDue: row.next_due === null ? null : Number(row.next_due),
    jobCount: Number(row.job_count),
    recentJobId: row.recent_job_id,
    endTime: row.end_time === null ? null : Number(row.end_time),
    etag: row.etag,
    lastModified: Number(row.last_modified),
    creationTime: Number(row.creation_time),
  };
}

/** A new schedule as a row, stamped with `now` and `etag`. */
export function toJobScheduleRow(
  schedule: NewJobSchedule,
  now: number,
  etag: string,
): Insertable<JobSchedulesTable> {
  return {
    id_key: idKey(schedule.id),
    id: schedule.id,
    state: "active",
    state_transition_time: now,
    previous_state: null,
    previous_state_transition_time: null,
    spec: JSON.stringify(schedule.spec),
    next_due: schedule.nextDue,
    job_count: 0,
    recent_job_id: null,
    end_time: null,
    etag,
    last_modified: now,
    creation_time: now,
  };
}

/** The columns a patch sets. */
export function toJobScheduleUpdate(patch: JobSchedulePatch): Updateable<JobSchedulesTable> {
  const update: Updateable<JobSchedulesTable> = {};
  if (patch.state !== undefined) update.state = patch.state;
  if (patch.stateTransitionTime !== undefined) {
    update.state_transition_time = patch.stateTransitionTime;
  }
  if (patch.previousState !== undefined) update.previous_state = patch.previousState;
  if (patch.previousStateTransitionTime !== undefined) {
    update.previous_state_transition_time = patch.previousStateTransitionTime;
  }
  if (patch.spec !== undefined) update.spec = JSON.stringify(patch.spec);
  if (patch.nextDue !== undefined) update.next_due = patch.nextDue;
  if (patch.jobCount !== undefined) update.job_count = patch.jobCount;
  if (patch.recentJobId !== undefined) update.recent_job_id = patch.recentJobId;
  if (patch.endTime !== undefined) update.end_time = patch.endTime;
  return update;
}
