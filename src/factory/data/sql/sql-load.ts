import { SluiceError } from "../../../core/index.js";
import type { DuckSession } from "../duckdb-session.js";
import { sqlIdent } from "../sql-text.js";
import type { SkippedRow } from "../tabular-copy.js";
import type { SqlClient } from "./sql-client.js";
import { statementError } from "./sql-error.js";
import type { SqlSinkSettings } from "./sql-sink-settings.js";
import { SqlWriter, type WriteTarget } from "./sql-writer.js";

/** A sink column: its name and DuckDB type in the mapped relation. */
export interface LoadColumn {
  readonly name: string;
  readonly duck: string;
}

/** Rows of a DuckDB relation bound for a SQL table. */
export interface SqlLoadRequest {
  readonly session: DuckSession;
  /** `SELECT <sink columns> FROM <relation> [WHERE ...]`: the rows to write. */
  readonly select: string;
  readonly columns: readonly LoadColumn[];
  readonly client: SqlClient;
  readonly password: string;
  /** The table as SQL text. */
  readonly table: string;
  readonly settings: SqlSinkSettings;
  readonly skipIncompatibleRows: boolean;
  readonly maxLoggedRows: number;
  readonly onRows: (rows: number) => void;
}

/** What a load wrote and skipped. */
export interface SqlLoadResult {
  readonly rowsWritten: number;
  readonly rowsSkipped: number;
  readonly bytesWritten: number;
  readonly skipped: readonly SkippedRow[];
}

// A statement's parameters stay well under PostgreSQL's 65,535 and MySQL's packet size.
const maxParameters = 30_000;
const maxStatementRows = 1000;

/**
 * Writes the rows in one transaction: `preCopyScript`, then INSERTs (or upserts) of
 * `writeBatchSize` rows at most, read from DuckDB a chunk at a time; COMMIT only when every
 * row is written, so a failed copy leaves the table as it was. With
 * `enableSkipIncompatibleRow`, a statement that fails is retried row by row (each under a
 * savepoint) and the rows the database refuses are skipped and logged.
 */
export async function loadIntoSql(request: SqlLoadRequest): Promise<SqlLoadResult> {
  const { client } = request;
  await run(client, client.dialect === "postgres" ? "BEGIN" : "START TRANSACTION", request);
  try {
    if (request.settings.preCopyScript !== undefined) {
      await run(client, request.settings.preCopyScript, request);
    }
    const target = await writeTarget(request);
    const writer = new SqlWriter(client, target, {
      skip: request.skipIncompatibleRows,
      maxLoggedRows: request.maxLoggedRows,
      password: request.password,
    });
    await writer.prepare();
    const perStatement = Math.max(
      1,
      Math.min(
        request.settings.writeBatchSize,
        maxStatementRows,
        Math.floor(maxParameters / Math.max(request.columns.length, 1)),
      ),
    );
    let pending: (string | Buffer | null)[][] = [];
    for await (const chunk of request.session.chunks(loadSelect(request))) {
      for (const row of chunk) {
        pending.push(paramsOf(row, request.columns, client));
        if (pending.length >= perStatement) {
          await writer.write(pending);
          request.onRows(pending.length);
          pending = [];
        }
      }
    }
    if (pending.length > 0) {
      await writer.write(pending);
      request.onRows(pending.length);
    }
    await writer.finish();
    await run(client, "COMMIT", request);
    return writer.result();
  } catch (error) {
    await client.run("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

async function run(client: SqlClient, sql: string, request: SqlLoadRequest): Promise<void> {
  try {
    await client.run(sql);
  } catch (error) {
    throw statementError(error, "Sink", request.password);
  }
}

/** Matches the sink columns to the table's (exactly, then ignoring case). */
async function writeTarget(request: SqlLoadRequest): Promise<WriteTarget> {
  const { client } = request;
  let tableColumns: readonly string[];
  try {
    const [probe] = await client.run(`SELECT * FROM ${request.table} WHERE 1 = 0`);
    tableColumns = probe?.columns.map((column) => column.name) ?? [];
  } catch (error) {
    throw statementError(error, "Sink", request.password);
  }
  const find = (name: string, field: string): string => {
    const found =
      tableColumns.find((column) => column === name) ??
      tableColumns.find((column) => column.toLowerCase() === name.toLowerCase());
    if (found !== undefined) return found;
    throw new SluiceError(
      "InvalidArgument",
      `${field} '${name}' is not a column of the sink table ${request.table}; its columns are: ${tableColumns.join(", ") || "(none)"}.`,
      {
        details: {
          field,
          value: name,
          allowed: tableColumns,
          adfCode: "UserErrorInvalidColumnMappingColumnNotFound",
          side: "Sink",
        },
      },
    );
  };
  const columns = request.columns.map((column) => find(column.name, "Sink column"));
  const keys = request.settings.upsertKeys?.map((key) => find(key, "sink.upsertSettings.keys"));
  for (const key of keys ?? []) {
    if (!columns.includes(key)) {
      throw new SluiceError(
        "InvalidArgument",
        `Upsert key column '${key}' is not among the columns the copy writes (${columns.join(", ")}).`,
        {
          details: {
            field: "sink.upsertSettings.keys",
            value: key,
            adfCode: "UserErrorInvalidUpsertKeys",
            side: "Sink",
          },
        },
      );
    }
  }
  return { table: request.table, columns, ...(keys === undefined ? {} : { keys }) };
}

/** Each value as text the database parses into its column (binary as hex). */
function loadSelect(request: SqlLoadRequest): string {
  const mysql = request.client.dialect === "mysql";
  const list = request.columns.map((column, index) => {
    const ref = sqlIdent(column.name);
    const alias = sqlIdent(`c${index}`);
    if (column.duck === "BLOB") return `hex(${ref}) AS ${alias}`;
    if (mysql && column.duck === "BOOLEAN")
      return `CAST(CAST(${ref} AS INTEGER) AS VARCHAR) AS ${alias}`;
    if (mysql && column.duck.startsWith("TIMESTAMP")) {
      return `CAST(CAST(${ref} AS TIMESTAMP) AS VARCHAR) AS ${alias}`;
    }
    return `CAST(${ref} AS VARCHAR) AS ${alias}`;
  });
  return `SELECT ${list.join(", ")} FROM (${request.select})`;
}

function paramsOf(
  row: readonly unknown[],
  columns: readonly LoadColumn[],
  client: SqlClient,
): (string | Buffer | null)[] {
  return row.map((value, index) => {
    if (value === null || value === undefined) return null;
    const text = String(value);
    if (columns[index]?.duck !== "BLOB") return text;
    return client.dialect === "postgres" ? `\\x${text}` : Buffer.from(text, "hex");
  });
}
