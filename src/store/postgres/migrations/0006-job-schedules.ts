import { ddlMigration } from "../../migration.js";

// The same schema change as sqlite/migrations/0006-job-schedules.ts.
const statements = [
  `CREATE TABLE job_schedules (
    id_key TEXT COLLATE "C" PRIMARY KEY,
    id TEXT NOT NULL,
    state TEXT NOT NULL,
    state_transition_time BIGINT NOT NULL,
    previous_state TEXT,
    previous_state_transition_time BIGINT,
    spec JSONB NOT NULL,
    next_due BIGINT,
    job_count INTEGER NOT NULL,
    recent_job_id TEXT,
    end_time BIGINT,
    etag TEXT NOT NULL,
    last_modified BIGINT NOT NULL,
    creation_time BIGINT NOT NULL
  )`,
  `CREATE INDEX job_schedules_state ON job_schedules (state)`,
];

/** Job schedules. */
export const jobSchedules = ddlMigration(6, "job-schedules", statements);
