import mysql from "mysql2";
import type { SqlClient, SqlColumn, SqlResult, SqlRows, SqlText } from "./sql-client.js";
import type { SqlEndpoint } from "./sql-endpoint.js";
import { mysqlColumnType, type MySqlField } from "./sql-types.js";

/** Connects to MySQL or MariaDB; the connection is destroyed when `signal` aborts. */
export async function connectMySql(endpoint: SqlEndpoint, signal: AbortSignal): Promise<SqlClient> {
  const core = mysql.createConnection({
    host: endpoint.host,
    port: endpoint.port,
    database: endpoint.database,
    user: endpoint.user,
    password: endpoint.password,
    connectTimeout: endpoint.connectTimeoutSeconds * 1000,
    ...(endpoint.ssl === "require" || endpoint.ssl === "verify"
      ? { ssl: { rejectUnauthorized: endpoint.ssl === "verify" } }
      : {}),
    // Scripts (preCopyScript, Script activity) may hold several statements, as in ADF.
    multipleStatements: true,
    // Exact values as text: no JavaScript rounding of DECIMAL, BIGINT or dates.
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    timezone: "Z",
  });
  // An error after connecting (the server going away) surfaces on the next query.
  core.on("error", () => undefined);
  const client = core.promise();
  try {
    await client.connect();
  } catch (error) {
    core.destroy();
    throw error;
  }
  const abort = (): void => core.destroy();
  signal.addEventListener("abort", abort, { once: true });
  return new MySqlClient(core, () => signal.removeEventListener("abort", abort));
}

class MySqlClient implements SqlClient {
  readonly dialect = "mysql" as const;
  private readonly client: ReturnType<mysql.Connection["promise"]>;

  constructor(
    private readonly core: mysql.Connection,
    private readonly detach: () => void,
  ) {
    this.client = core.promise();
  }

  quote(identifier: string): string {
    return `\`${identifier.replaceAll("`", "``")}\``;
  }

  placeholder(): string {
    return "?";
  }

  async run(sql: string, params?: readonly unknown[]): Promise<SqlResult[]> {
    const [rows, fields] = await this.client.query({
      sql,
      ...(params === undefined ? {} : { values: [...params] as NonNullable<unknown>[] }),
      rowsAsArray: true,
    });
    const many =
      Array.isArray(fields) &&
      fields.length > 0 &&
      (Array.isArray(fields[0]) || fields[0] === undefined);
    if (!many) return [resultOf(rows, fields as MySqlField[] | undefined)];
    const sets = rows as unknown[];
    const defs = fields as unknown as (MySqlField[] | undefined)[];
    return sets.map((set, index) => resultOf(set, defs[index]));
  }

  async *batches(sql: string, batchRows: number): AsyncIterable<SqlRows> {
    const query = this.core.query({ sql, rowsAsArray: true });
    let columns: SqlColumn[] = [];
    query.on("fields", (fields: MySqlField[]) => {
      columns = columnsOf(fields);
    });
    // The stream pauses the connection while the consumer works through a batch.
    const stream = query.stream({ highWaterMark: Math.min(batchRows, 1000) });
    let batch: SqlText[][] = [];
    let done = false;
    try {
      for await (const row of stream as AsyncIterable<unknown[]>) {
        batch.push(row.map(textOf));
        if (batch.length >= batchRows) {
          yield { columns, rows: batch };
          batch = [];
        }
      }
      done = true;
    } finally {
      // A reader that stops early leaves the rest of the result on the wire: the
      // connection cannot be used again, so it is dropped.
      if (!done) this.core.destroy();
    }
    yield { columns, rows: batch };
  }

  async close(): Promise<void> {
    this.detach();
    await this.client.end().catch(() => this.core.destroy());
  }
}

function resultOf(rows: unknown, fields: MySqlField[] | undefined): SqlResult {
  if (fields === undefined || !Array.isArray(rows)) {
    const header = rows as { affectedRows?: number } | undefined;
    return { columns: [], rows: [], returnsRows: false, affected: header?.affectedRows ?? 0 };
  }
  return {
    columns: columnsOf(fields),
    rows: (rows as unknown[][]).map((row) => row.map(textOf)),
    returnsRows: true,
    affected: 0,
  };
}

function columnsOf(fields: readonly MySqlField[]): SqlColumn[] {
  return fields.map((field) => ({
    name: (field as { name?: string }).name ?? "",
    type: mysqlColumnType(field),
  }));
}

function textOf(value: unknown): SqlText {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.toString("hex");
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    return String(value);
  }
  return JSON.stringify(value);
}
