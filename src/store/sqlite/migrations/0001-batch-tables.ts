import { ddlMigration } from "../../migration.js";

// STRICT tables make SQLite check column types, as PostgreSQL does, so a type bug in shared
// code fails on both dialects instead of only on PostgreSQL.
const statements = [
  `CREATE TABLE pools (
    id_key TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    state TEXT NOT NULL,
    state_transition_time INTEGER NOT NULL,
    allocation_state TEXT NOT NULL,
    allocation_state_transition_time INTEGER NOT NULL,
    target_dedicated_nodes INTEGER NOT NULL,
    task_slots_per_node INTEGER NOT NULL,
    node_fill_type TEXT NOT NULL,
    spec TEXT NOT NULL,
    etag TEXT NOT NULL,
    last_modified INTEGER NOT NULL,
    creation_time INTEGER NOT NULL
  ) STRICT`,
  `CREATE TABLE nodes (
    id TEXT PRIMARY KEY,
    pool_id_key TEXT NOT NULL REFERENCES pools (id_key) ON DELETE CASCADE,
    state TEXT NOT NULL,
    state_transition_time INTEGER NOT NULL,
    scheduling_state TEXT NOT NULL,
    task_slots INTEGER NOT NULL,
    running_tasks_count INTEGER NOT NULL DEFAULT 0,
    running_task_slots_count INTEGER NOT NULL DEFAULT 0,
    total_tasks_run INTEGER NOT NULL DEFAULT 0,
    total_tasks_succeeded INTEGER NOT NULL DEFAULT 0,
    heartbeat_expiry INTEGER,
    allocation_time INTEGER NOT NULL,
    last_boot_time INTEGER,
    info TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX nodes_pool_state ON nodes (pool_id_key, state)`,
  `CREATE TABLE jobs (
    id_key TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    pool_id_key TEXT NOT NULL,
    state TEXT NOT NULL,
    state_transition_time INTEGER NOT NULL,
    previous_state TEXT,
    previous_state_transition_time INTEGER,
    priority INTEGER NOT NULL DEFAULT 0,
    max_parallel_tasks INTEGER NOT NULL DEFAULT -1,
    on_all_tasks_complete TEXT NOT NULL,
    on_task_failure TEXT NOT NULL,
    spec TEXT NOT NULL,
    execution_info TEXT NOT NULL,
    etag TEXT NOT NULL,
    last_modified INTEGER NOT NULL,
    creation_time INTEGER NOT NULL
  ) STRICT`,
  // Claiming walks a pool's active jobs, highest priority first.
  `CREATE INDEX jobs_pool_state_priority ON jobs (pool_id_key, state, priority)`,
  // pk is the rowid: insertion order, which is "oldest first" for claiming and listing.
  `CREATE TABLE tasks (
    pk INTEGER PRIMARY KEY,
    job_id_key TEXT NOT NULL REFERENCES jobs (id_key) ON DELETE CASCADE,
    id_key TEXT NOT NULL,
    id TEXT NOT NULL,
    pool_id_key TEXT NOT NULL,
    state TEXT NOT NULL,
    state_transition_time INTEGER NOT NULL,
    previous_state TEXT,
    previous_state_transition_time INTEGER,
    required_slots INTEGER NOT NULL DEFAULT 1,
    unmet_dependencies INTEGER NOT NULL DEFAULT 0,
    spec TEXT NOT NULL,
    node_id TEXT,
    claim_token TEXT,
    lease_expiry INTEGER,
    retry_count INTEGER NOT NULL DEFAULT 0,
    requeue_count INTEGER NOT NULL DEFAULT 0,
    last_retry_time INTEGER,
    last_requeue_time INTEGER,
    start_time INTEGER,
    end_time INTEGER,
    exit_code INTEGER,
    result TEXT,
    failure_info TEXT,
    etag TEXT NOT NULL,
    last_modified INTEGER NOT NULL,
    creation_time INTEGER NOT NULL,
    UNIQUE (job_id_key, id_key)
  ) STRICT`,
  // Claiming: the oldest active task of a pool whose dependencies are met is the first
  // entry of (pool, 'active', 0); running tasks of a pool (lease sweeps, node loss) are a
  // short range of the same index.
  `CREATE INDEX tasks_claim ON tasks (pool_id_key, state, unmet_dependencies, pk)`,
  // Listing a job's tasks by state ($filter=state eq ...) and task counts, in add order.
  `CREATE INDEX tasks_job_state ON tasks (job_id_key, state, pk)`,
];

/** Pools, nodes, jobs and tasks for the Batch service. */
export const batchTables = ddlMigration(1, "batch-tables", statements);
