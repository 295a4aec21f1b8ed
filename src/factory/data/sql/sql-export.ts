import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { sqlIdent, sqlString } from "../sql-text.js";
import type { TabularSource } from "../tabular-source.js";
import type { SqlClient, SqlColumn, SqlText } from "./sql-client.js";

/** A query's rows staged on disk for DuckDB, with what reading them cost. */
export interface ExportedRows {
  readonly source: TabularSource;
  readonly rows: number;
  /** Bytes of row text read from the database (ADF's `dataRead`). */
  readonly bytes: number;
}

/** Rows fetched from the server per round trip. */
export const exportBatchRows = 5000;

/**
 * Streams a query's rows into a newline-delimited JSON file in `workDir` (each value as the
 * database's text, keyed by position so any column name is safe), batch by batch, and
 * returns a DuckDB relation reading it with each column converted to its type: a table of
 * any size passes through without being held in memory.
 */
export async function exportRows(
  client: SqlClient,
  query: string,
  workDir: string,
): Promise<ExportedRows> {
  const path = join(workDir, `sql-${randomUUID()}.ndjson`);
  const out = createWriteStream(path);
  let columns: readonly SqlColumn[] = [];
  let rows = 0;
  let bytes = 0;
  try {
    for await (const batch of client.batches(query, exportBatchRows)) {
      columns = batch.columns;
      let text = "";
      for (const row of batch.rows) text += lineOf(row);
      bytes += Buffer.byteLength(text, "utf8");
      rows += batch.rows.length;
      if (!out.write(text)) await once(out, "drain");
    }
  } finally {
    out.end();
    await once(out, "close");
  }
  return { source: relationOf(path, columns), rows, bytes };
}

function lineOf(row: readonly SqlText[]): string {
  const entries = row.map((value, index) => `"c${index}":${JSON.stringify(value)}`);
  return `{${entries.join(",")}}\n`;
}

function relationOf(path: string, columns: readonly SqlColumn[]): TabularSource {
  if (columns.length === 0) return { relation: "(SELECT NULL WHERE false)", columns: [] };
  const raw = columns.map((_, index) => `'c${index}': 'VARCHAR'`).join(", ");
  const select = columns
    .map(
      (column, index) => `${converted(`c${index}`, column.type.duck)} AS ${sqlIdent(column.name)}`,
    )
    .join(", ");
  const reader = `read_json(${sqlString(path)}, format = 'newline_delimited', columns = {${raw}})`;
  return {
    relation: `(SELECT ${select} FROM ${reader})`,
    columns: columns.map((column) => ({ name: column.name, type: column.type.duck })),
  };
}

function converted(key: string, duck: string): string {
  const ref = sqlIdent(key);
  if (duck === "VARCHAR") return ref;
  if (duck === "BLOB") return `unhex(${ref})`;
  return `CAST(${ref} AS ${duck})`;
}
