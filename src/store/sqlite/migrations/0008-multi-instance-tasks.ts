import { ddlMigration } from "../../migration.js";
import { gangHold } from "../../gang-hold.js";

// Multi-instance tasks (Batch's MPI tasks). postgres/migrations/0008-multi-instance-tasks.ts
// has the same. A multi-instance task is a row of `tasks` whose unmet_dependencies carries
// `gangHold` (see gang-hold.ts), so the one-by-one claim never takes it.
const statements = [
  // One row per instance of the task's current (or last) run; instance 0 is the primary.
  `CREATE TABLE subtasks (
    job_id_key TEXT NOT NULL REFERENCES jobs (id_key) ON DELETE CASCADE,
    task_id_key TEXT NOT NULL,
    instance INTEGER NOT NULL,
    pool_id_key TEXT NOT NULL,
    run_token TEXT NOT NULL,
    node_id TEXT NOT NULL,
    delivered INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    state_transition_time INTEGER NOT NULL,
    previous_state TEXT,
    previous_state_transition_time INTEGER,
    coordination TEXT,
    start_time INTEGER NOT NULL,
    end_time INTEGER,
    exit_code INTEGER,
    result TEXT,
    failure_info TEXT,
    PRIMARY KEY (job_id_key, task_id_key, instance)
  ) STRICT`,
  // A claim's first look: instances handed to this node and not yet sent to it.
  `CREATE INDEX subtasks_node ON subtasks (node_id, delivered)`,
  `CREATE INDEX subtasks_pool ON subtasks (pool_id_key, delivered, state)`,
  // A node waiting for the other instances of a multi-instance task: one per node.
  `CREATE TABLE gang_reservations (
    node_id TEXT PRIMARY KEY REFERENCES nodes (id) ON DELETE CASCADE,
    pool_id_key TEXT NOT NULL,
    job_id_key TEXT NOT NULL,
    task_id_key TEXT NOT NULL,
    reserved_at INTEGER NOT NULL,
    reserved_until INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX gang_reservations_task ON gang_reservations (job_id_key, task_id_key)`,
  // Only multi-instance tasks are in it: ordinary tasks pay nothing for it.
  `CREATE INDEX tasks_gang ON tasks (pool_id_key, state) WHERE unmet_dependencies >= ${gangHold}`,
];

/** Subtasks and node reservations of multi-instance tasks. */
export const multiInstanceTasks = ddlMigration(8, "multi-instance-tasks", statements);
