import type { Insertable, Selectable } from "kysely";
import type { JsonObject } from "../core/index.js";
import type { TriggerRunsTable, TriggerStatesTable } from "./trigger-tables.js";
import type {
  NewTriggerRun,
  TriggerRunRecord,
  TriggerRunStatus,
  TriggerRuntimeState,
  TriggerStateRecord,
} from "./trigger-store.js";

/** Names are matched regardless of case, as ADF's. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

function json(text: string): JsonObject {
  return JSON.parse(text) as JsonObject;
}

export function toStateRecord(row: Selectable<TriggerStatesTable>): TriggerStateRecord {
  return {
    factory: row.factory_name,
    trigger: row.trigger_name,
    runtimeState: row.runtime_state as TriggerRuntimeState,
    generation: row.generation,
    startedAt: row.started_at,
    cursor: row.cursor,
    eventBaseline: row.event_baseline === 1,
    lastUpdated: row.last_updated,
  };
}

export function toRunRecord(row: Selectable<TriggerRunsTable>): TriggerRunRecord {
  return {
    triggerRunId: row.trigger_run_id,
    factory: row.factory_name,
    triggerName: row.trigger_name,
    triggerType: row.trigger_type,
    fireKey: row.fire_key,
    scheduledTime: row.scheduled_time,
    triggerRunTimestamp: row.trigger_run_timestamp,
    status: row.status as TriggerRunStatus,
    message: row.message,
    properties: json(row.properties),
    plannedRuns: json(row.planned_runs),
    triggeredPipelines: json(row.triggered_pipelines),
    windowStart: row.window_start,
    windowEnd: row.window_end,
    attempt: row.attempt,
    runId: row.run_id,
    notBefore: row.not_before,
    leaseOwner: row.lease_owner,
    leaseExpiry: row.lease_expiry,
    lastUpdated: row.last_updated,
    creationTime: row.creation_time,
  };
}

export function toRunRow(run: NewTriggerRun, now: number): Insertable<TriggerRunsTable> {
  return {
    trigger_run_id: run.triggerRunId,
    factory_key: nameKey(run.factory),
    factory_name: run.factory,
    trigger_key: nameKey(run.triggerName),
    trigger_name: run.triggerName,
    trigger_type: run.triggerType,
    fire_key: run.fireKey,
    scheduled_time: run.scheduledTime,
    trigger_run_timestamp: run.triggerRunTimestamp ?? now,
    status: run.status,
    message: run.message ?? "",
    properties: JSON.stringify(run.properties ?? {}),
    planned_runs: JSON.stringify(run.plannedRuns ?? {}),
    triggered_pipelines: JSON.stringify(run.triggeredPipelines ?? {}),
    window_start: run.windowStart ?? null,
    window_end: run.windowEnd ?? null,
    attempt: 0,
    run_id: null,
    not_before: run.notBefore ?? 0,
    lease_owner: run.leaseOwner ?? null,
    lease_expiry: run.leaseOwner === undefined ? 0 : now + (run.leaseMs ?? 30_000),
    last_updated: now,
    creation_time: now,
  };
}

/** An offset page token: opaque to callers. */
export function offsetToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString("base64url");
}

export function offsetOf(token: string | undefined): number {
  if (token === undefined || token === "") return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString()) as { o?: unknown };
    if (typeof parsed.o === "number" && Number.isInteger(parsed.o) && parsed.o >= 0)
      return parsed.o;
  } catch {
    return -1;
  }
  return -1;
}
