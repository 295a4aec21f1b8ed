import { ddlMigration } from "../../migration.js";

// The same tables as sqlite/migrations/0001-batch-tables.ts; see the comments there.
// Times are BIGINT milliseconds (not timestamptz) so shared queries bind plain numbers.
// Key columns use the "C" collation: byte order, as SQLite compares them, so keyset paging
// returns the same order on both dialects whatever the database's locale.
const statements = [
  `CREATE TABLE pools (
    id_key TEXT COLLATE "C" PRIMARY KEY,
    id TEXT NOT NULL,
    state TEXT NOT NULL,
    state_transition_time BIGINT NOT NULL,
    allocation_state TEXT NOT NULL,
    allocation_state_transition_time BIGINT NOT NULL,
    target_dedicated_nodes INTEGER NOT NULL,
    task_slots_per_node INTEGER NOT NULL,
    node_fill_type TEXT NOT NULL,
    spec JSONB NOT NULL,
    etag TEXT NOT NULL,
    last_modified BIGINT NOT NULL,
    creation_time BIGINT NOT NULL
  )`,
  `CREATE TABLE nodes (
    id TEXT PRIMARY KEY,
    pool_id_key TEXT COLLATE "C" NOT NULL REFERENCES pools (id_key) ON DELETE CASCADE,
    state TEXT NOT NULL,
    state_transition_time BIGINT NOT NULL,
    scheduling_state TEXT NOT NULL,
    task_slots INTEGER NOT NULL,
    running_tasks_count INTEGER NOT NULL DEFAULT 0,
    running_task_slots_count INTEGER NOT NULL DEFAULT 0,
    total_tasks_run INTEGER NOT NULL DEFAULT 0,
    total_tasks_succeeded INTEGER NOT NULL DEFAULT 0,
    heartbeat_expiry BIGINT,
    allocation_time BIGINT NOT NULL,
    last_boot_time BIGINT,
    info JSONB NOT NULL
  )`,
  `CREATE INDEX nodes_pool_state ON nodes (pool_id_key, state)`,
  `CREATE TABLE jobs (
    id_key TEXT COLLATE "C" PRIMARY KEY,
    id TEXT NOT NULL,
    pool_id_key TEXT COLLATE "C" NOT NULL,
    state TEXT NOT NULL,
    state_transition_time BIGINT NOT NULL,
    previous_state TEXT,
    previous_state_transition_time BIGINT,
    priority INTEGER NOT NULL DEFAULT 0,
    max_parallel_tasks INTEGER NOT NULL DEFAULT -1,
    on_all_tasks_complete TEXT NOT NULL,
    on_task_failure TEXT NOT NULL,
    spec JSONB NOT NULL,
    execution_info JSONB NOT NULL,
    etag TEXT NOT NULL,
    last_modified BIGINT NOT NULL,
    creation_time BIGINT NOT NULL
  )`,
  `CREATE INDEX jobs_pool_state_priority ON jobs (pool_id_key, state, priority)`,
  `CREATE TABLE tasks (
    pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id_key TEXT COLLATE "C" NOT NULL REFERENCES jobs (id_key) ON DELETE CASCADE,
    id_key TEXT COLLATE "C" NOT NULL,
    id TEXT NOT NULL,
    pool_id_key TEXT COLLATE "C" NOT NULL,
    state TEXT NOT NULL,
    state_transition_time BIGINT NOT NULL,
    previous_state TEXT,
    previous_state_transition_time BIGINT,
    required_slots INTEGER NOT NULL DEFAULT 1,
    unmet_dependencies INTEGER NOT NULL DEFAULT 0,
    spec JSONB NOT NULL,
    node_id TEXT,
    claim_token TEXT,
    lease_expiry BIGINT,
    retry_count INTEGER NOT NULL DEFAULT 0,
    requeue_count INTEGER NOT NULL DEFAULT 0,
    last_retry_time BIGINT,
    last_requeue_time BIGINT,
    start_time BIGINT,
    end_time BIGINT,
    exit_code INTEGER,
    result TEXT,
    failure_info JSONB,
    etag TEXT NOT NULL,
    last_modified BIGINT NOT NULL,
    creation_time BIGINT NOT NULL,
    UNIQUE (job_id_key, id_key)
  )`,
  `CREATE INDEX tasks_claim ON tasks (pool_id_key, state, unmet_dependencies, pk)`,
  `CREATE INDEX tasks_job_state ON tasks (job_id_key, state, pk)`,
];

/** Pools, nodes, jobs and tasks for the Batch service. */
export const batchTables = ddlMigration(1, "batch-tables", statements);
