import { SluiceError } from "../../../core/index.js";
import { itemPath } from "../../connections/dataset-location.js";
import { mapColumns, parseTypes } from "../column-mapping.js";
import type { CompressionLevel } from "../compression.js";
import type { CopyProgress } from "../copy-progress.js";
import { DuckSession } from "../duckdb-session.js";
import type { FileCopyTotals, FileEnd } from "../file-copy.js";
import { formatExtension, isTabular, type TabularFormat } from "../file-format.js";
import { fileFilterOf, selectFiles } from "../file-selection.js";
import { sinkFiles } from "../sink-naming.js";
import { openSinkTarget } from "../sink-target.js";
import { sqlIdent } from "../sql-text.js";
import { writeSelect } from "../select-writer.js";
import { stageSource } from "../staged-source.js";
import { dropRejects, skippedRows } from "../tabular-copy.js";
import { copyToOptions, type WriteSettings } from "../tabular-sink.js";
import { tabularSource, type TabularSource } from "../tabular-source.js";
import { connectSql, type OpenSql } from "./open-sql.js";
import { readQueryOf } from "./read-query.js";
import type { SqlDataset } from "./sql-dataset.js";
import { tableSql, requireTable } from "./sql-dataset.js";
import { exportRows } from "./sql-export.js";
import { statementError } from "./sql-error.js";
import { loadIntoSql } from "./sql-load.js";
import { sqlSinkSettingsOf } from "./sql-sink-settings.js";

/** One end of a copy: files of a dataset, or a SQL table dataset. */
export type CopyEnd =
  | { readonly kind: "file"; readonly end: FileEnd }
  | { readonly kind: "sql"; readonly dataset: SqlDataset };

/** A copy with a SQL store on at least one side, settings read. */
export interface SqlCopyRequest {
  readonly source: CopyEnd;
  readonly sink: CopyEnd;
  /** The activity's `source` and `sink` objects. */
  readonly sourceSettings: Readonly<Record<string, unknown>>;
  readonly sinkSettings: Readonly<Record<string, unknown>>;
  readonly translator: unknown;
  readonly skipIncompatibleRows: boolean;
  readonly skipLineCount?: number;
  readonly writeSettings: WriteSettings;
  readonly level: CompressionLevel;
  readonly runId: string;
  readonly workDir: string;
  readonly signal: AbortSignal;
  readonly progress: CopyProgress;
  readonly diskPaths: Map<string, string>;
}

const maxLoggedRows = 10_000;

/** What the source side gave: a relation to select from, and what reading cost. */
interface SourceRead {
  readonly source: TabularSource;
  readonly filesRead: number;
  readonly bytesRead: number;
  readonly malformed: boolean;
}

/**
 * Copies between a SQL table and files, or between two SQL tables, through DuckDB: a SQL
 * source streams into a staged file DuckDB reads; files are read where they lie; the
 * mapped, converted rows stream out to a sink file (landing whole) or into the sink table
 * in one transaction (see {@link loadIntoSql}).
 */
export async function copyWithSql(request: SqlCopyRequest): Promise<FileCopyTotals> {
  const session = await DuckSession.open(request.workDir, request.signal);
  const opened: OpenSql[] = [];
  try {
    const read = await readSource(request, session, opened);
    const totals: FileCopyTotals = {
      filesRead: read.filesRead,
      filesWritten: 0,
      dataRead: read.bytesRead,
      dataWritten: 0,
      rows: { read: 0, copied: 0, skipped: 0 },
      skipped: [],
    };
    if (read.source.columns.length === 0) return totals;
    const columns = mapColumns(request.translator, read.source.columns, {
      skipIncompatibleRows: request.skipIncompatibleRows,
    });
    const failed = columns.flatMap((column) =>
      column.failed === undefined ? [] : [column.failed],
    );
    const list = columns.map((c) => `${c.expression} AS ${sqlIdent(c.sinkName)}`).join(", ");
    const where = failed.length === 0 ? "" : ` WHERE NOT (${failed.join(" OR ")})`;
    const select = `SELECT ${list} FROM ${read.source.relation}${where}`;
    const written =
      request.sink.kind === "file"
        ? await writeFile(request, session, request.sink.end, select)
        : await writeTable(request, session, request.sink.dataset, select, opened);
    const skipped = await skippedRows(
      { session, diskPaths: request.diskPaths, maxLoggedRows },
      read.source.relation,
      failed,
      "",
      read.malformed,
    );
    totals.filesWritten = written.files;
    totals.dataWritten = written.bytes;
    totals.rows = {
      read: written.rows + written.skippedRows + skipped.count,
      copied: written.rows,
      skipped: written.skippedRows + skipped.count,
    };
    totals.skipped.push(...skipped.rows, ...written.skipped);
    return totals;
  } finally {
    await Promise.all(opened.map((open) => open.client.close()));
    session.close();
  }
}

