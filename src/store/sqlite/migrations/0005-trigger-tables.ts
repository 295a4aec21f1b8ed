import { ddlMigration } from "../../migration.js";

// Triggers' runtime: whether each is started, its trigger runs (also tumbling windows), and
// blob listings for storage events. postgres/migrations/0005-trigger-tables.ts has the same.
const statements = [
  // One row per trigger ever started. `cursor` is the last scheduled time a schedule trigger
  // has handled; `generation` counts starts, so a fire of an earlier start is told apart.
  `CREATE TABLE trigger_states (
    factory_key TEXT NOT NULL,
    trigger_key TEXT NOT NULL,
    factory_name TEXT NOT NULL,
    trigger_name TEXT NOT NULL,
    runtime_state TEXT NOT NULL,
    generation INTEGER NOT NULL,
    started_at INTEGER,
    cursor INTEGER,
    event_baseline INTEGER NOT NULL DEFAULT 0,
    last_updated INTEGER NOT NULL,
    PRIMARY KEY (factory_key, trigger_key)
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX trigger_states_started ON trigger_states (runtime_state)`,
  // One row per fire. The UNIQUE key is the rule "one fire per trigger and scheduled time"
  // (the window start of a tumbling window, the event of a storage event): of two schedulers
  // inserting the same fire, one wins. A tumbling window is one row through all its attempts.
  `CREATE TABLE trigger_runs (
    pk INTEGER PRIMARY KEY,
    trigger_run_id TEXT NOT NULL UNIQUE,
    factory_key TEXT NOT NULL,
    factory_name TEXT NOT NULL,
    trigger_key TEXT NOT NULL,
    trigger_name TEXT NOT NULL,
    trigger_type TEXT NOT NULL,
    fire_key TEXT NOT NULL,
    scheduled_time INTEGER NOT NULL,
    trigger_run_timestamp INTEGER NOT NULL,
    status TEXT NOT NULL,
    message TEXT NOT NULL,
    properties TEXT NOT NULL,
    planned_runs TEXT NOT NULL,
    triggered_pipelines TEXT NOT NULL,
    window_start INTEGER,
    window_end INTEGER,
    attempt INTEGER NOT NULL,
    run_id TEXT,
    not_before INTEGER NOT NULL,
    lease_owner TEXT,
    lease_expiry INTEGER NOT NULL DEFAULT 0,
    last_updated INTEGER NOT NULL,
    creation_time INTEGER NOT NULL,
    UNIQUE (factory_key, trigger_key, fire_key)
  ) STRICT`,
  // A trigger's windows by state in window order (backfill oldest first, concurrency counts).
  `CREATE INDEX trigger_runs_windows ON trigger_runs (factory_key, trigger_key, status, window_start)`,
  // Fires left unfinished by a scheduler that stopped: picked up when their lease runs out.
  `CREATE INDEX trigger_runs_lease ON trigger_runs (status, lease_expiry)`,
  // queryTriggerRuns: a factory's runs in a lastUpdated window.
  `CREATE INDEX trigger_runs_updated ON trigger_runs (factory_key, last_updated, pk)`,
  // The blobs a storage event trigger last saw, to tell created and deleted blobs apart.
  `CREATE TABLE blob_event_cursors (
    factory_key TEXT NOT NULL,
    trigger_key TEXT NOT NULL,
    container TEXT NOT NULL,
    path TEXT NOT NULL,
    version TEXT NOT NULL,
    size INTEGER NOT NULL,
    PRIMARY KEY (factory_key, trigger_key, container, path)
  ) STRICT, WITHOUT ROWID`,
];

/** Trigger runtime states, trigger runs and tumbling windows, blob event cursors. */
export const triggerTables = ddlMigration(5, "trigger-tables", statements);
