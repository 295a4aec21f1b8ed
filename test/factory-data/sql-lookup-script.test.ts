import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/core/index.js";
import { createGetMetadataExecutor } from "../../src/factory/activities/get-metadata-activity.js";
import { createLookupExecutor } from "../../src/factory/activities/lookup-activity.js";
import { createScriptExecutor } from "../../src/factory/activities/script-activity.js";
import { invocationOf, outputOf, resourcesOf } from "../factory-activities/activity-kit.js";
import { ref } from "./data-kit.js";
import { mysqlStore, postgresStore, sqlLinkedService, tableDataset } from "./sql-kit.js";
import type { SqlStore } from "./sql-kit.js";

const engines = [
  ["PostgreSQL (embedded)", postgresStore],
  ["MariaDB (Debian)", mysqlStore],
] as const;

describe.each(engines)("Lookup and Script on a SQL store: %s", (_name, start) => {
  let store: SqlStore;
  const resources = () =>
    resourcesOf({ linkedServices: [sqlLinkedService(store)], datasets: [tableDataset(store)] });
  const lookup = (params: Record<string, string>, extra: Record<string, unknown> = {}) =>
    createLookupExecutor({}).run(
      invocationOf(
        "Lookup",
        { dataset: ref("Table", params), ...extra },
        { resources: resources() },
      ),
    );
  const script = (scripts: unknown[]) => {
    const invocation = invocationOf("Script", { scripts }, { resources: resources() });
    return createScriptExecutor().run({
      ...invocation,
      activity: {
        ...invocation.activity,
        linkedServiceName: { referenceName: "Sql", type: "LinkedServiceReference" },
      },
    });
  };

  beforeAll(async () => {
    store = await start();
    const ts = store.engine === "postgres" ? "timestamp" : "datetime";
    await store.query(
      `CREATE TABLE watermark (name varchar(20), at ${ts}, n bigint, price decimal(10,2), ok ${store.engine === "postgres" ? "boolean" : "tinyint"})`,
    );
    await store.query(
      `INSERT INTO watermark VALUES ('orders', '2024-03-01 12:30:00', 9007199254740993, 12.5, ${store.engine === "postgres" ? "true" : "1"}), ('items', NULL, 2, 0.1, NULL)`,
    );
    await store.query("CREATE TABLE many (n integer)");
    const values = Array.from({ length: 6000 }, (_, i) => `(${i})`).join(",");
    await store.query(`INSERT INTO many VALUES ${values}`);
  }, 120_000);
  afterAll(() => store?.stop());

  it("gives the first row of the table, typed as ADF shows it", async () => {
    const first = outputOf(await lookup({ table: "watermark" }));
    expect(first).toEqual({
      firstRow: {
        name: "orders",
        at: "2024-03-01T12:30:00",
        n: "9007199254740993",
        price: 12.5,
        ok: store.engine === "postgres" ? true : 1,
      },
    });
  });

  it("gives GetMetadata structure and columnCount of a table, and exists", async () => {
    const metadata = (table: string, fieldList: string[]) =>
      createGetMetadataExecutor({}).run(
        invocationOf(
          "GetMetadata",
          { dataset: ref("Table", { table }), fieldList },
          { resources: resources() },
        ),
      );
    expect(outputOf(await metadata("watermark", ["columnCount", "structure", "exists"]))).toEqual({
      columnCount: 5,
      structure: [
        { name: "name", type: "String" },
        { name: "at", type: "DateTime" },
        { name: "n", type: "Int64" },
        { name: "price", type: "Decimal" },
        { name: "ok", type: store.engine === "postgres" ? "Boolean" : "Int16" },
      ],
      exists: true,
    });
    expect(outputOf(await metadata("missing_table", ["exists"]))).toEqual({ exists: false });
    const missing = await metadata("missing_table", ["structure"]);
    expect(missing.status === "Failed" && missing.error.message).toContain("SqlOperationFailed");
  });

  it("connects with the other linked service and dataset types of the engine", async () => {
    const other: JsonObject =
      store.engine === "postgres"
        ? {
            type: "PostgreSql",
            typeProperties: {
              connectionString: `host=${store.host};port=${store.port};database=${store.database};uid=${store.user};password=${store.password}`,
            },
          }
        : {
            type: "MySql",
            typeProperties: {
              server: store.host,
              port: store.port,
              database: store.database,
              username: store.user,
              password: store.password,
              sslMode: "DISABLED",
            },
          };
    const dataset = {
      name: "Legacy",
      properties: {
        type: store.engine === "postgres" ? "PostgreSqlTable" : "MySqlTable",
        linkedServiceName: { referenceName: "Other", type: "LinkedServiceReference" },
        typeProperties: { tableName: "watermark" },
      },
    };
    const outcome = await createLookupExecutor({}).run(
      invocationOf(
        "Lookup",
        { dataset: ref("Legacy"), firstRowOnly: false },
        {
          resources: resourcesOf({
            linkedServices: [{ name: "Other", properties: other }],
            datasets: [dataset],
          }),
        },
      ),
    );
    expect(outputOf(outcome)).toMatchObject({ count: 2 });
  });

  it("runs a query and keeps at most 5,000 rows", async () => {
    const all = outputOf(
      await lookup({}, { source: { query: "SELECT n FROM many ORDER BY n" }, firstRowOnly: false }),
    );
    expect(all.count).toBe(5000);
    expect((all.value as unknown[])[4999]).toEqual({ n: 4999 });
    const none = outputOf(
      await lookup({}, { source: { query: "SELECT n FROM many WHERE n < 0" } }),
    );
    expect(none).toEqual({});
  });

  it("runs scripts: DDL and DML as NonQuery, parameters, result sets", async () => {
    const outcome = await script([
      { type: "NonQuery", text: "CREATE TABLE audit (id integer, note varchar(50))" },
      {
        type: "NonQuery",
        text: "INSERT INTO audit VALUES (@id, @note), (2, '@note stays text')",
        parameters: [
          { name: "id", type: "Int32", value: 1, direction: "Input" },
          { name: "note", type: "String", value: "first", direction: "Input" },
        ],
      },
      { type: "Query", text: "SELECT id, note FROM audit ORDER BY id" },
    ]);
    expect(outputOf(outcome)).toEqual({
      resultSetCount: 1,
      resultSets: [
        {
          rowCount: 2,
          rows: [
            { id: 1, note: "first" },
            { id: 2, note: "@note stays text" },
          ],
        },
      ],
      recordsAffected: 2,
    });
  });

  it("truncates Script output past 5,000 rows", async () => {
    const outcome = outputOf(await script([{ type: "Query", text: "SELECT n FROM many" }]));
    expect(outcome).toMatchObject({ resultSetCount: 1, outputTruncated: true });
    const [set] = outcome.resultSets as { rowCount: number; rows: unknown[] }[];
    expect(set?.rowCount).toBe(6000);
    expect(set?.rows).toHaveLength(5000);
  });

  it("fails bad SQL with ADF's SqlOperationFailed, in Lookup and Script", async () => {
    const failed = await script([{ type: "Query", text: "SELECT * FROM no_such_table" }]);
    expect(failed.status).toBe("Failed");
    if (failed.status === "Failed") {
      expect(failed.error).toMatchObject({
        errorCode: "SqlOperationFailed",
        failureType: "UserError",
      });
      expect(failed.error.message).toContain("no_such_table");
    }
    const lookedUp = await lookup({}, { source: { query: "SELEC 1" } });
    expect(lookedUp.status).toBe("Failed");
    if (lookedUp.status === "Failed") {
      expect(lookedUp.error.errorCode).toBe("2200");
      expect(lookedUp.error.message).toContain("ErrorCode=SqlOperationFailed");
    }
  });
});
