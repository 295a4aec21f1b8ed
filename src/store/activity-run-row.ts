import type { Insertable, Selectable, Updateable } from "kysely";
import type { JsonObject, JsonValue } from "../core/index.js";
import type {
  ActivityRunError,
  ActivityRunPatch,
  ActivityRunRecord,
  ActivityRunStatus,
  BatchTaskReference,
  NewActivityRun,
} from "./activity-run-store.js";
import { parseNullable, stringifyNullable } from "./pipeline-run-row.js";
import { idKey } from "./record-keys.js";
import type { ActivityRunsTable } from "./schema.js";

/** An `activity_runs` row as a record. */
export function toActivityRunRecord(row: Selectable<ActivityRunsTable>): ActivityRunRecord {
  return {
    activityRunId: row.activity_run_id,
    pipelineRunId: row.pipeline_run_id,
    activityName: row.activity_name,
    activityType: row.activity_type,
    status: row.status as ActivityRunStatus,
    inactive: row.inactive === 1,
    linkedServiceName: row.linked_service_name,
    input: JSON.parse(row.input) as JsonValue,
    output: parseNullable(row.output),
    error: parseNullable(row.error) as ActivityRunError | null,
    retryAttempt: row.retry_attempt,
    activityRunStart: row.activity_run_start,
    activityRunEnd: row.activity_run_end,
    durationInMs: row.duration_in_ms,
    scopePath: row.scope_path,
    iterationIndex: row.iteration_index,
    batchTask:
      row.batch_job_id === null || row.batch_task_id === null
        ? null
        : { jobId: row.batch_job_id, taskId: row.batch_task_id },
    userProperties: JSON.parse(row.user_properties) as JsonObject,
    engineState: parseNullable(row.engine_state),
    etag: row.etag,
    lastUpdated: row.last_updated,
    creationTime: row.creation_time,
  };
}

/** When and as what a new activity run is written. */
export interface ActivityRunStamp {
  readonly activityRunId: string;
  readonly pipelineRunId: string;
  readonly now: number;
  readonly etag: string;
}

/** A new activity run as an `activity_runs` row. */
export function toActivityRunRow(
  run: NewActivityRun,
  stamp: ActivityRunStamp,
): Insertable<ActivityRunsTable> {
  return {
    activity_run_id: stamp.activityRunId,
    pipeline_run_id: stamp.pipelineRunId,
    activity_name: run.activityName,
    activity_name_key: idKey(run.activityName),
    activity_type: run.activityType,
    status: run.status ?? "Queued",
    inactive: run.inactive === true ? 1 : 0,
    linked_service_name: run.linkedServiceName ?? null,
    input: JSON.stringify(run.input ?? {}),
    output: stringifyNullable(run.output),
    error: stringifyNullable(run.error as JsonValue | null | undefined),
    retry_attempt: run.retryAttempt ?? null,
    activity_run_start: run.activityRunStart ?? stamp.now,
    activity_run_end: run.activityRunEnd ?? null,
    duration_in_ms: run.durationInMs ?? null,
    scope_path: run.scopePath ?? "",
    iteration_index: run.iterationIndex ?? null,
    ...batchColumns(run.batchTask ?? null),
    user_properties: JSON.stringify(run.userProperties ?? {}),
    engine_state: stringifyNullable(run.engineState),
    etag: stamp.etag,
    last_updated: stamp.now,
    creation_time: stamp.now,
  };
}

/** The columns a patch sets; absent fields keep their value. */
export function toActivityRunUpdate(patch: ActivityRunPatch): Updateable<ActivityRunsTable> {
  const update: Updateable<ActivityRunsTable> = {};
  if (patch.status !== undefined) update.status = patch.status;
  if (patch.inactive !== undefined) update.inactive = patch.inactive ? 1 : 0;
  if (patch.linkedServiceName !== undefined) update.linked_service_name = patch.linkedServiceName;
  if (patch.input !== undefined) update.input = JSON.stringify(patch.input);
  if (patch.output !== undefined) update.output = stringifyNullable(patch.output);
  if (patch.error !== undefined) {
    update.error = stringifyNullable(patch.error as JsonValue | null);
  }
  if (patch.retryAttempt !== undefined) update.retry_attempt = patch.retryAttempt;
  if (patch.activityRunStart !== undefined) update.activity_run_start = patch.activityRunStart;
  if (patch.activityRunEnd !== undefined) update.activity_run_end = patch.activityRunEnd;
  if (patch.durationInMs !== undefined) update.duration_in_ms = patch.durationInMs;
  if (patch.batchTask !== undefined) Object.assign(update, batchColumns(patch.batchTask));
  if (patch.userProperties !== undefined)
    update.user_properties = JSON.stringify(patch.userProperties);
  if (patch.engineState !== undefined) update.engine_state = stringifyNullable(patch.engineState);
  return update;
}

/** Batch ids keep their case and are found regardless of it, as in Batch. */
function batchColumns(task: BatchTaskReference | null) {
  return {
    batch_job_id: task?.jobId ?? null,
    batch_job_id_key: task === null ? null : idKey(task.jobId),
    batch_task_id: task?.taskId ?? null,
    batch_task_id_key: task === null ? null : idKey(task.taskId),
  };
}
