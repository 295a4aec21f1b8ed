import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/index.js";
import { createCopyExecutor } from "../../src/factory/activities/copy-activity.js";
import { outputOf } from "../factory-activities/activity-kit.js";
import { copyOf, dataFolders, dataset, duckRows, linkedServices, ref } from "./data-kit.js";
import type { DataFolders } from "./data-kit.js";
import { mysqlStore, num, postgresStore, sqlLinkedService, tableDataset } from "./sql-kit.js";
import type { SqlStore } from "./sql-kit.js";

const engines = [
  ["PostgreSQL (embedded)", postgresStore],
  ["MariaDB (Debian)", mysqlStore],
] as const;

describe.each(engines)("Copy with a SQL store: %s", (_name, start) => {
  let store: SqlStore;
  let folders: DataFolders;
  const defs = () => ({
    linkedServices: [...linkedServices(folders.share), sqlLinkedService(store)],
    datasets: [
      dataset("Csv", "DelimitedText", "Local", { firstRowAsHeader: true }),
      dataset("Parquet", "Parquet", "Local"),
      dataset("Json", "Json", "Local"),
      tableDataset(store),
    ],
  });
  const copy = (input: object, output: object, props: Record<string, unknown> = {}) =>
    createCopyExecutor({
      clock: systemClock,
      localStorageRoot: folders.root,
      tempRoot: folders.temp,
    }).run(copyOf(defs(), input as never, output as never, props));
  const typed = {
    translator: {
      type: "TabularTranslator",
      mappings: [
        { source: { name: "id" }, sink: { name: "id", type: "Int32" } },
        { source: { name: "name" }, sink: { name: "name" } },
        { source: { name: "amount" }, sink: { name: "amount", type: "Decimal" } },
        { source: { name: "day" }, sink: { name: "day", type: "DateTime" } },
      ],
    },
  };
  const people = (table: string) =>
    store
      .query(`SELECT id, name, amount FROM ${table} ORDER BY id`)
      .then((rows) =>
        rows.map((row) => ({ id: num(row.id), name: row.name, amount: num(row.amount) })),
      );

  beforeAll(async () => {
    store = await start();
    folders = await dataFolders();
    const lines = ["id,name,amount,day"];
    for (let i = 1; i <= 5; i++) lines.push(`${i},name ${i},${i}.25,2024-01-0${i} 10:00:00`);
    await folders.put("storage/in/people.csv", `${lines.join("\n")}\n`);
    await folders.put("storage/in/update.csv", "id,name,amount,day\n2,two,22.5,\n9,nine,9.5,\n");
    await folders.put("storage/in/bad.csv", `${lines.join("\n")}\n6,six,not a number,\n`);
    await folders.put(
      "storage/in/long.csv",
      "id,name,amount,day\n1,ok,1,\n2,this name is far too long,2,\n3,fine,3,\n",
    );
    const ts = store.engine === "postgres" ? "timestamp" : "datetime";
    for (const table of ["people", "copy2", "upserted", "narrow"]) {
      const name = table === "narrow" ? "varchar(10)" : "varchar(100)";
      await store.query(
        `CREATE TABLE ${table} (id integer primary key, name ${name}, amount decimal(10,2), day ${ts} NULL)`,
      );
    }
  }, 120_000);
  afterAll(async () => {
    await store?.stop();
    await folders?.remove();
  });

  it("loads CSV into a table with types, then copies the table to Parquet", async () => {
    const load = await copy(
      ref("Csv", { container: "in", file: "people.csv" }),
      ref("Table", { table: "people" }),
      {
        ...typed,
        sink: { preCopyScript: "DELETE FROM people", writeBatchSize: 2 },
      },
    );
    expect(outputOf(load)).toMatchObject({ rowsRead: 5, rowsCopied: 5, filesRead: 1 });
    expect(await people("people")).toEqual(
      [1, 2, 3, 4, 5].map((i) => ({ id: i, name: `name ${i}`, amount: i + 0.25 })),
    );
    const out = await copy(
      ref("Table", { table: "people" }),
      ref("Parquet", { container: "out", file: "people.parquet" }),
    );
    expect(outputOf(out)).toMatchObject({ rowsRead: 5, rowsCopied: 5, filesWritten: 1 });
    const parquet = `${folders.root}/out/people.parquet`;
    const rows = await duckRows(`SELECT id, name, amount, day FROM '${parquet}' ORDER BY id`);
    expect(rows[0]).toMatchObject({ id: 1, name: "name 1", amount: 1.25 });
    const types = await duckRows(`DESCRIBE SELECT * FROM '${parquet}'`);
    expect(types.map((row) => row.column_type)).toEqual([
      "INTEGER",
      "VARCHAR",
      "DECIMAL(10,2)",
      "TIMESTAMP",
    ]);
  });

  it("copies a query's rows to JSON and between tables", async () => {
    const toJson = await copy(ref("Table"), ref("Json", { container: "out", file: "big.json" }), {
      source: { query: "SELECT id, name FROM people WHERE amount > 3 ORDER BY id" },
    });
    expect(outputOf(toJson)).toMatchObject({ rowsCopied: 3 });
    const json = await duckRows(
      `SELECT CAST(id AS INTEGER) AS id, name FROM '${folders.root}/out/big.json' ORDER BY id`,
    );
    expect(json).toEqual([
      { id: 3, name: "name 3" },
      { id: 4, name: "name 4" },
      { id: 5, name: "name 5" },
    ]);
    const between = await copy(ref("Table", { table: "people" }), ref("Table", { table: "copy2" }));
    expect(outputOf(between)).toMatchObject({ rowsRead: 5, rowsCopied: 5 });
    expect(await people("copy2")).toEqual(await people("people"));
  });

  it("upserts on key columns: matching rows change, new rows are added", async () => {
    await copy(
      ref("Csv", { container: "in", file: "people.csv" }),
      ref("Table", { table: "upserted" }),
      typed,
    );
    const upsert =
      store.engine === "postgres"
        ? { writeMethod: "Upsert", upsertSettings: { keys: ["id"] } }
        : { writeBehavior: "upsert", upsertSettings: { keys: ["id"] } };
    const outcome = await copy(
      ref("Csv", { container: "in", file: "update.csv" }),
      ref("Table", { table: "upserted" }),
      { ...typed, sink: upsert },
    );
    expect(outputOf(outcome)).toMatchObject({ rowsCopied: 2 });
    const rows = await people("upserted");
    expect(rows).toHaveLength(6);
    expect(rows.find((row) => row.id === 2)).toEqual({ id: 2, name: "two", amount: 22.5 });
    expect(rows.find((row) => row.id === 9)).toEqual({ id: 9, name: "nine", amount: 9.5 });
  });

  it("commits nothing when a row cannot convert, the preCopyScript included", async () => {
    const before = await people("people");
    const outcome = await copy(
      ref("Csv", { container: "in", file: "bad.csv" }),
      ref("Table", { table: "people" }),
      {
        translator: {
          type: "TabularTranslator",
          mappings: typed.translator.mappings
            .slice(0, 2)
            .concat([{ source: { name: "amount" }, sink: { name: "amount" } }]),
        },
        sink: { preCopyScript: "DELETE FROM people", writeBatchSize: 2 },
      },
    );
    expect(outcome.status).toBe("Failed");
    if (outcome.status === "Failed") {
      expect(outcome.error).toMatchObject({ errorCode: "2200", failureType: "UserError" });
      expect(outcome.error.message).toContain("Failure happened on 'Sink' side");
      expect(outcome.error.message).toContain("ErrorCode=TypeConversionFailure");
    }
    expect(await people("people")).toEqual(before);
  });

  it("commits nothing when the copy is cancelled while it loads", async () => {
    const lines = ["id,name,amount,day"];
    for (let i = 1; i <= 20_000; i++) lines.push(`${i},n${i},1,`);
    await folders.put("storage/in/many.csv", `${lines.join("\n")}\n`);
    await store.query("DELETE FROM copy2");
    const controller = new AbortController();
    const invocation = copyOf(
      defs(),
      ref("Csv", { container: "in", file: "many.csv" }) as never,
      ref("Table", { table: "copy2" }) as never,
      { ...typed, sink: { writeBatchSize: 100 } },
      { signal: controller.signal },
    );
    // Cancel once the copy reports rows written (its progress), mid-load.
    const reportProgress = invocation.reportProgress.bind(invocation);
    const running = createCopyExecutor({
      clock: systemClock,
      localStorageRoot: folders.root,
      tempRoot: folders.temp,
      progressIntervalMs: 0,
    }).run({
      ...invocation,
      async reportProgress(progress) {
        await reportProgress(progress);
        if (((progress as { rowsCopied?: number }).rowsCopied ?? 0) > 0) {
          controller.abort("cancelled");
        }
      },
    });
    const outcome = await running;
    expect(outcome.status).toBe("Failed");
    expect(controller.signal.aborted).toBe(true);
    expect(await store.query("SELECT count(*) AS n FROM copy2")).toEqual([
      { n: expect.anything() },
    ]);
    expect(num((await store.query("SELECT count(*) AS n FROM copy2"))[0]?.n)).toBe(0);
  });

  it("skips the rows the database refuses when enableSkipIncompatibleRow is on", async () => {
    const outcome = await copy(
      ref("Csv", { container: "in", file: "long.csv" }),
      ref("Table", { table: "narrow" }),
      {
        ...typed,
        enableSkipIncompatibleRow: true,
        redirectIncompatibleRowSettings: {
          linkedServiceName: { referenceName: "Local", type: "LinkedServiceReference" },
          path: "logs/skipped",
        },
      },
    );
    const output = outputOf(outcome);
    expect(output).toMatchObject({ rowsRead: 3, rowsCopied: 2, rowsSkipped: 1 });
    expect((await people("narrow")).map((row) => row.id)).toEqual([1, 3]);
    const log = await readFile(
      join(folders.root, String(output.redirectRowPath), "incompatiblerows.csv"),
      "utf8",
    );
    expect(log).toContain("TabularRowSkip");
    expect(log).toContain("this name is far too long");
  });
});
