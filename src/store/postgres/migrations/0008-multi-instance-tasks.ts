import { ddlMigration } from "../../migration.js";
import { gangHold } from "../../gang-hold.js";

// The same schema change as sqlite/migrations/0008-multi-instance-tasks.ts.
const statements = [
  `CREATE TABLE subtasks (
    job_id_key TEXT COLLATE "C" NOT NULL REFERENCES jobs (id_key) ON DELETE CASCADE,
    task_id_key TEXT COLLATE "C" NOT NULL,
    instance INTEGER NOT NULL,
    pool_id_key TEXT COLLATE "C" NOT NULL,
    run_token TEXT NOT NULL,
    node_id TEXT NOT NULL,
    delivered INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    state_transition_time BIGINT NOT NULL,
    previous_state TEXT,
    previous_state_transition_time BIGINT,
    coordination TEXT,
    start_time BIGINT NOT NULL,
    end_time BIGINT,
    exit_code INTEGER,
    result TEXT,
    failure_info JSONB,
    PRIMARY KEY (job_id_key, task_id_key, instance)
  )`,
  `CREATE INDEX subtasks_node ON subtasks (node_id, delivered)`,
  `CREATE INDEX subtasks_pool ON subtasks (pool_id_key, delivered, state)`,
  `CREATE TABLE gang_reservations (
    node_id TEXT PRIMARY KEY REFERENCES nodes (id) ON DELETE CASCADE,
    pool_id_key TEXT COLLATE "C" NOT NULL,
    job_id_key TEXT COLLATE "C" NOT NULL,
    task_id_key TEXT COLLATE "C" NOT NULL,
    reserved_at BIGINT NOT NULL,
    reserved_until BIGINT NOT NULL
  )`,
  `CREATE INDEX gang_reservations_task ON gang_reservations (job_id_key, task_id_key)`,
  `CREATE INDEX tasks_gang ON tasks (pool_id_key, state) WHERE unmet_dependencies >= ${gangHold}`,
];

/** Subtasks and node reservations of multi-instance tasks. */
export const multiInstanceTasks = ddlMigration(8, "multi-instance-tasks", statements);
