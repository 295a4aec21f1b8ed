import { writeAvro } from "./avro-write.js";
import type { DuckSession } from "./duckdb-session.js";
import type { TabularFormat } from "./file-format.js";
import { sqlString } from "./sql-text.js";
import type { CopyTo } from "./tabular-sink.js";

/**
 * Writes the rows of `select` to `diskPath` in `format`; resolves with the rows written.
 * DuckDB's `COPY` writes CSV, JSON and Parquet; Avro is encoded by avsc from DuckDB's rows.
 */
export async function writeSelect(
  session: DuckSession,
  select: string,
  diskPath: string,
  format: TabularFormat,
  copyTo: CopyTo,
): Promise<number> {
  if (format.kind === "avro") return writeAvro(session, select, diskPath, format);
  return session.run(`COPY (${select}) TO ${sqlString(diskPath)} (${copyTo.options})`);
}
