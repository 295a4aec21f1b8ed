import type { Insertable, Selectable, Updateable } from "kysely";
import type { JsonObject } from "../core/index.js";
import type { JobPatch, JobRecord, JobState, NewJob } from "./job-store.js";
import { idKey } from "./record-keys.js";
import type { JobsTable } from "./schema.js";

/** A `jobs` row as a record. */
export function toJobRecord(row: Selectable<JobsTable>): JobRecord {
  return {
    id: row.id,
    poolKey: row.pool_id_key,
    state: row.state as JobState,
    stateTransitionTime: row.state_transition_time,
    previousState: row.previous_state as JobState | null,
    previousStateTransitionTime: row.previous_state_transition_time,
    priority: row.priority,
    maxParallelTasks: row.max_parallel_tasks,
    onAllTasksComplete: row.on_all_tasks_complete,
    onTaskFailure: row.on_task_failure,
    spec: JSON.parse(row.spec) as JsonObject,
    executionInfo: JSON.parse(row.execution_info) as JsonObject,
    etag: row.etag,
    lastModified: row.last_modified,
    creationTime: row.creation_time,
  };
}

/** A new job as a `jobs` row, stamped with `now` and `etag`. */
export function toJobRow(job: NewJob, now: number, etag: string): Insertable<JobsTable> {
  return {
    id_key: idKey(job.id),
    id: job.id,
    pool_id_key: idKey(job.poolId),
    state: job.state,
    state_transition_time: now,
    previous_state: null,
    previous_state_transition_time: null,
    priority: job.priority,
    max_parallel_tasks: job.maxParallelTasks,
    on_all_tasks_complete: job.onAllTasksComplete,
    on_task_failure: job.onTaskFailure,
    spec: JSON.stringify(job.spec),
    execution_info: JSON.stringify(job.executionInfo),
    etag,
    last_modified: now,
    creation_time: now,
  };
}

/** The columns a patch sets; absent fields keep their value. */
export function toJobUpdate(patch: JobPatch): Updateable<JobsTable> {
  const update: Updateable<JobsTable> = {};
  if (patch.poolId !== undefined) update.pool_id_key = idKey(patch.poolId);
  if (patch.state !== undefined) update.state = patch.state;
  if (patch.stateTransitionTime !== undefined)
    update.state_transition_time = patch.stateTransitionTime;
  if (patch.previousState !== undefined) update.previous_state = patch.previousState;
  if (patch.previousStateTransitionTime !== undefined) {
    update.previous_state_transition_time = patch.previousStateTransitionTime;
  }
  if (patch.priority !== undefined) update.priority = patch.priority;
  if (patch.maxParallelTasks !== undefined) update.max_parallel_tasks = patch.maxParallelTasks;
  if (patch.onAllTasksComplete !== undefined)
    update.on_all_tasks_complete = patch.onAllTasksComplete;
  if (patch.onTaskFailure !== undefined) update.on_task_failure = patch.onTaskFailure;
  if (patch.spec !== undefined) update.spec = JSON.stringify(patch.spec);
  if (patch.executionInfo !== undefined)
    update.execution_info = JSON.stringify(patch.executionInfo);
  return update;
}
