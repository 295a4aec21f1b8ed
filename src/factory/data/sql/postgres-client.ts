import pg from "pg";
import type { SqlClient, SqlColumn, SqlResult, SqlRows, SqlText } from "./sql-client.js";
import { trimStatement } from "./sql-client.js";
import type { SqlEndpoint } from "./sql-endpoint.js";
import { postgresColumnType } from "./sql-types.js";

// Every value arrives as PostgreSQL's text form: no lossy parsing of numeric, int8 or
// timestamps in JavaScript; DuckDB and the JSON outputs convert from text.
const textTypes = { getTypeParser: () => (value: string) => value };

/** Connects to PostgreSQL; the connection is closed when `signal` aborts. */
export async function connectPostgres(
  endpoint: SqlEndpoint,
  signal: AbortSignal,
): Promise<SqlClient> {
  const client = new pg.Client({
    host: endpoint.host,
    port: endpoint.port,
    database: endpoint.database,
    user: endpoint.user,
    password: endpoint.password,
    ssl: sslOption(endpoint.ssl),
    connectionTimeoutMillis: endpoint.connectTimeoutSeconds * 1000,
    application_name: "sluice",
    types: textTypes as never,
    ...(endpoint.schema === undefined ? {} : { options: `-c search_path=${endpoint.schema}` }),
  });
  // An error after connecting (the server going away) surfaces on the next query.
  client.on("error", () => undefined);
  await client.connect();
  const abort = (): void => void client.end().catch(() => undefined);
  signal.addEventListener("abort", abort, { once: true });
  return new PostgresClient(client, () => signal.removeEventListener("abort", abort));
}

function sslOption(mode: SqlEndpoint["ssl"]): pg.ClientConfig["ssl"] {
  if (mode === "require") return { rejectUnauthorized: false };
  if (mode === "verify") return { rejectUnauthorized: true };
  return false;
}

class PostgresClient implements SqlClient {
  readonly dialect = "postgres" as const;

  constructor(
    private readonly client: pg.Client,
    private readonly detach: () => void,
  ) {}

  quote(identifier: string): string {
    return `"${identifier.replaceAll('"', '""')}"`;
  }

  placeholder(index: number): string {
    return `$${index}`;
  }

  async run(sql: string, params?: readonly unknown[]): Promise<SqlResult[]> {
    const result = (await this.client.query({
      text: sql,
      ...(params === undefined ? {} : { values: params as unknown[] }),
      rowMode: "array",
    })) as unknown as pg.QueryArrayResult | pg.QueryArrayResult[];
    const results = Array.isArray(result) ? result : [result];
    return results.map((one) => {
      const columns = columnsOf(one.fields);
      const returnsRows = one.fields.length > 0;
      return {
        columns,
        rows: one.rows.map((row) => normalise(row, columns)),
        returnsRows,
        affected: returnsRows ? 0 : (one.rowCount ?? 0),
      };
    });
  }

  async *batches(sql: string, batchRows: number): AsyncIterable<SqlRows> {
    // A server-side cursor: FETCH reads the next batch only when the consumer wants it.
    await this.client.query("BEGIN");
    try {
      await this.client.query(`DECLARE sluice_read NO SCROLL CURSOR FOR ${trimStatement(sql)}`);
      for (;;) {
        const [batch] = await this.run(`FETCH FORWARD ${batchRows} FROM sluice_read`);
        if (batch === undefined) return;
        yield batch;
        if (batch.rows.length < batchRows) return;
      }
    } finally {
      await this.client.query("ROLLBACK").catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.detach();
    await this.client.end().catch(() => undefined);
  }
}

function columnsOf(fields: readonly pg.FieldDef[]): SqlColumn[] {
  return fields.map((field) => ({
    name: field.name,
    type: postgresColumnType(field.dataTypeID, field.dataTypeModifier),
  }));
}

function normalise(row: readonly unknown[], columns: readonly SqlColumn[]): SqlText[] {
  return row.map((value, index) => {
    if (value === null || value === undefined) return null;
    const text = String(value);
    // bytea's text form is `\x` and hex digits.
    return columns[index]?.type.duck === "BLOB" && text.startsWith("\\x") ? text.slice(2) : text;
  });
}
