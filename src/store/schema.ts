import type { Generated } from "kysely";

/**
 * The tables as Kysely sees them, shared by both dialects. The migrations in `sqlite/` and
 * `postgres/` create them; a column added there must be added here.
 *
 * Conventions, chosen so one query works unchanged on SQLite and PostgreSQL:
 * - Times are integer milliseconds since the Unix epoch (BIGINT), never dialect date types,
 *   so comparisons like `lease_expiry < now` are plain integer comparisons on both.
 * - JSON documents are TEXT (SQLite) / JSONB (PostgreSQL); both read back as a JSON string
 *   (the PostgreSQL adapter turns off pg's JSON parsing) and are written as one.
 * - `Generated<...>` marks columns with a database default: optional on insert.
 * - `*_key` columns hold ids lowercased: Batch ids are unique regardless of case but keep the
 *   case the user gave them, which the `id` column holds.
 */
export interface StoreSchema {
  schema_migrations: SchemaMigrationsTable;
  pools: PoolsTable;
  nodes: NodesTable;
  jobs: JobsTable;
  tasks: TasksTable;
  task_dependencies: TaskDependenciesTable;
}

/** One row per migration applied, written in the same transaction as the migration. */
export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: number;
}

/** A Batch pool. `spec` holds the pool's other properties (vmSize, startTask, metadata...). */
export interface PoolsTable {
  id_key: string;
  id: string;
  state: string;
  state_transition_time: number;
  allocation_state: string;
  allocation_state_transition_time: number;
  target_dedicated_nodes: number;
  task_slots_per_node: number;
  node_fill_type: string;
  spec: string;
  etag: string;
  last_modified: number;
  creation_time: number;
}

/**
 * A compute node: one agent. Batch nodes have no etag. Running task counts are not stored:
 * they are counted from `tasks` (migration 2 dropped the copies).
 */
export interface NodesTable {
  id: string;
  pool_id_key: string;
  state: string;
  state_transition_time: number;
  scheduling_state: string;
  task_slots: number;
  total_tasks_run: Generated<number>;
  total_tasks_succeeded: Generated<number>;
  heartbeat_expiry: number | null;
  allocation_time: number;
  last_boot_time: number | null;
  info: string;
}

/** A Batch job. `pool_id_key` is not a foreign key: in Batch a job may name a pool that does not exist yet. */
export interface JobsTable {
  id_key: string;
  id: string;
  pool_id_key: string;
  state: string;
  state_transition_time: number;
  previous_state: string | null;
  previous_state_transition_time: number | null;
  priority: Generated<number>;
  max_parallel_tasks: Generated<number>;
  on_all_tasks_complete: string;
  on_task_failure: string;
  spec: string;
  execution_info: string;
  etag: string;
  last_modified: number;
  creation_time: number;
}

/** A Batch task, with the execution fields that claiming, leases, retries and requeues use. */
export interface TasksTable {
  pk: Generated<number>;
  job_id_key: string;
  id_key: string;
  id: string;
  pool_id_key: string;
  state: string;
  state_transition_time: number;
  previous_state: string | null;
  previous_state_transition_time: number | null;
  required_slots: Generated<number>;
  unmet_dependencies: Generated<number>;
  spec: string;
  node_id: string | null;
  claim_token: string | null;
  lease_expiry: number | null;
  retry_count: Generated<number>;
  requeue_count: Generated<number>;
  last_retry_time: number | null;
  last_requeue_time: number | null;
  start_time: number | null;
  end_time: number | null;
  exit_code: number | null;
  result: string | null;
  failure_info: string | null;
  /** 1 once the task completed with dependencyAction "satisfy" (migration 2). */
  satisfies_dependents: Generated<number>;
  etag: string;
  last_modified: number;
  creation_time: number;
}

/**
 * "Task `task_id_key` depends on task `depends_on_id_key`" (migration 2). The dependency is
 * named by id, as it may not be added yet; `satisfied` is 1 once it released this task.
 */
export interface TaskDependenciesTable {
  job_id_key: string;
  task_id_key: string;
  depends_on_id_key: string;
  satisfied: Generated<number>;
}
