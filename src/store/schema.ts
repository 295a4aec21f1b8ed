import type { Generated } from "kysely";
import type { JobSchedulesTable } from "./job-schedule-tables.js";
import type { GangReservationsTable, SubtasksTable } from "./subtask-tables.js";
import type {
  BlobEventCursorsTable,
  TriggerRunsTable,
  TriggerStatesTable,
} from "./trigger-tables.js";

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
  job_preparations: JobPreparationsTable;
  factories: FactoriesTable;
  factory_resources: FactoryResourcesTable;
  resource_versions: ResourceVersionsTable;
  pipeline_runs: PipelineRunsTable;
  activity_runs: ActivityRunsTable;
  trigger_states: TriggerStatesTable;
  trigger_runs: TriggerRunsTable;
  job_schedules: JobSchedulesTable;
  blob_event_cursors: BlobEventCursorsTable;
  autoscale_samples: AutoscaleSamplesTable;
  subtasks: SubtasksTable;
  gang_reservations: GangReservationsTable;
}

/** One autoscale sample of a pool's metric (migration 7); `time` is the sample slot's start. */
export interface AutoscaleSamplesTable {
  pool_id_key: string;
  metric: string;
  time: number;
  value: number;
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

/**
 * A job's preparation and release tasks on one node (migration 4). `prep_state` and
 * `release_state` are Batch's `running` / `completed` (release also `pending`, not yet handed
 * out); `*_info` are Batch's execution information documents; `blocked` is 1 when the node may
 * not run the job's tasks (its preparation task failed with `waitForSuccess`).
 */
export interface JobPreparationsTable {
  job_id_key: string;
  node_id: string;
  job_id: string;
  pool_id_key: string;
  prep_token: string | null;
  prep_state: string | null;
  prep_start: number | null;
  blocked: Generated<number>;
  prep_info: string;
  release_token: string | null;
  release_state: string | null;
  release_spec: string | null;
  release_info: string | null;
}

/** A data factory (migration 3). `properties` is ADF's factory `properties` (globalParameters...). */
export interface FactoriesTable {
  name_key: string;
  name: string;
  properties: string;
  etag: string;
  last_modified: number;
  creation_time: number;
}

/**
 * A factory resource that exists now (migration 3): `kind` is ADF's git folder name
 * (`pipeline`, `dataset`, `linkedService`, `trigger`, ...); `version` is its latest row in
 * `resource_versions`, whose `digest` and `etag` it copies.
 */
export interface FactoryResourcesTable {
  factory_key: string;
  kind: string;
  name_key: string;
  name: string;
  version: number;
  digest: string;
  etag: string;
  last_modified: number;
  creation_time: number;
}

/**
 * Every version of every resource, kept after the resource is deleted (migration 3).
 * `digest` is the SHA-256 of the canonical JSON.
 */
export interface ResourceVersionsTable {
  factory_key: string;
  kind: string;
  name_key: string;
  version: number;
  name: string;
  json: string;
  digest: string;
  etag: string;
  creation_time: number;
}

/**
 * A pipeline run (migration 3). `pk` is creation order (queue order for concurrency);
 * booleans are 0/1; `lease_expiry` is 0 when no server drives the run.
 */
export interface PipelineRunsTable {
  pk: Generated<number>;
  run_id: string;
  factory_key: string;
  factory_name: string;
  pipeline_key: string;
  pipeline_name: string;
  pipeline_version: number | null;
  status: string;
  parameters: string;
  invoked_by: string;
  trigger_key: string | null;
  run_start: number;
  run_end: number | null;
  duration_in_ms: number | null;
  message: string;
  run_group_id: string;
  is_latest: number;
  parent_run_id: string | null;
  reference_pipeline_run_id: string | null;
  is_recovery: number;
  annotations: string;
  run_dimensions: string;
  variables: string;
  return_value: string | null;
  engine_state: string | null;
  lease_owner: string | null;
  lease_expiry: Generated<number>;
  etag: string;
  last_updated: number;
  creation_time: number;
}

/** An activity run (migration 3); `scope_path` is "" for activities at the pipeline's top level. */
export interface ActivityRunsTable {
  pk: Generated<number>;
  activity_run_id: string;
  pipeline_run_id: string;
  activity_name: string;
  activity_name_key: string;
  activity_type: string;
  status: string;
  inactive: number;
  linked_service_name: string | null;
  input: string;
  output: string | null;
  error: string | null;
  retry_attempt: number | null;
  activity_run_start: number;
  activity_run_end: number | null;
  duration_in_ms: number | null;
  scope_path: string;
  iteration_index: number | null;
  batch_job_id: string | null;
  batch_job_id_key: string | null;
  batch_task_id: string | null;
  batch_task_id_key: string | null;
  user_properties: string;
  engine_state: string | null;
  etag: string;
  last_updated: number;
  creation_time: number;
}
