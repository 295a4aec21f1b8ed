import { ddlMigration } from "../../migration.js";

// The data factory: factories, their resources with every version kept, pipeline runs and
// activity runs. postgres/migrations/0003-factory-tables.ts has the same tables.
const statements = [
  `CREATE TABLE factories (
    name_key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    properties TEXT NOT NULL,
    etag TEXT NOT NULL,
    last_modified INTEGER NOT NULL,
    creation_time INTEGER NOT NULL
  ) STRICT`,
  // Every version of every resource, also of deleted ones: a run shows the definition it
  // ran. `digest` (SHA-256 of the canonical JSON) lets a deploy skip unchanged resources
  // without reading their JSON.
  `CREATE TABLE resource_versions (
    factory_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    name_key TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    json TEXT NOT NULL,
    digest TEXT NOT NULL,
    etag TEXT NOT NULL,
    creation_time INTEGER NOT NULL,
    PRIMARY KEY (factory_key, kind, name_key, version)
  ) STRICT, WITHOUT ROWID`,
  // The resources that exist now, each pointing at its latest version.
  `CREATE TABLE factory_resources (
    factory_key TEXT NOT NULL REFERENCES factories (name_key),
    kind TEXT NOT NULL,
    name_key TEXT NOT NULL,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    digest TEXT NOT NULL,
    etag TEXT NOT NULL,
    last_modified INTEGER NOT NULL,
    creation_time INTEGER NOT NULL,
    PRIMARY KEY (factory_key, kind, name_key)
  ) STRICT, WITHOUT ROWID`,
  // pk is the rowid: creation order, which is queue order for pipeline concurrency.
  `CREATE TABLE pipeline_runs (
    pk INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL UNIQUE,
    factory_key TEXT NOT NULL,
    factory_name TEXT NOT NULL,
    pipeline_key TEXT NOT NULL,
    pipeline_name TEXT NOT NULL,
    pipeline_version INTEGER,
    status TEXT NOT NULL,
    parameters TEXT NOT NULL,
    invoked_by TEXT NOT NULL,
    trigger_key TEXT,
    run_start INTEGER NOT NULL,
    run_end INTEGER,
    duration_in_ms INTEGER,
    message TEXT NOT NULL,
    run_group_id TEXT NOT NULL,
    is_latest INTEGER NOT NULL,
    parent_run_id TEXT,
    reference_pipeline_run_id TEXT,
    is_recovery INTEGER NOT NULL,
    annotations TEXT NOT NULL,
    run_dimensions TEXT NOT NULL,
    variables TEXT NOT NULL,
    return_value TEXT,
    engine_state TEXT,
    lease_owner TEXT,
    lease_expiry INTEGER NOT NULL DEFAULT 0,
    etag TEXT NOT NULL,
    last_updated INTEGER NOT NULL,
    creation_time INTEGER NOT NULL
  ) STRICT`,
  // Claiming runs to drive: the unfinished statuses, whose lease is free (0) or expired.
  `CREATE INDEX pipeline_runs_drive ON pipeline_runs (status, lease_expiry)`,
  // Concurrency: a pipeline's queued and running runs, in queue order.
  `CREATE INDEX pipeline_runs_pipeline ON pipeline_runs (factory_key, pipeline_key, status, pk)`,
  // queryPipelineRuns: a factory's runs in a lastUpdated window, and its default order.
  `CREATE INDEX pipeline_runs_updated ON pipeline_runs (factory_key, last_updated)`,
  `CREATE INDEX pipeline_runs_start ON pipeline_runs (factory_key, run_start, pk)`,
  `CREATE INDEX pipeline_runs_group ON pipeline_runs (run_group_id)`,
  `CREATE INDEX pipeline_runs_parent ON pipeline_runs (parent_run_id)`,
  // A ForEach of 100,000 items makes 100,000 rows for one pipeline run: every list is one
  // index range of that run, in its order.
  `CREATE TABLE activity_runs (
    pk INTEGER PRIMARY KEY,
    activity_run_id TEXT NOT NULL UNIQUE,
    pipeline_run_id TEXT NOT NULL REFERENCES pipeline_runs (run_id) ON DELETE CASCADE,
    activity_name TEXT NOT NULL,
    activity_name_key TEXT NOT NULL,
    activity_type TEXT NOT NULL,
    status TEXT NOT NULL,
    inactive INTEGER NOT NULL,
    linked_service_name TEXT,
    input TEXT NOT NULL,
    output TEXT,
    error TEXT,
    retry_attempt INTEGER,
    activity_run_start INTEGER NOT NULL,
    activity_run_end INTEGER,
    duration_in_ms INTEGER,
    scope_path TEXT NOT NULL,
    iteration_index INTEGER,
    batch_job_id TEXT,
    batch_job_id_key TEXT,
    batch_task_id TEXT,
    batch_task_id_key TEXT,
    user_properties TEXT NOT NULL,
    engine_state TEXT,
    etag TEXT NOT NULL,
    last_updated INTEGER NOT NULL,
    creation_time INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX activity_runs_start ON activity_runs (pipeline_run_id, activity_run_start, pk)`,
  `CREATE INDEX activity_runs_status ON activity_runs (pipeline_run_id, status, pk)`,
  `CREATE INDEX activity_runs_name ON activity_runs (pipeline_run_id, activity_name_key, pk)`,
  `CREATE INDEX activity_runs_scope ON activity_runs (pipeline_run_id, scope_path, pk)`,
  // Re-attaching to a Custom activity's Batch task after a restart.
  `CREATE INDEX activity_runs_batch_task ON activity_runs (batch_job_id_key, batch_task_id_key)
    WHERE batch_job_id_key IS NOT NULL`,
];

/** Factories, versioned factory resources, pipeline runs and activity runs. */
export const factoryTables = ddlMigration(3, "factory-tables", statements);