async function readSource(
  request: SqlCopyRequest,
  session: DuckSession,
  opened: OpenSql[],
): Promise<SourceRead> {
  const { source } = request;
  if (source.kind === "sql") {
    const open = await connectSql(source.dataset.linkedService, "Source", request.signal);
    opened.push(open);
    const query = readQueryOf(request.sourceSettings, source.dataset, open.client);
    const exported = await exportRows(open.client, query, request.workDir).catch(
      (error: unknown) => {
        throw statementError(error, "Source", open.endpoint.password);
      },
    );
    return { source: exported.source, filesRead: 0, bytesRead: exported.bytes, malformed: false };
  }
  const format = tabularFormat(source.end, "source");
  const storage = source.end.storage;
  const filter = fileFilterOf(request.sourceSettings.storeSettings);
  const selection = await selectFiles(storage.storage.connector, storage.location, filter);
  if (selection.singleFile && selection.files.length === 0) {
    const path = itemPath(storage.location);
    throw new SluiceError(
      "StorageNotFound",
      `The source file '${path}' of dataset '${storage.dataset.name}' does not exist.`,
      { details: { path, adfCode: "UserErrorFileNotFound", side: "Source" } },
    );
  }
  const staged = [];
  for (const selected of selection.files) {
    const file = await stageSource({
      storage: storage.storage,
      file: selected.file,
      format,
      workDir: request.workDir,
      signal: request.signal,
    });
    request.diskPaths.set(file.path, selected.file.path);
    staged.push(file);
  }
  const malformed = request.skipIncompatibleRows && format.kind === "delimited";
  if (malformed) await session.run(dropRejects);
  const relation =
    staged.length === 0
      ? { relation: "(SELECT NULL WHERE false)", columns: [] }
      : await tabularSource(session, staged, format, {
          skipMalformedRows: malformed,
          columnTypes: (columns) => parseTypes(request.translator, columns),
          ...(request.skipLineCount === undefined ? {} : { skipLineCount: request.skipLineCount }),
        });
  const bytesRead = selection.files.reduce((sum, file) => sum + file.file.size, 0);
  return { source: relation, filesRead: selection.files.length, bytesRead, malformed };
}

interface Written {
  readonly files: number;
  readonly bytes: number;
  readonly rows: number;
  readonly skippedRows: number;
  readonly skipped: FileCopyTotals["skipped"];
}

async function writeFile(
  request: SqlCopyRequest,
  session: DuckSession,
  end: FileEnd,
  select: string,
): Promise<Written> {
  const format = tabularFormat(end, "sink");
  const [target] = sinkFiles([], end.storage.location, {
    behavior: "MergeFiles",
    runId: request.runId,
    extension: formatExtension(format),
  });
  const copyTo = copyToOptions(format, request.writeSettings);
  const sink = await openSinkTarget({
    storage: end.storage.storage,
    path: target?.path ?? "",
    workDir: request.workDir,
    compress: copyTo.compressAfter,
    level: request.level,
    signal: request.signal,
  });
  try {
    const rows = await writeSelect(session, select, sink.diskPath, format, copyTo);
    const bytes = await sink.commit();
    request.progress.add({ filesWritten: 1, dataWritten: bytes, rowsRead: rows, rowsCopied: rows });
    return { files: 1, bytes, rows, skippedRows: 0, skipped: [] };
  } catch (error) {
    await sink.discard();
    throw error;
  }
}

async function writeTable(
  request: SqlCopyRequest,
  session: DuckSession,
  dataset: SqlDataset,
  select: string,
  opened: OpenSql[],
): Promise<Written> {
  const open = await connectSql(dataset.linkedService, "Sink", request.signal);
  opened.push(open);
  const table = tableSql(open.client, requireTable(dataset, "a copy sink needs one"));
  const described = await session.rows(`DESCRIBE ${select}`);
  const result = await loadIntoSql({
    session,
    select,
    columns: described.map((row) => ({
      name: String(row.column_name),
      duck: String(row.column_type),
    })),
    client: open.client,
    password: open.endpoint.password,
    table,
    settings: sqlSinkSettingsOf(request.sinkSettings, open.client.dialect),
    skipIncompatibleRows: request.skipIncompatibleRows,
    maxLoggedRows,
    onRows: (rows) => request.progress.add({ rowsRead: rows, rowsCopied: rows }),
  });
  return {
    files: 0,
    bytes: result.bytesWritten,
    rows: result.rowsWritten,
    skippedRows: result.rowsSkipped,
    skipped: [...result.skipped],
  };
}

function tabularFormat(end: FileEnd, side: "source" | "sink"): TabularFormat {
  if (isTabular(end.format)) return end.format;
  throw new SluiceError(
    "InvalidArgument",
    `A copy to or from a SQL table needs a tabular ${side} dataset (DelimitedText, Json, Parquet or Avro); '${end.storage.dataset.name}' is ${end.storage.dataset.type}.`,
    {
      details: { field: side === "source" ? "inputs" : "outputs", value: end.storage.dataset.type },
    },
  );
}
