import { ddlMigration } from "../../migration.js";

// The same schema change as sqlite/migrations/0007-autoscale-samples.ts.
const statements = [
  `CREATE TABLE autoscale_samples (
    pool_id_key TEXT COLLATE "C" NOT NULL,
    metric TEXT COLLATE "C" NOT NULL,
    time BIGINT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (pool_id_key, metric, time)
  )`,
  // Pruning drops samples past the retention, oldest first.
  `CREATE INDEX autoscale_samples_time ON autoscale_samples (time)`,
];

/** Autoscale samples per pool and metric. */
export const autoscaleSamples = ddlMigration(7, "autoscale-samples", statements);
