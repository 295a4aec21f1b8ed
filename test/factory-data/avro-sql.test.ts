import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/index.js";
import { createCopyExecutor } from "../../src/factory/activities/copy-activity.js";
import { outputOf } from "../factory-activities/activity-kit.js";
import { copyOf, dataFolders, dataset, duckRows, linkedServices, ref } from "./data-kit.js";
import type { DataFolders } from "./data-kit.js";
import { num, postgresStore, sqlLinkedService, tableDataset } from "./sql-kit.js";
import type { SqlStore } from "./sql-kit.js";

describe("Avro with a SQL store (embedded PostgreSQL)", () => {
  let store: SqlStore;
  let folders: DataFolders;
  const defs = () => ({
    linkedServices: [...linkedServices(folders.share), sqlLinkedService(store)],
    datasets: [
      dataset("Csv", "DelimitedText", "Local", { firstRowAsHeader: true }),
      dataset("Avro", "Avro", "Local", { avroCompressionCodec: "deflate" }),
      tableDataset(store),
    ],
  });
  const copy = (input: object, output: object, props: Record<string, unknown> = {}) =>
    createCopyExecutor({
      clock: systemClock,
      localStorageRoot: folders.root,
      tempRoot: folders.temp,
    }).run(copyOf(defs(), input as never, output as never, props));

  beforeAll(async () => {
    store = await postgresStore();
    folders = await dataFolders();
    await folders.put("storage/in/people.csv", "id,name,amount\n1,Ann,1.25\n2,,-3.50\n");
    await store.query(
      "CREATE TABLE people (id integer primary key, name varchar(50), amount decimal(10,2))",
    );
  }, 120_000);
  afterAll(async () => {
    await store?.stop();
    await folders?.remove();
  });

  it("writes a table as Avro and loads Avro into a table", async () => {
    await copy(
      ref("Csv", { container: "in", file: "people.csv" }),
      ref("Avro", { container: "in", file: "people.avro" }),
      {
        translator: {
          mappings: [
            { source: { name: "id" }, sink: { name: "id", type: "Int32" } },
            { source: { name: "name" }, sink: { name: "name" } },
            {
              source: { name: "amount" },
              sink: { name: "amount", type: "Decimal", precision: 10, scale: 2 },
            },
          ],
        },
      },
    );
    const load = await copy(
      ref("Avro", { container: "in", file: "people.avro" }),
      ref("Table", { table: "people" }),
    );
    expect(outputOf(load)).toMatchObject({ rowsRead: 2, rowsCopied: 2 });
    const rows = await store.query("SELECT id, name, amount FROM people ORDER BY id");
    expect(rows.map((r) => ({ id: num(r.id), name: r.name, amount: num(r.amount) }))).toEqual([
      { id: 1, name: "Ann", amount: 1.25 },
      { id: 2, name: null, amount: -3.5 },
    ]);
    const out = await copy(
      ref("Table", { table: "people" }),
      ref("Avro", { container: "out", file: "people.avro" }),
    );
    expect(outputOf(out)).toMatchObject({ rowsCopied: 2, filesWritten: 1 });
    // Read back through Sluice itself: Avro -> CSV.
    await copy(
      ref("Avro", { container: "out", file: "people.avro" }),
      ref("Csv", { container: "out", file: "people.csv" }),
    );
    const csv = await duckRows(
      `SELECT * FROM read_csv('${join(folders.root, "out/people.csv")}', all_varchar = true)`,
    );
    expect(csv).toEqual([
      { id: "1", name: "Ann", amount: "1.25" },
      { id: "2", name: null, amount: "-3.50" },
    ]);
  });
});
