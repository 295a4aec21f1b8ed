import { ddlMigration } from "../../migration.js";

// Job preparation and release tasks, per (job, node): see the comments in
// postgres/migrations/0004-job-preparations.ts, which has the same statements.
const statements = [
  `CREATE TABLE job_preparations (
    job_id_key TEXT NOT NULL,
    node_id TEXT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
    job_id TEXT NOT NULL,
    pool_id_key TEXT NOT NULL,
    prep_token TEXT,
    prep_state TEXT,
    prep_start INTEGER,
    blocked INTEGER NOT NULL DEFAULT 0,
    prep_info TEXT NOT NULL,
    release_token TEXT,
    release_state TEXT,
    release_spec TEXT,
    release_info TEXT,
    PRIMARY KEY (job_id_key, node_id)
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX job_preparations_release ON job_preparations (node_id, release_state)`,
];

/** Per node state of job preparation and release tasks. */
export const jobPreparations = ddlMigration(4, "job-preparations", statements);
