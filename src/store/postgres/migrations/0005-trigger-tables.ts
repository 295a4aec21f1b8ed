import { ddlMigration } from "../../migration.js";

// The same schema change as sqlite/migrations/0005-trigger-tables.ts (comments there).
const statements = [
  `CREATE TABLE trigger_states (
    factory_key TEXT COLLATE "C" NOT NULL,
    trigger_key TEXT COLLATE "C" NOT NULL,
    factory_name TEXT NOT NULL,
    trigger_name TEXT NOT NULL,
    runtime_state TEXT NOT NULL,
    generation INTEGER NOT NULL,
    started_at BIGINT,
    cursor BIGINT,
    event_baseline INTEGER NOT NULL DEFAULT 0,
    last_updated BIGINT NOT NULL,
    PRIMARY KEY (factory_key, trigger_key)
  )`,
  `CREATE INDEX trigger_states_started ON trigger_states (runtime_state)`,
  `CREATE TABLE trigger_runs (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trigger_run_id TEXT COLLATE "C" NOT NULL UNIQUE,
    factory_key TEXT COLLATE "C" NOT NULL,
    factory_name TEXT NOT NULL,
    trigger_key TEXT COLLATE "C" NOT NULL,
    trigger_name TEXT NOT NULL,
    trigger_type TEXT NOT NULL,
    fire_key TEXT COLLATE "C" NOT NULL,
    scheduled_time BIGINT NOT NULL,
    trigger_run_timestamp BIGINT NOT NULL,
    status TEXT NOT NULL,
    message TEXT NOT NULL,
    properties JSONB NOT NULL,
    planned_runs JSONB NOT NULL,
    triggered_pipelines JSONB NOT NULL,
    window_start BIGINT,
    window_end BIGINT,
    attempt INTEGER NOT NULL,
    run_id TEXT,
    not_before BIGINT NOT NULL,
    lease_owner TEXT,
    lease_expiry BIGINT NOT NULL DEFAULT 0,
    last_updated BIGINT NOT NULL,
    creation_time BIGINT NOT NULL,
    UNIQUE (factory_key, trigger_key, fire_key)
  )`,
  `CREATE INDEX trigger_runs_windows ON trigger_runs (factory_key, trigger_key, status, window_start)`,
  `CREATE INDEX trigger_runs_lease ON trigger_runs (status, lease_expiry)`,
  `CREATE INDEX trigger_runs_updated ON trigger_runs (factory_key, last_updated, pk)`,
  `CREATE TABLE blob_event_cursors (
    factory_key TEXT COLLATE "C" NOT NULL,
    trigger_key TEXT COLLATE "C" NOT NULL,
    container TEXT COLLATE "C" NOT NULL,
    path TEXT COLLATE "C" NOT NULL,
    version TEXT NOT NULL,
    size BIGINT NOT NULL,
    PRIMARY KEY (factory_key, trigger_key, container, path)
  )`,
];

/** Trigger runtime states, trigger runs and tumbling windows, blob event cursors. */
export const triggerTables = ddlMigration(5, "trigger-tables", statements);
