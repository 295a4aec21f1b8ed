// The csv-to-parquet-to-postgres example, deployed from its folder as `sluice up` would and
// run by the engine with the built-in executors: raw CSV files land in the lake, become one
// Parquet file, load into embedded PostgreSQL and are summarised there.
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemClock, systemRandom } from "../../src/core/index.js";
import {
  createBuiltinExecutors,
  createFactoryService,
  createWebhookCallbacks,
  loadFactory,
  type PipelineEngine,
} from "../../src/factory/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { activityRuns, clearFactories, runToEnd, startEngine } from "../factory-run/engine-kit.js";
import { duckRows } from "./data-kit.js";
import { num, postgresStore, type SqlStore } from "./sql-kit.js";

const example = new URL("../../examples/csv-to-parquet-to-postgres", import.meta.url).pathname;

describeEachDialect("the csv-to-parquet-to-postgres example", (target) => {
  let database: Database;
  let engine: PipelineEngine;
  let store: SqlStore;
  let storage = "";

  beforeAll(async () => {
    database = await target.open();
    await clearFactories(database);
    store = await postgresStore();
    storage = await mkdtemp(join(tmpdir(), "sluice-example-storage-"));
    await cp(join(example, "storage"), storage, { recursive: true });
    const definition = await loadFactory(example);
    await createFactoryService({ database }).deploy(definition, { factory: "example" });
    const executors = createBuiltinExecutors({
      clock: systemClock,
      random: systemRandom,
      callbacks: createWebhookCallbacks(),
      callbackBaseUrl: "http://127.0.0.1:1",
      localStorageRoot: storage,
    });
    ({ engine } = startEngine(database, { executors }));
  }, 120_000);
  afterAll(async () => {
    await engine?.stop();
    await store?.stop();
    await rm(storage, { recursive: true, force: true });
  });

  it("lands, converts and loads the orders, and summarises them by region", async () => {
    const parameters = {
      postgresServer: store.host,
      postgresPort: store.port,
      postgresDatabase: store.database,
      postgresUser: store.user,
      postgresPassword: store.password,
    };
    const run = await runToEnd(engine, "example", "csv-to-parquet-to-postgres", parameters);
    const activities = await activityRuns(database, run.runId);
    expect(run.status, JSON.stringify(activities.map((a) => [a.activityName, a.error]))).toBe(
      "Succeeded",
    );
    expect(activities.map((a) => a.activityName)).toEqual([
      "Land raw files",
      "Convert to Parquet",
      "Prepare tables",
      "Load orders",
      "Summarise by region",
    ]);

    // The raw files landed unchanged; the Parquet file holds every order, typed.
    const landed = await readdir(join(storage, "lake", "raw", "orders"));
    expect(landed.sort()).toEqual(await readdir(join(example, "storage", "incoming", "orders")));
    const parquet = join(storage, "lake", "curated", "orders", "orders.parquet");
    const types = await duckRows(`DESCRIBE SELECT * FROM '${parquet}'`);
    expect(types.map((row) => row.column_type)).toEqual([
      "INTEGER",
      "TIMESTAMP",
      "VARCHAR",
      "VARCHAR",
      "INTEGER",
      "DECIMAL(10,2)",
    ]);

    // The summary equals the totals computed here from the example's CSV files.
    const expected = new Map<string, { orders: number; revenue: number }>();
    for (const file of landed) {
      const text = await readFile(join(storage, "lake", "raw", "orders", file), "utf8");
      for (const line of text.trim().split(/\r?\n/u).slice(1)) {
        const [, , region = "", , quantity = "0", price = "0"] = line.split(",");
        const entry = expected.get(region) ?? { orders: 0, revenue: 0 };
        entry.orders += 1;
        entry.revenue += Number(quantity) * Number(price);
        expected.set(region, entry);
      }
    }
    const summary = await store.query(
      "SELECT region, orders, revenue FROM region_summary ORDER BY region",
    );
    expect(
      summary.map((row) => ({
        region: row.region,
        orders: num(row.orders),
        revenue: num(row.revenue),
      })),
    ).toEqual(
      [...expected.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([region, value]) => ({
          region,
          orders: value.orders,
          revenue: Math.round(value.revenue * 100) / 100,
        })),
    );
    expect(await store.query("SELECT count(*)::int AS n FROM orders_staging")).toEqual([{ n: 24 }]);

    // The Copy into PostgreSQL reports its rows, and the last Script its result set.
    const load = activities.find((a) => a.activityName === "Load orders");
    expect(load?.output).toMatchObject({ rowsRead: 24, rowsCopied: 24, filesRead: 1 });
    const summarise = activities.find((a) => a.activityName === "Summarise by region");
    expect(summarise?.output).toMatchObject({ resultSetCount: 1, recordsAffected: expected.size });
  });
});
