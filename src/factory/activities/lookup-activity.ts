import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JsonObject } from "../../core/index.js";
import { SluiceError } from "../../core/index.js";
import { openDatasetStorage, type DatasetStorage } from "../connections/dataset-storage.js";
import type { LinkedStorageDeps } from "../connections/linked-storage.js";
import type { ResolvedDefinition } from "../connections/resolve-definition.js";
import { userError } from "../engine/index.js";
import { dataMovementError } from "../data/copy-error.js";
import { DuckSession } from "../data/duckdb-session.js";
import { fileFormatOf, isTabular, type TabularFormat } from "../data/file-format.js";
import { fileFilterOf, selectFiles } from "../data/file-selection.js";
import { jsonObject } from "../data/json-values.js";
import { isSqlDatasetType, resolveDataset } from "../data/sql/sql-dataset.js";
import { lookupSqlRows } from "../data/sql/sql-lookup.js";
import { stageSource, type StagedFile } from "../data/staged-source.js";
import { tabularSource } from "../data/tabular-source.js";
import type { ActivityExecutor, ActivityInvocation, ActivityOutcome } from "./activity-executor.js";

/** What Lookup needs: where the embedded local storage is, and a folder for staged files. */
export interface LookupDeps extends LinkedStorageDeps {
  readonly tempRoot?: string;
}

/** ADF's Lookup limits: the first 5,000 rows, and an output of at most 4 MB. */
export const lookupMaxRows = 5000;
export const lookupMaxBytes = 4 * 1024 * 1024;

/**
 * ADF's Lookup on a file dataset (DelimitedText, Json, Parquet, Avro; `source.storeSettings`
 * choose files as Copy's do) or a SQL table dataset (`source.query`, else the table): `firstRowOnly` (default true) gives `{firstRow}` (no key when
 * there is no row), otherwise `{count, value}` with at most 5,000 rows. An output over 4 MB
 * fails the activity, as in ADF.
 */
export function createLookupExecutor(deps: LookupDeps): ActivityExecutor {
  return {
    async run(invocation: ActivityInvocation): Promise<ActivityOutcome> {
      const props = invocation.typeProperties;
      const dataset = await resolveDataset(invocation.resources, props.dataset);
      if (isSqlDatasetType(dataset.type)) return lookupSql(invocation, dataset);
      const opened = await openDatasetStorage(invocation.resources, props.dataset, deps, {
        sourceSettings: record(props.source),
      });
      const format = fileFormatOf(opened.dataset);
      if (!isTabular(format)) {
        throw new SluiceError(
          "InvalidArgument",
          `Lookup reads rows, but dataset '${opened.dataset.name}' is ${opened.dataset.type}; use DelimitedText, Json, Parquet or Avro.`,
          { details: { field: "dataset", value: opened.dataset.type } },
        );
      }
      const workDir = await mkdtemp(join(deps.tempRoot ?? tmpdir(), "sluice-lookup-"));
      const diskPaths = new Map<string, string>();
      try {
        const rows = await readRows(invocation, opened, format, workDir, diskPaths);
        return outcomeOf(invocation.activity.name, rows, props.firstRowOnly !== false);
      } catch (error) {
        if (error instanceof SluiceError && error.code === "InvalidArgument") throw error;
        const failure = dataMovementError(invocation.activity.name, error, diskPaths);
        return { status: "Failed", error: failure };
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    },
  };
}

async function lookupSql(
  invocation: ActivityInvocation,
  dataset: ResolvedDefinition,
): Promise<ActivityOutcome> {
  const props = invocation.typeProperties;
  try {
    const rows = await lookupSqlRows(
      invocation.resources,
      dataset,
      record(props.source),
      lookupMaxRows,
      invocation.signal,
    );
    return outcomeOf(invocation.activity.name, rows, props.firstRowOnly !== false);
  } catch (error) {
    if (isDefinitionError(error)) throw error;
    return {
      status: "Failed",
      error: dataMovementError(invocation.activity.name, error, new Map()),
    };
  }
}

// A refused setting (no table and no query) fails the attempt through the engine; failures
// of the store or the query are ADF's data movement errors.
function isDefinitionError(error: unknown): boolean {
  if (!(error instanceof SluiceError) || error.code !== "InvalidArgument") return false;
  return (error.details as { adfCode?: unknown } | undefined)?.adfCode === undefined;
}

async function readRows(
  invocation: ActivityInvocation,
  opened: DatasetStorage,
  format: TabularFormat,
  workDir: string,
  diskPaths: Map<string, string>,
): Promise<JsonObject[]> {
  const source = record(invocation.typeProperties.source);
  const filter = fileFilterOf(source.storeSettings);
  const selection = await selectFiles(opened.storage.connector, opened.location, filter);
  if (selection.singleFile && selection.files.length === 0) {
    throw new SluiceError(
      "StorageNotFound",
      `The file '${opened.location.fileName}' of dataset '${opened.dataset.name}' does not exist.`,
      { details: { adfCode: "UserErrorFileNotFound" } },
    );
  }
  if (selection.files.length === 0) return [];
  const staged: StagedFile[] = [];
  for (const selected of selection.files) {
    const file = await stageSource({
      storage: opened.storage,
      file: selected.file,
      format,
      workDir,
      signal: invocation.signal,
    });
    diskPaths.set(file.path, selected.file.path);
    staged.push(file);
  }
  const session = await DuckSession.open(workDir, invocation.signal);
  try {
    const skip = Number(record(source.formatSettings).skipLineCount);
    const relation = await tabularSource(
      session,
      staged,
      format,
      Number.isInteger(skip) && skip > 0 ? { skipLineCount: skip } : {},
    );
    if (relation.columns.length === 0) return [];
    const rows = await session.rows(`SELECT * FROM ${relation.relation} LIMIT ${lookupMaxRows}`);
    return rows.map(jsonObject);
  } finally {
    session.close();
  }
}

function outcomeOf(
  activityName: string,
  rows: JsonObject[],
  firstRowOnly: boolean,
): ActivityOutcome {
  const first = rows[0];
  const output: JsonObject = firstRowOnly
    ? first === undefined
      ? {}
      : { firstRow: first }
    : { count: rows.length, value: rows };
  const size = Buffer.byteLength(JSON.stringify(output), "utf8");
  if (size > lookupMaxBytes) {
    const message = `The Lookup output is ${size} bytes, over the 4 MB (${lookupMaxBytes} bytes) limit; read fewer rows or columns, or use firstRowOnly.`;
    return {
      status: "Failed",
      error: userError(activityName, "LookupOutputTooLarge", message),
      retryable: false,
    };
  }
  return { status: "Succeeded", output };
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
