import { ddlMigration } from "../../migration.js";

// Batch's job schedules. postgres/migrations/0006-job-schedules.ts has the same.
const statements = [
  // `spec` holds displayName, schedule, jobSpecification and metadata as the user gave them.
  // `job_count` numbers the schedule's jobs (`<id>:job-<n>`): a job's id comes from the
  // count, so two servers (or a restart) acting on one due time create one job, not two.
  `CREATE TABLE job_schedules (
    id_key TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    state TEXT NOT NULL,
    state_transition_time INTEGER NOT NULL,
    previous_state TEXT,
    previous_state_transition_time INTEGER,
    spec TEXT NOT NULL,
    next_due INTEGER,
    job_count INTEGER NOT NULL,
    recent_job_id TEXT,
    end_time INTEGER,
    etag TEXT NOT NULL,
    last_modified INTEGER NOT NULL,
    creation_time INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX job_schedules_state ON job_schedules (state)`,
];

/** Job schedules. */
export const jobSchedules = ddlMigration(6, "job-schedules", statements);
