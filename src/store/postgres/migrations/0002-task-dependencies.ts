import { ddlMigration } from "../../migration.js";

// The same schema change as sqlite/migrations/0002-task-dependencies.ts.
const statements = [
  // 1 once the task completed with dependencyAction "satisfy": a task added later that
  // depends on it starts with that dependency already met.
  `ALTER TABLE tasks ADD COLUMN satisfies_dependents INTEGER NOT NULL DEFAULT 0`,
  // One edge per (task, dependency). Edges name the dependency by id, not by row: Batch
  // lets a task depend on one not added yet. `satisfied` makes a release count once.
  `CREATE TABLE task_dependencies (
    job_id_key TEXT COLLATE "C" NOT NULL,
    task_id_key TEXT COLLATE "C" NOT NULL,
    depends_on_id_key TEXT COLLATE "C" NOT NULL,
    satisfied INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id_key, task_id_key, depends_on_id_key),
    FOREIGN KEY (job_id_key, task_id_key) REFERENCES tasks (job_id_key, id_key) ON DELETE CASCADE
  )`,
  `CREATE INDEX task_dependencies_depends_on ON task_dependencies (job_id_key, depends_on_id_key, satisfied)`,
  // Claiming asks, job by job, for the oldest ready tasks: one exact index range per job.
  `DROP INDEX tasks_claim`,
  `CREATE INDEX tasks_claim ON tasks (job_id_key, state, unmet_dependencies, pk)`,
  `CREATE INDEX tasks_job_order ON tasks (job_id_key, pk)`,
  `CREATE INDEX tasks_node_state ON tasks (node_id, state)`,
  `CREATE INDEX tasks_lease ON tasks (lease_expiry)`,
  `ALTER TABLE nodes DROP COLUMN running_tasks_count`,
  `ALTER TABLE nodes DROP COLUMN running_task_slots_count`,
  `CREATE INDEX nodes_heartbeat ON nodes (heartbeat_expiry)`,
];

/** Task dependencies and the claim, lease and listing indexes. */
export const taskDependencies = ddlMigration(2, "task-dependencies", statements);
