import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Clock } from "../../core/index.js";
import { SluiceError } from "../../core/index.js";
import { openDatasetStorage } from "../connections/dataset-storage.js";
import type { LinkedStorageDeps } from "../connections/linked-storage.js";
import { resolveDefinition } from "../connections/resolve-definition.js";
import { compressionLevelOf } from "../data/compression.js";
import { dataMovementError } from "../data/copy-error.js";
import { copyOutput } from "../data/copy-output.js";
import { CopyProgress } from "../data/copy-progress.js";
import { copyFiles, type FileCopyTotals, type FileEnd } from "../data/file-copy.js";
import { copyWithSql, type CopyEnd } from "../data/sql/sql-copy.js";
import { isSqlDatasetType, resolveDataset, sqlDatasetOf } from "../data/sql/sql-dataset.js";
import { fileFormatOf } from "../data/file-format.js";
import { fileFilterOf } from "../data/file-selection.js";
import { copyBehaviorOf } from "../data/sink-naming.js";
import { logLocationOf, writeSkippedRowLog } from "../data/skipped-row-log.js";
import { writeSettingsOf } from "../data/tabular-sink.js";
import type { ActivityExecutor, ActivityInvocation, ActivityOutcome } from "./activity-executor.js";

/** What the Copy activity needs from the composition root. */
export interface CopyDeps extends LinkedStorageDeps {
  readonly clock: Clock;
  /** Folder for staged and temporary files; default the OS temp folder. */
  readonly tempRoot?: string;
  /** Progress is reported at most this often; default 1000 ms. */
  readonly progressIntervalMs?: number;
}

/**
 * ADF's Copy activity between file stores (local folders, Azure Blob, ADLS Gen2): the
 * `inputs[0]` and `outputs[0]` datasets, `source.storeSettings` file selection,
 * `sink.storeSettings.copyBehavior`, format conversion between DelimitedText, Json and
 * Parquet (DuckDB), Binary copies, SQL tables (PostgreSQL, MySQL) as source or sink
 * (see `copyWithSql`), `translator` mappings with type conversion,
 * `enableSkipIncompatibleRow` with an incompatible-rows log, and ADF's output. While it
 * copies, the files, bytes and rows done so far show as the activity run's output.
 */
export function createCopyExecutor(deps: CopyDeps): ActivityExecutor {
  return {
    async run(invocation: ActivityInvocation): Promise<ActivityOutcome> {
      const workDir = await mkdtemp(join(deps.tempRoot ?? tmpdir(), "sluice-copy-"));
      const diskPaths = new Map<string, string>();
      const progress = new CopyProgress(
        (output) => invocation.reportProgress(output),
        deps.clock,
        deps.progressIntervalMs,
      );
      try {
        return await copy(invocation, deps, workDir, diskPaths, progress);
      } catch (error) {
        if (isDefinitionError(error)) throw error;
        return {
          status: "Failed",
          error: dataMovementError(invocation.activity.name, error, diskPaths),
        };
      } finally {
        await progress.flush();
        await rm(workDir, { recursive: true, force: true });
      }
    },
  };
}

async function copy(
  invocation: ActivityInvocation,
  deps: CopyDeps,
  workDir: string,
  diskPaths: Map<string, string>,
  progress: CopyProgress,
): Promise<ActivityOutcome> {
  const props = invocation.typeProperties;
  const source = record(props.source);
  const sink = record(props.sink);
  const startMs = deps.clock.now();
  const sourceEnd = await openEnd(invocation, "inputs", deps);
  const sinkEnd = await openEnd(invocation, "outputs", deps);
  const skipEnabled = props.enableSkipIncompatibleRow === true;
  const common = {
    translator: props.translator,
    skipIncompatibleRows: skipEnabled,
    ...skipLines(record(source.formatSettings).skipLineCount),
    writeSettings: writeSettingsOf(sink.formatSettings),
    level: compressionLevelOf(
      sinkEnd.kind === "file" ? sinkCompressionLevel(sinkEnd.end) : undefined,
    ),
    runId: invocation.activityRunId,
    workDir,
    signal: invocation.signal,
    progress,
    diskPaths,
  };
  const totals =
    sourceEnd.kind === "file" && sinkEnd.kind === "file"
      ? await copyFiles({
          ...common,
          source: sourceEnd.end,
          sink: sinkEnd.end,
          filter: fileFilterOf(source.storeSettings),
          behavior: copyBehaviorOf(record(sink.storeSettings).copyBehavior),
          ...fileExtensionOf(sink.formatSettings),
          deleteFilesAfterCompletion:
            record(source.storeSettings).deleteFilesAfterCompletion === true,
          ...parallelCopiesOf(props.parallelCopies),
        })
      : await copyWithSql({
          ...common,
          source: sourceEnd,
          sink: sinkEnd,
          sourceSettings: source,
          sinkSettings: sink,
        });
  const redirectRowPath = skipEnabled ? await logSkipped(invocation, deps, totals) : undefined;
  const output = copyOutput(totals, {
    startMs,
    endMs: deps.clock.now(),
    sourceType: String(source.type ?? endType(sourceEnd)),
    sinkType: String(sink.type ?? endType(sinkEnd)),
    skipEnabled,
    ...(redirectRowPath === undefined ? {} : { redirectRowPath }),
  });
  return { status: "Succeeded", output };
}

