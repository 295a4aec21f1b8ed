import { describe, expect, it } from "vitest";
import { bindScript } from "./script-parameters.js";
import { sqlEndpointOf } from "./sql-endpoint.js";
import { jsonRow } from "./sql-json.js";
import { sqlSinkSettingsOf } from "./sql-sink-settings.js";
import { mysqlColumnType, postgresColumnType } from "./sql-types.js";

const service = (type: string, typeProperties: Record<string, unknown>) => ({
  name: "Db",
  type,
  properties: { type, typeProperties },
  typeProperties,
});

describe("SQL linked services", () => {
  it("reads ADF's newer properties and its connection strings", () => {
    expect(
      sqlEndpointOf(
        service("PostgreSqlV2", {
          server: "db.local:6543",
          database: "sales",
          username: "ada",
          password: { type: "SecureString", value: "pw" },
          sslMode: 3,
        }),
      ),
    ).toMatchObject({
      dialect: "postgres",
      host: "db.local",
      port: 6543,
      user: "ada",
      password: "pw",
      ssl: "require",
    });
    expect(
      sqlEndpointOf(
        service("AzurePostgreSql", {
          connectionString: "host=pg;database=d;port=5433;uid=u;password=p;EncryptionMethod=0",
        }),
      ),
    ).toMatchObject({ host: "pg", port: 5433, database: "d", user: "u", password: "p" });
    expect(
      sqlEndpointOf(
        service("AzureMySql", {
          connectionString: "Server=my;Port=3307;Database=d;UID=u;SSLMode=2",
          password: { type: "SecureString", value: "sep" },
        }),
      ),
    ).toMatchObject({ dialect: "mysql", port: 3307, password: "sep", ssl: "require" });
  });

  it("names a missing property and never the password", () => {
    const attempt = () =>
      sqlEndpointOf(service("MySql", { connectionString: "Server=my;PWD=hunter2;Database=d" }));
    expect(attempt).toThrow(/typeProperties\.username is missing/u);
    expect(attempt).not.toThrow(/hunter2/u);
  });
});

describe("Script parameters", () => {
  const params = [
    { name: "id", type: "Int32", value: 7 },
    { name: "@Note", type: "String", value: "x" },
  ];

  it("binds @name outside strings and comments, once per name on PostgreSQL", () => {
    const text =
      "SELECT @id, @note, @id, '@id', \"@id\" -- @id\n/* @note */ FROM t WHERE @other = 1";
    expect(bindScript(text, params, "postgres", "p")).toEqual({
      text: "SELECT $1, $2, $1, '@id', \"@id\" -- @id\n/* @note */ FROM t WHERE @other = 1",
      values: [7, "x"],
    });
    expect(bindScript("SELECT @id, @id", params, "mysql", "p")).toEqual({
      text: "SELECT ?, ?",
      values: [7, 7],
    });
    expect(bindScript("SELECT 1; SELECT 2", undefined, "mysql", "p")).toEqual({
      text: "SELECT 1; SELECT 2",
    });
  });

  it("refuses output parameters, naming the field", () => {
    expect(() =>
      bindScript(
        "SELECT 1",
        [{ name: "out", direction: "Output" }],
        "postgres",
        "scripts[0].parameters",
      ),
    ).toThrow(/scripts\[0\]\.parameters\[0\]\.direction 'Output'/u);
  });
});

describe("SQL values and settings", () => {
  it("shows values as ADF's outputs do", () => {
    const columns = [
      { name: "i", type: postgresColumnType(20, -1) },
      { name: "big", type: postgresColumnType(20, -1) },
      { name: "d", type: postgresColumnType(1700, ((10 << 16) | 2) + 4) },
      { name: "b", type: postgresColumnType(16, -1) },
      { name: "t", type: postgresColumnType(1114, -1) },
      { name: "tz", type: postgresColumnType(1184, -1) },
      {
        name: "bin",
        type: mysqlColumnType({ columnType: 252, flags: 128, characterSet: 63, decimals: 0 }),
      },
    ];
    expect(columns[2]?.type.duck).toBe("DECIMAL(10, 2)");
    expect(
      jsonRow(columns, [
        "42",
        "9007199254740993",
        "1.50",
        "t",
        "2024-01-02 03:04:05",
        "2024-01-02 03:04:05+02",
        "ff00",
      ]),
    ).toEqual({
      i: 42,
      big: "9007199254740993",
      d: 1.5,
      b: true,
      t: "2024-01-02T03:04:05",
      tz: "2024-01-02T01:04:05Z",
      bin: "/wA=",
    });
  });

  it("reads sink write settings with ADF's names and defaults", () => {
    expect(sqlSinkSettingsOf({}, "postgres")).toEqual({ writeBatchSize: 1_000_000 });
    expect(sqlSinkSettingsOf({}, "mysql")).toEqual({ writeBatchSize: 10_000 });
    expect(
      sqlSinkSettingsOf(
        { writeMethod: "Upsert", upsertSettings: { keys: ["id"] }, preCopyScript: "x" },
        "postgres",
      ),
    ).toEqual({ writeBatchSize: 1_000_000, upsertKeys: ["id"], preCopyScript: "x" });
    expect(() => sqlSinkSettingsOf({ writeBatchSize: 0 }, "mysql")).toThrow(
      /sink\.writeBatchSize/u,
    );
    expect(() => sqlSinkSettingsOf({ writeMethod: "Merge" }, "mysql")).toThrow(
      /CopyCommand, BulkInsert, Upsert/u,
    );
  });
});
