// What the SQL store suites share: a private database on the run's PostgreSQL server, a
// private MariaDB, linked services and table datasets over them, and a way to query them.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import type { JsonObject } from "../../src/core/index.js";
import type { NamedDefinition } from "../../src/factory/index.js";
import { startMariaDb, type TestMariaDb } from "../support/mariadb.js";

/** A database the tests own, on one of the two engines. */
export interface SqlStore {
  readonly engine: "postgres" | "mysql";
  /** Linked service type and dataset type used for this engine. */
  readonly linkedServiceType: string;
  readonly datasetType: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  /** Runs SQL (several statements allowed without values) and gives the rows as objects. */
  query(sql: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

/** A fresh database on the run's embedded PostgreSQL (see postgres-global-setup.ts). */
export async function postgresStore(): Promise<SqlStore> {
  const admin = new URL(inject("sluicePgAdminUrl"));
  const name = `sluice_sql_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE ${name}`);
  await adminClient.end();
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    engine: "postgres",
    linkedServiceType: "AzurePostgreSql",
    datasetType: "AzurePostgreSqlTable",
    host: url.hostname,
    port: Number(url.port),
    database: name,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    async query(sql, values) {
      const result = (await client.query(sql, values)) as unknown as
        pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return (last?.rows ?? []) as Record<string, unknown>[];
    },
    async stop() {
      await client.end();
      const cleanup = new pg.Client({ connectionString: admin.toString() });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** A private MariaDB (Debian's mariadb-server) for this test file. */
export async function mysqlStore(): Promise<SqlStore> {
  const server: TestMariaDb = await startMariaDb();
  return {
    engine: "mysql",
    linkedServiceType: "AzureMySql",
    datasetType: "AzureMySqlTable",
    host: server.host,
    port: server.port,
    database: server.database,
    user: server.user,
    password: server.password,
    async query(sql, values) {
      const rows = await server.query(sql, values);
      if (!Array.isArray(rows)) return [];
      const last = rows.length > 0 && Array.isArray(rows[rows.length - 1]) ? rows.at(-1) : rows;
      return last as Record<string, unknown>[];
    },
    stop: () => server.stop(),
  };
}

/**
 * The linked service `Sql` for a store: PostgreSQL with the newer properties (server, port,
 * database, username, SecureString password); MySQL with a connection string and a
 * separate SecureString password, as ADF's AzureMySql does.
 */
export function sqlLinkedService(
  store: SqlStore,
  overrides: { name?: string; password?: string; port?: number } = {},
): NamedDefinition {
  const password = overrides.password ?? store.password;
  const port = overrides.port ?? store.port;
  const typeProperties: JsonObject =
    store.engine === "postgres"
      ? {
          server: store.host,
          port,
          database: store.database,
          username: store.user,
          password: { type: "SecureString", value: password },
          sslMode: 0,
        }
      : {
          connectionString: `Server=${store.host};Port=${port};Database=${store.database};UID=${store.user};SSLMode=0`,
          password: { type: "SecureString", value: password },
        };
  return {
    name: overrides.name ?? "Sql",
    properties: { type: store.linkedServiceType, typeProperties },
  };
}

/** A table dataset `name` on linked service `service`, its table a parameter `table`. */
export function tableDataset(store: SqlStore, name = "Table", service = "Sql"): NamedDefinition {
  return {
    name,
    properties: {
      type: store.datasetType,
      linkedServiceName: { referenceName: service, type: "LinkedServiceReference" },
      parameters: { table: { type: "String", defaultValue: "" } },
      typeProperties:
        store.engine === "postgres"
          ? { schema: "public", table: "@dataset().table" }
          : { tableName: "@dataset().table" },
    },
  };
}

/** Numbers as the drivers return them (pg: text for numeric/int8; MySQL: strings for DECIMAL). */
export function num(value: unknown): number {
  return Number(value);
}