/** Writes the skipped rows' log where the copy asks for one; its folder, or undefined. */
async function logSkipped(
  invocation: ActivityInvocation,
  deps: CopyDeps,
  totals: FileCopyTotals,
): Promise<string | undefined> {
  const logLocation = logLocationOf(invocation.typeProperties);
  if (logLocation === undefined || totals.skipped.length === 0) return undefined;
  return writeSkippedRowLog(
    invocation.resources,
    logLocation,
    totals.skipped,
    {
      activity: invocation.activity.name,
      runId: invocation.activityRunId,
      time: new Date(deps.clock.now()).toISOString(),
    },
    deps,
  );
}

async function openEnd(
  invocation: ActivityInvocation,
  side: "inputs" | "outputs",
  deps: LinkedStorageDeps,
): Promise<CopyEnd> {
  const refs = invocation.activity[side];
  const ref = refs?.[0];
  if (ref === undefined) {
    throw new SluiceError(
      "InvalidArgument",
      `Copy activity '${invocation.activity.name}' needs one dataset in '${side}' (the ${side === "inputs" ? "source" : "sink"}).`,
      { details: { field: side } },
    );
  }
  const resolved = resolveDefinition(ref, invocation.scope);
  const dataset = await resolveDataset(invocation.resources, resolved);
  if (isSqlDatasetType(dataset.type)) {
    return { kind: "sql", dataset: await sqlDatasetOf(invocation.resources, dataset) };
  }
  // A REST source's request settings (method, body, headers, pagination) live on the source.
  const options =
    side === "inputs" ? { sourceSettings: record(invocation.typeProperties.source) } : {};
  const storage = await openDatasetStorage(invocation.resources, resolved, deps, options);
  return { kind: "file", end: { storage, format: fileFormatOf(storage.dataset) } };
}

function endType(end: CopyEnd): string {
  return end.kind === "file" ? end.end.storage.dataset.type : end.dataset.dataset.type;
}

function fileExtensionOf(formatSettings: unknown): { fileExtension?: string } {
  const extension = record(formatSettings).fileExtension;
  return typeof extension === "string" && extension !== "" ? { fileExtension: extension } : {};
}

function sinkCompressionLevel(end: FileEnd): unknown {
  const props = end.storage.dataset.typeProperties;
  return props.compressionLevel ?? record(props.compression).level;
}

function skipLines(value: unknown): { skipLineCount?: number } {
  const count = Number(value);
  return Number.isInteger(count) && count > 0 ? { skipLineCount: count } : {};
}

// Definition errors (an unknown dataset, a refused setting) fail the attempt through the
// engine like any other executor's; failures of the data itself become ADF's 2200 errors.
function isDefinitionError(error: unknown): boolean {
  if (!(error instanceof SluiceError) || error.code !== "InvalidArgument") return false;
  const details = error.details as { adfCode?: unknown } | undefined;
  return details?.adfCode === undefined;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** ADF's largest `parallelCopies`. */
const maxParallelCopies = 256;

/** `parallelCopies`: absent, or a whole number from 1 to 256 (a bad one changes nothing). */
function parallelCopiesOf(value: unknown): { parallelCopies?: number } {
  if (value === undefined || value === null) return {};
  if (
    typeof value === "number" &&
    Number.isInteger(value) &&
    value >= 1 &&
    value <= maxParallelCopies
  )
    return { parallelCopies: value };
  throw new SluiceError(
    "InvalidArgument",
    `Copy typeProperties.parallelCopies is ${JSON.stringify(value)}; allowed: a whole number from 1 to ${maxParallelCopies}.`,
    { details: { field: "parallelCopies", value } },
  );
}
