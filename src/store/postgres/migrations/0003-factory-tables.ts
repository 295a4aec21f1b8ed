import { ddlMigration } from "../../migration.js";

// The same tables as sqlite/migrations/0003-factory-tables.ts; see the comments there.
// Key and sort columns use the "C" collation (byte order, as SQLite compares), so keyset
// paging returns the same order on both dialects.
const statements = [
  `CREATE TABLE factories (
    name_key TEXT COLLATE "C" PRIMARY KEY,
    name TEXT NOT NULL,
    properties JSONB NOT NULL,
    etag TEXT NOT NULL,
    last_modified BIGINT NOT NULL,
    creation_time BIGINT NOT NULL
  )`,
  // Every version of every resource, also of deleted ones: a run shows the definition it
  // ran. `digest` (SHA-256 of the canonical JSON) lets a deploy skip unchanged resources
  // without reading their JSON.
  `CREATE TABLE resource_versions (
    factory_key TEXT COLLATE "C" NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    name_key TEXT COLLATE "C" NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    json JSONB NOT NULL,
    digest TEXT NOT NULL,
    etag TEXT NOT NULL,
    creation_time BIGINT NOT NULL,
    PRIMARY KEY (factory_key, kind, name_key, version)
  )`,
  // The resources that exist now, each pointing at its latest version.
  `CREATE TABLE factory_resources (
    factory_key TEXT COLLATE "C" NOT NULL REFERENCES factories (name_key),
    kind TEXT COLLATE "C" NOT NULL,
    name_key TEXT COLLATE "C" NOT NULL,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    digest TEXT NOT NULL,
    etag TEXT NOT NULL,
    last_modified BIGINT NOT NULL,
    creation_time BIGINT NOT NULL,
    PRIMARY KEY (factory_key, kind, name_key)
  )`,
  // pk: creation order, which is queue order for pipeline concurrency.
  `CREATE TABLE pipeline_runs (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id TEXT COLLATE "C" NOT NULL UNIQUE,
    factory_key TEXT COLLATE "C" NOT NULL,
    factory_name TEXT NOT NULL,
    pipeline_key TEXT COLLATE "C" NOT NULL,
    pipeline_name TEXT NOT NULL,
    pipeline_version INTEGER,
    status TEXT COLLATE "C" NOT NULL,
    parameters JSONB NOT NULL,
    invoked_by JSONB NOT NULL,
    trigger_key TEXT COLLATE "C",
    run_start BIGINT NOT NULL,
    run_end BIGINT,
    duration_in_ms BIGINT,
    message TEXT NOT NULL,
    run_group_id TEXT COLLATE "C" NOT NULL,
    is_latest INTEGER NOT NULL,
    parent_run_id TEXT COLLATE "C",
    reference_pipeline_run_id TEXT,
    is_recovery INTEGER NOT NULL,
    annotations JSONB NOT NULL,
    run_dimensions JSONB NOT NULL,
    variables JSONB NOT NULL,
    return_value JSONB,
    engine_state JSONB,
    lease_owner TEXT,
    lease_expiry BIGINT NOT NULL DEFAULT 0,
    etag TEXT NOT NULL,
    last_updated BIGINT NOT NULL,
    creation_time BIGINT NOT NULL
  )`,
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
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity_run_id TEXT COLLATE "C" NOT NULL UNIQUE,
    pipeline_run_id TEXT COLLATE "C" NOT NULL REFERENCES pipeline_runs (run_id) ON DELETE CASCADE,
    activity_name TEXT NOT NULL,
    activity_name_key TEXT COLLATE "C" NOT NULL,
    activity_type TEXT NOT NULL,
    status TEXT COLLATE "C" NOT NULL,
    inactive INTEGER NOT NULL,
    linked_service_name TEXT,
    input JSONB NOT NULL,
    output JSONB,
    error JSONB,
    retry_attempt INTEGER,
    activity_run_start BIGINT NOT NULL,
    activity_run_end BIGINT,
    duration_in_ms BIGINT,
    scope_path TEXT COLLATE "C" NOT NULL,
    iteration_index INTEGER,
    batch_job_id TEXT,
    batch_job_id_key TEXT COLLATE "C",
    batch_task_id TEXT,
    batch_task_id_key TEXT COLLATE "C",
    user_properties JSONB NOT NULL,
    engine_state JSONB,
    etag TEXT NOT NULL,
    last_updated BIGINT NOT NULL,
    creation_time BIGINT NOT NULL
  )`,
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
