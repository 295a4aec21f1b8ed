import { writeFile } from "node:fs/promises";
import type { LinkedStorage } from "../connections/linked-storage.js";
import { mapColumns, parseTypes } from "./column-mapping.js";
import type { CompressionLevel } from "./compression.js";
import type { DuckSession } from "./duckdb-session.js";
import type { TabularFormat } from "./file-format.js";
import { openSinkTarget } from "./sink-target.js";
import type { SinkFile } from "./sink-naming.js";
import { writeSelect } from "./select-writer.js";
import { sqlIdent } from "./sql-text.js";
import { stageSource } from "./staged-source.js";
import { copyToOptions, type WriteSettings } from "./tabular-sink.js";
import { tabularSource } from "./tabular-source.js";

/** A row a copy skipped, for the incompatible-rows log. */
export interface SkippedRow {
  /** The source file's storage path. */
  readonly file: string;
  /** Line number in the file, when the reader knows it. */
  readonly line?: number;
  /** The row as text. */
  readonly row: string;
  readonly reason: string;
}

/** Everything one tabular copy (format conversion) needs. */
export interface TabularEnds {
  readonly session: DuckSession;
  readonly source: LinkedStorage;
  readonly sourceFormat: TabularFormat;
  readonly sink: LinkedStorage;
  readonly sinkFormat: TabularFormat;
  readonly translator: unknown;
  readonly skipIncompatibleRows: boolean;
  readonly skipLineCount?: number;
  readonly writeSettings: WriteSettings;
  readonly level: CompressionLevel;
  readonly workDir: string;
  readonly signal: AbortSignal;
  /** Disk paths of staged files -> their storage paths, for error messages. */
  readonly diskPaths: Map<string, string>;
  /** At most this many skipped rows are kept for the log (all are counted). */
  readonly maxLoggedRows: number;
}

/** What one sink file's copy did. */
export interface TabularResult {
  readonly rowsRead: number;
  readonly rowsCopied: number;
  readonly rowsSkipped: number;
  readonly bytesRead: number;
  readonly bytesWritten: number;
  readonly skipped: readonly SkippedRow[];
}

const conversionReason = "A value could not be converted to the sink column's type.";

/**
 * Converts `target.sources` into one sink file with DuckDB, streaming: the sources are read
 * where they lie (local) or from staged copies, mapped and converted, and written to a
 * temporary file that lands at the sink path only when the whole file is written.
 */
export async function copyTabular(ends: TabularEnds, target: SinkFile): Promise<TabularResult> {
  const staged = [];
  for (const source of target.sources) {
    const file = await stageSource({
      storage: ends.source,
      file: source.file,
      format: ends.sourceFormat,
      workDir: ends.workDir,
      signal: ends.signal,
    });
    ends.diskPaths.set(file.path, source.file.path);
    staged.push(file);
  }
  const skipMalformed = ends.skipIncompatibleRows && ends.sourceFormat.kind === "delimited";
  const source = await tabularSource(ends.session, staged, ends.sourceFormat, {
    skipMalformedRows: skipMalformed,
    columnTypes: (columns) => parseTypes(ends.translator, columns),
    ...(ends.skipLineCount === undefined ? {} : { skipLineCount: ends.skipLineCount }),
  });
  const columns = mapColumns(ends.translator, source.columns, {
    skipIncompatibleRows: ends.skipIncompatibleRows,
  });
  const failed = columns.flatMap((column) => (column.failed === undefined ? [] : [column.failed]));
  const select = columns.map((c) => `${c.expression} AS ${sqlIdent(c.sinkName)}`).join(", ");
  const where = failed.length === 0 ? "" : ` WHERE NOT (${failed.join(" OR ")})`;
  const copyTo = copyToOptions(ends.sinkFormat, ends.writeSettings);
  const sink = await openSinkTarget({
    storage: ends.sink,
    path: target.path,
    workDir: ends.workDir,
    compress: copyTo.compressAfter,
    level: ends.level,
    signal: ends.signal,
  });
  try {
    if (skipMalformed) await ends.session.run(dropRejects);
    const rowsCopied =
      columns.length === 0
        ? await writeEmpty(sink.diskPath)
        : await writeSelect(
            ends.session,
            `SELECT ${select} FROM ${source.relation}${where}`,
            sink.diskPath,
            ends.sinkFormat,
            copyTo,
          );
    const label = target.sources.length === 1 ? (target.sources[0]?.file.path ?? "") : "";
    const skipped = await skippedRows(
      ends,
      source.relation,
      failed,
      label,
      skipMalformed && columns.length > 0,
    );
    const bytesWritten = await sink.commit();
    return {
      rowsRead: rowsCopied + skipped.count,
      rowsCopied,
      rowsSkipped: skipped.count,
      bytesRead: target.sources.reduce((sum, file) => sum + file.file.size, 0),
      bytesWritten,
      skipped: skipped.rows,
    };
  } catch (error) {
    await sink.discard();
    throw error;
  }
}

// A source without columns (an empty file) becomes an empty file: no format has a way to
// write rows of no columns.
async function writeEmpty(path: string): Promise<number> {
  await writeFile(path, "");
  return 0;
}

/** Clears DuckDB's stored CSV rejects (before and after a scan that skips malformed rows). */
export const dropRejects = "DROP TABLE IF EXISTS reject_errors; DROP TABLE IF EXISTS reject_scans";

/** Rows a conversion skipped: all counted, the first ones kept for the log. */
export interface Skipped {
  readonly count: number;
  readonly rows: SkippedRow[];
}

/**
 * Counts and samples the rows a scan of `relation` skipped: malformed CSV rows DuckDB
 * stored as rejects (when `malformed`), and rows whose values fail a `failed` condition.
 */
export async function skippedRows(
  ends: Pick<TabularEnds, "session" | "diskPaths" | "maxLoggedRows">,
  relation: string,
  failed: readonly string[],
  label: string,
  malformed: boolean,
): Promise<Skipped> {
  const rows: SkippedRow[] = [];
  let count = 0;
  const storagePath = (disk: unknown): string => ends.diskPaths.get(String(disk)) ?? String(disk);
  if (malformed) {
    const rejects = await ends.session.rows(
      "SELECT f.file_path AS file, e.line AS line, e.csv_line AS row, e.error_message AS reason FROM reject_errors e JOIN reject_scans f USING (scan_id, file_id) ORDER BY e.scan_id, e.file_id, e.line",
    );
    count += rejects.length;
    for (const reject of rejects.slice(0, ends.maxLoggedRows)) {
      rows.push({
        file: storagePath(reject.file),
        line: Number(reject.line),
        row: String(reject.row),
        reason: String(reject.reason),
      });
    }
  }
  if (failed.length > 0) {
    const condition = failed.join(" OR ");
    const counted = await ends.session.rows(
      `SELECT count(*) AS n FROM ${relation} WHERE ${condition}`,
    );
    const conversions = Number(counted[0]?.n ?? 0);
    count += conversions;
    if (conversions > 0 && rows.length < ends.maxLoggedRows) {
      const sample = await ends.session.rows(
        `SELECT to_json(t)::VARCHAR AS row FROM (SELECT * FROM ${relation} WHERE ${condition} LIMIT ${ends.maxLoggedRows - rows.length}) t`,
      );
      for (const item of sample) {
        rows.push({ file: label, row: String(item.row), reason: conversionReason });
      }
    }
  }
  // Scans above stored rejects again; the next file must start from none.
  if (malformed) await ends.session.run(dropRejects);
  return { count, rows };
}
