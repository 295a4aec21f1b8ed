import type { Insertable, Selectable } from "kysely";
import type { JsonObject } from "../core/index.js";
import { gangHold } from "./gang-hold.js";
import { idKey } from "./record-keys.js";
import type { TasksTable } from "./schema.js";
import type { TaskRecord, TaskResult, TaskState } from "./task-store.js";
import type { NewTask } from "./task-types.js";

/** A `tasks` row as a record. */
export function toTaskRecord(row: Selectable<TasksTable>): TaskRecord {
  return {
    id: row.id,
    jobKey: row.job_id_key,
    poolKey: row.pool_id_key,
    state: row.state as TaskState,
    stateTransitionTime: row.state_transition_time,
    previousState: row.previous_state as TaskState | null,
    previousStateTransitionTime: row.previous_state_transition_time,
    requiredSlots: row.required_slots,
    unmetDependencies: row.unmet_dependencies,
    spec: JSON.parse(row.spec) as JsonObject,
    nodeId: row.node_id,
    claimToken: row.claim_token,
    leaseExpiry: row.lease_expiry,
    retryCount: row.retry_count,
    requeueCount: row.requeue_count,
    lastRetryTime: row.last_retry_time,
    lastRequeueTime: row.last_requeue_time,
    startTime: row.start_time,
    endTime: row.end_time,
    exitCode: row.exit_code,
    result: row.result as TaskResult | null,
    failureInfo: row.failure_info === null ? null : (JSON.parse(row.failure_info) as JsonObject),
    satisfiesDependents: row.satisfies_dependents === 1,
    etag: row.etag,
    lastModified: row.last_modified,
    creationTime: row.creation_time,
  };
}

/** Where a new task goes and what it starts with. */
export interface NewTaskPlace {
  readonly jobKey: string;
  readonly poolKey: string;
  readonly now: number;
  readonly etag: string;
  readonly unmetDependencies: number;
}

/** A new task as a `tasks` row: active, never run. */
export function toNewTaskRow(task: NewTask, place: NewTaskPlace): Insertable<TasksTable> {
  return {
    job_id_key: place.jobKey,
    id_key: idKey(task.id),
    id: task.id,
    pool_id_key: place.poolKey,
    state: "active",
    state_transition_time: place.now,
    required_slots: task.requiredSlots ?? 1,
    unmet_dependencies: place.unmetDependencies + (task.gang === true ? gangHold : 0),
    spec: JSON.stringify(task.spec),
    etag: place.etag,
    last_modified: place.now,
    creation_time: place.now,
  };
}
