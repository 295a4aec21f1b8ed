import { ddlMigration } from "../../migration.js";

// The same schema change as sqlite/migrations/0004-job-preparations.ts.
const statements = [
  // One row per job and node that was handed the job's preparation task. No foreign key to
  // jobs: a deleted job's release tasks still run (Batch runs them on delete too). A removed
  // node takes its rows with it: nothing is left to prepare or release there.
  `CREATE TABLE job_preparations (
    job_id_key TEXT COLLATE "C" NOT NULL,
    node_id TEXT COLLATE "C" NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
    job_id TEXT NOT NULL,
    pool_id_key TEXT COLLATE "C" NOT NULL,
    prep_token TEXT,
    prep_state TEXT,
    prep_start BIGINT,
    blocked INTEGER NOT NULL DEFAULT 0,
    prep_info JSONB NOT NULL,
    release_token TEXT,
    release_state TEXT,
    release_spec JSONB,
    release_info JSONB,
    PRIMARY KEY (job_id_key, node_id)
  )`,
  // A node's release tasks to hand out, at each heartbeat.
  `CREATE INDEX job_preparations_release ON job_preparations (node_id, release_state)`,
];

/** Per node state of job preparation and release tasks. */
export const jobPreparations = ddlMigration(4, "job-preparations", statements);
