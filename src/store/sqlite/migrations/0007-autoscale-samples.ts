import { ddlMigration } from "../../migration.js";

// Autoscale's metric history. postgres/migrations/0007-autoscale-samples.ts has the same.
const statements = [
  // One sample per pool, metric and sample slot (time rounded down to the sample period), so
  // servers sharing the database record each slot once. No foreign key to pools: samples of
  // a deleted pool are dropped with the old ones.
  `CREATE TABLE autoscale_samples (
    pool_id_key TEXT NOT NULL,
    metric TEXT NOT NULL,
    time INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (pool_id_key, metric, time)
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX autoscale_samples_time ON autoscale_samples (time)`,
];

/** Autoscale samples per pool and metric. */
export const autoscaleSamples = ddlMigration(7, "autoscale-samples", statements);
