import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { JsonObject, JsonValue } from "../core/index.js";
import type {
  InvokedBy,
  NewPipelineRun,
  PipelineRunPatch,
  PipelineRunRecord,
  PipelineRunStatus,
} from "./pipeline-run-store.js";
import { idKey } from "./record-keys.js";
import type { PipelineRunsTable, StoreSchema } from "./schema.js";

/** A `pipeline_runs` row as a record. */
export function toPipelineRunRecord(row: Selectable<PipelineRunsTable>): PipelineRunRecord {
  return {
    runId: row.run_id,
    factory: row.factory_name,
    pipelineName: row.pipeline_name,
    pipelineVersion: row.pipeline_version,
    status: row.status as PipelineRunStatus,
    parameters: JSON.parse(row.parameters) as JsonObject,
    invokedBy: JSON.parse(row.invoked_by) as InvokedBy,
    runStart: row.run_start,
    runEnd: row.run_end,
    durationInMs: row.duration_in_ms,
    message: row.message,
    runGroupId: row.run_group_id,
    isLatest: row.is_latest === 1,
    parentRunId: row.parent_run_id,
    referencePipelineRunId: row.reference_pipeline_run_id,
    isRecovery: row.is_recovery === 1,
    annotations: JSON.parse(row.annotations) as JsonValue[],
    runDimensions: JSON.parse(row.run_dimensions) as JsonObject,
    variables: JSON.parse(row.variables) as JsonObject,
    returnValue: parseNullable(row.return_value),
    engineState: parseNullable(row.engine_state),
    leaseOwner: row.lease_owner,
    leaseExpiry: row.lease_expiry,
    etag: row.etag,
    lastUpdated: row.last_updated,
    creationTime: row.creation_time,
  };
}

/** When and as what a new run is written. */
export interface RunStamp {
  readonly runId: string;
  readonly now: number;
  readonly etag: string;
}

/** A new run as a `pipeline_runs` row. */
export function toPipelineRunRow(
  run: NewPipelineRun,
  stamp: RunStamp,
): Insertable<PipelineRunsTable> {
  const runId = stamp.runId;
  return {
    run_id: runId,
    factory_key: idKey(run.factory),
    factory_name: run.factory,
    pipeline_key: idKey(run.pipelineName),
    pipeline_name: run.pipelineName,
    pipeline_version: run.pipelineVersion ?? null,
    status: run.status ?? "Queued",
    parameters: JSON.stringify(run.parameters ?? {}),
    invoked_by: JSON.stringify(run.invokedBy),
    trigger_key: triggerKey(run.invokedBy),
    run_start: run.runStart ?? stamp.now,
    run_end: null,
    duration_in_ms: null,
    message: "",
    run_group_id: idKey(run.runGroupId ?? runId),
    is_latest: run.isLatest === false ? 0 : 1,
    parent_run_id: nullableKey(run.parentRunId),
    reference_pipeline_run_id: nullableKey(run.referencePipelineRunId),
    is_recovery: run.isRecovery === true ? 1 : 0,
    annotations: JSON.stringify(run.annotations ?? []),
    run_dimensions: JSON.stringify(run.runDimensions ?? {}),
    variables: JSON.stringify(run.variables ?? {}),
    return_value: null,
    engine_state: stringifyNullable(run.engineState),
    lease_owner: null,
    lease_expiry: 0,
    etag: stamp.etag,
    last_updated: stamp.now,
    creation_time: stamp.now,
  };
}

/** The columns a patch sets; absent fields keep their value. */
export function toPipelineRunUpdate(patch: PipelineRunPatch): Updateable<PipelineRunsTable> {
  const update: Updateable<PipelineRunsTable> = {};
  if (patch.status !== undefined) update.status = patch.status;
  if (patch.runStart !== undefined) update.run_start = patch.runStart;
  if (patch.runEnd !== undefined) update.run_end = patch.runEnd;
  if (patch.durationInMs !== undefined) update.duration_in_ms = patch.durationInMs;
  if (patch.message !== undefined) update.message = patch.message;
  if (patch.isLatest !== undefined) update.is_latest = patch.isLatest ? 1 : 0;
  if (patch.annotations !== undefined) update.annotations = JSON.stringify(patch.annotations);
  if (patch.runDimensions !== undefined)
    update.run_dimensions = JSON.stringify(patch.runDimensions);
  if (patch.variables !== undefined) update.variables = JSON.stringify(patch.variables);
  if (patch.returnValue !== undefined) update.return_value = stringifyNullable(patch.returnValue);
  if (patch.engineState !== undefined) update.engine_state = stringifyNullable(patch.engineState);
  return update;
}

/** Runs started by a trigger are found by the trigger's name (ADF's TriggerName filter). */
function triggerKey(invokedBy: InvokedBy): string | null {
  return invokedBy.invokedByType.endsWith("Trigger") ? idKey(invokedBy.name) : null;
}

function nullableKey(value: string | null | undefined): string | null {
  return value === undefined || value === null ? null : idKey(value);
}

/** JSON text, or SQL NULL for null: "no value" reads back as null, not as the JSON `null`. */
export function stringifyNullable(value: JsonValue | null | undefined): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** The parsed JSON of a nullable column. */
export function parseNullable(text: string | null): JsonValue | null {
  return text === null ? null : (JSON.parse(text) as JsonValue);
}

/** The run's row, or undefined. */
export function findRun(db: Kysely<StoreSchema>, runId: string) {
  return db
    .selectFrom("pipeline_runs")
    .selectAll()
    .where("run_id", "=", idKey(runId))
    .executeTakeFirst();
}
