import { SluiceError } from "../../core/index.js";
import type { DatasetStorage } from "../connections/dataset-storage.js";
import { itemPath } from "../connections/dataset-location.js";
import { copyBinary } from "./binary-copy.js";
import type { CompressionLevel } from "./compression.js";
import type { CopyProgress } from "./copy-progress.js";
import { DuckSession } from "./duckdb-session.js";
import type { FileFormat } from "./file-format.js";
import { formatExtension, isTabular } from "./file-format.js";
import { selectFiles, type FileFilter, type Selection } from "./file-selection.js";
import { sinkFiles, type CopyBehavior, type SinkFile } from "./sink-naming.js";
import { copyTabular, type SkippedRow, type TabularEnds } from "./tabular-copy.js";
import type { WriteSettings } from "./tabular-sink.js";
import { runInParallel } from "./run-in-parallel.js";

/** One end of a file copy: the dataset's storage and its format. */
export interface FileEnd {
  readonly storage: DatasetStorage;
  readonly format: FileFormat;
}

/** A copy between file stores, settings read. */
export interface FileCopyRequest {
  readonly source: FileEnd;
  readonly sink: FileEnd;
  readonly filter: FileFilter;
  readonly behavior: CopyBehavior;
  readonly translator: unknown;
  readonly skipIncompatibleRows: boolean;
  readonly skipLineCount?: number;
  readonly writeSettings: WriteSettings;
  /** Sink DelimitedText `formatSettings.fileExtension` for generated names. */
  readonly fileExtension?: string;
  readonly level: CompressionLevel;
  readonly deleteFilesAfterCompletion: boolean;
  /** Binary copies: files copied at once (ADF's `parallelCopies`); default 4. */
  readonly parallelCopies?: number;
  readonly runId: string;
  readonly workDir: string;
  readonly signal: AbortSignal;
  readonly progress: CopyProgress;
  /** Disk paths -> storage paths, filled while copying, for error messages. */
  readonly diskPaths: Map<string, string>;
}

/** What a file copy did, in ADF's terms. */
export interface FileCopyTotals {
  filesRead: number;
  filesWritten: number;
  dataRead: number;
  dataWritten: number;
  /** Undefined for binary copies (ADF reports no rows for them). */
  rows?: { read: number; copied: number; skipped: number };
  readonly skipped: SkippedRow[];
  /** Files copied at once (ADF's `usedParallelCopies`); 1 when unset. */
  usedParallelCopies?: number;
}

/** Binary files copied at once when `parallelCopies` is not set. */
export const defaultParallelCopies = 4;

const maxLoggedRows = 10_000;

/**
 * Copies the selected source files to the sink, file by file (MergeFiles: into one), then
 * deletes the sources when `deleteFilesAfterCompletion` asks. A missing named source file
 * fails with `StorageNotFound` before anything is written. Each sink file lands whole or not
 * at all; files written before a failure stay, as in ADF.
 */
export async function copyFiles(request: FileCopyRequest): Promise<FileCopyTotals> {
  const { source, sink } = request;
  const selection = await selectFiles(
    source.storage.storage.connector,
    source.storage.location,
    request.filter,
  );
  if (selection.singleFile && selection.files.length === 0) throw missingSource(source.storage);
  const targets = sinkFiles(selection.files, sink.storage.location, {
    behavior: request.behavior,
    runId: request.runId,
    extension: generatedExtension(request),
  });
  const totals: FileCopyTotals = {
    filesRead: 0,
    filesWritten: 0,
    dataRead: 0,
    dataWritten: 0,
    skipped: [],
  };
  if (source.format.kind === "binary" || sink.format.kind === "binary") {
    await copyBinaries(request, targets, totals);
  } else {
    await copyTables(request, targets, totals);
  }
  if (request.deleteFilesAfterCompletion) await deleteSources(source, selection);
  return totals;
}

