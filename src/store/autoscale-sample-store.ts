// Autoscale's metric history (migration 7): one sample per pool, metric and sample slot.
import type { Database } from "./database.js";
import { idKey } from "./record-keys.js";

/** One sample: its slot's start (ms since the epoch) and its value. */
export interface StoredSample {
  readonly time: number;
  readonly value: number;
}

/** The samples autoscale formulas read, kept across restarts and shared by servers. */
export interface AutoScaleSampleStore {
  /**
   * Records one sample per metric at `time` (a sample slot's start). A slot already recorded,
   * by this server or another sharing the database, keeps its first value.
   */
  record(poolId: string, time: number, values: Readonly<Record<string, number>>): Promise<void>;
  /** The pool's samples taken at or after `since`, by metric, oldest first. */
  history(poolId: string, since: number): Promise<Map<string, StoredSample[]>>;
  /** Drops every sample taken before `before`; returns how many. */
  prune(before: number): Promise<number>;
  /** Drops every sample of the pool (a new pool reusing a deleted one's id starts afresh). */
  forget(poolId: string): Promise<void>;
}

/** An {@link AutoScaleSampleStore} over `database`. */
export function createAutoScaleSampleStore(database: Database): AutoScaleSampleStore {
  const db = database.db;
  return {
    async record(poolId, time, values) {
      const rows = Object.entries(values).map(([metric, value]) => ({
        pool_id_key: idKey(poolId),
        metric,
        time,
        value,
      }));
      if (rows.length === 0) return;
      await db
        .insertInto("autoscale_samples")
        .values(rows)
        .onConflict((conflict) => conflict.columns(["pool_id_key", "metric", "time"]).doNothing())
        .execute();
    },
    async history(poolId, since) {
      const rows = await db
        .selectFrom("autoscale_samples")
        .select(["metric", "time", "value"])
        .where("pool_id_key", "=", idKey(poolId))
        .where("time", ">=", since)
        .orderBy("metric")
        .orderBy("time")
        .execute();
      const byMetric = new Map<string, StoredSample[]>();
      for (const row of rows) {
        const samples = byMetric.get(row.metric) ?? [];
        samples.push({ time: Number(row.time), value: Number(row.value) });
        byMetric.set(row.metric, samples);
      }
      return byMetric;
    },
    async prune(before) {
      const result = await db
        .deleteFrom("autoscale_samples")
        .where("time", "<", before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async forget(poolId) {
      await db.deleteFrom("autoscale_samples").where("pool_id_key", "=", idKey(poolId)).execute();
    },
  };
}
