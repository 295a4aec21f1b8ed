import type { Generated } from "kysely";

// The trigger tables of migration 0005, as Kysely sees them (conventions in schema.ts).

/** Whether a trigger is started; `cursor` is a schedule trigger's last handled fire time. */
export interface TriggerStatesTable {
  factory_key: string;
  trigger_key: string;
  factory_name: string;
  trigger_name: string;
  runtime_state: string;
  generation: number;
  started_at: number | null;
  cursor: number | null;
  event_baseline: Generated<number>;
  last_updated: number;
}

/** One fire of a trigger; a tumbling window through all its attempts. */
export interface TriggerRunsTable {
  pk: Generated<number>;
  trigger_run_id: string;
  factory_key: string;
  factory_name: string;
  trigger_key: string;
  trigger_name: string;
  trigger_type: string;
  fire_key: string;
  scheduled_time: number;
  trigger_run_timestamp: number;
  status: string;
  message: string;
  properties: string;
  planned_runs: string;
  triggered_pipelines: string;
  window_start: number | null;
  window_end: number | null;
  attempt: number;
  run_id: string | null;
  not_before: number;
  lease_owner: string | null;
  lease_expiry: Generated<number>;
  last_updated: number;
  creation_time: number;
}

/** A blob a storage event trigger has seen, with its version (etag, or size and time). */
export interface BlobEventCursorsTable {
  factory_key: string;
  trigger_key: string;
  container: string;
  path: string;
  version: string;
  size: number;
}