async function copyBinaries(
  request: FileCopyRequest,
  targets: readonly SinkFile[],
  totals: FileCopyTotals,
): Promise<void> {
  const { source, sink } = request;
  if (source.format.kind !== "binary" || sink.format.kind !== "binary") {
    throw new SluiceError(
      "InvalidArgument",
      `A Binary dataset copies only to and from Binary datasets; here the source is ${source.storage.dataset.type} and the sink ${sink.storage.dataset.type}.`,
      { details: { adfCode: "UserErrorBinaryCopyFormatMismatch", field: "outputs" } },
    );
  }
  const ends = {
    source: source.storage.storage,
    sourceFormat: source.format,
    sink: sink.storage.storage,
    sinkFormat: sink.format,
    level: request.level,
    workDir: request.workDir,
    signal: request.signal,
  };
  // Each file lands whole under its own temporary name, so files can be copied side by side;
  // a failure starts no more and waits for those under way (each cleans up after itself).
  const parallel = Math.max(
    1,
    Math.min(request.parallelCopies ?? defaultParallelCopies, targets.length),
  );
  totals.usedParallelCopies = parallel;
  await runInParallel(targets, parallel, async (target) => {
    request.signal.throwIfAborted();
    const result = await copyBinary(ends, target);
    add(totals, target, result.bytesRead, result.bytesWritten);
    request.progress.add({
      filesRead: target.sources.length,
      filesWritten: 1,
      dataRead: result.bytesRead,
      dataWritten: result.bytesWritten,
    });
  });
}

async function copyTables(
  request: FileCopyRequest,
  targets: readonly SinkFile[],
  totals: FileCopyTotals,
): Promise<void> {
  const { source, sink } = request;
  if (!isTabular(source.format) || !isTabular(sink.format)) return;
  const session = await DuckSession.open(request.workDir, request.signal);
  const rows = { read: 0, copied: 0, skipped: 0 };
  totals.rows = rows;
  try {
    const ends: TabularEnds = {
      session,
      source: source.storage.storage,
      sourceFormat: source.format,
      sink: sink.storage.storage,
      sinkFormat: sink.format,
      translator: request.translator,
      skipIncompatibleRows: request.skipIncompatibleRows,
      ...(request.skipLineCount === undefined ? {} : { skipLineCount: request.skipLineCount }),
      writeSettings: request.writeSettings,
      level: request.level,
      workDir: request.workDir,
      signal: request.signal,
      diskPaths: request.diskPaths,
      maxLoggedRows,
    };
    for (const target of targets) {
      request.signal.throwIfAborted();
      const result = await copyTabular(ends, target);
      add(totals, target, result.bytesRead, result.bytesWritten);
      rows.read += result.rowsRead;
      rows.copied += result.rowsCopied;
      rows.skipped += result.rowsSkipped;
      totals.skipped.push(...result.skipped.slice(0, maxLoggedRows - totals.skipped.length));
      request.progress.add({
        filesRead: target.sources.length,
        filesWritten: 1,
        dataRead: result.bytesRead,
        dataWritten: result.bytesWritten,
        rowsRead: result.rowsRead,
        rowsCopied: result.rowsCopied,
      });
    }
  } finally {
    session.close();
  }
}

function add(totals: FileCopyTotals, target: SinkFile, read: number, written: number): void {
  totals.filesRead += target.sources.length;
  totals.filesWritten += 1;
  totals.dataRead += read;
  totals.dataWritten += written;
}

function generatedExtension(request: FileCopyRequest): string | undefined {
  if (request.fileExtension !== undefined) return request.fileExtension;
  const { source, sink } = request;
  // A binary copy or a copy within one format keeps the source's extension.
  if (sink.format.kind === "binary" || sink.format.kind === source.format.kind) return undefined;
  return formatExtension(sink.format);
}

async function deleteSources(source: FileEnd, selection: Selection): Promise<void> {
  for (const selected of selection.files) {
    await source.storage.storage.connector.delete(selected.file.path);
  }
}

function missingSource(storage: DatasetStorage): SluiceError {
  const path = itemPath(storage.location);
  const where =
    storage.storage.container === "" ? "" : ` in container '${storage.storage.container}'`;
  return new SluiceError(
    "StorageNotFound",
    `The source file '${path}'${where} of dataset '${storage.dataset.name}' does not exist.`,
    { details: { path, adfCode: "UserErrorFileNotFound", side: "Source" } },
  );
}
