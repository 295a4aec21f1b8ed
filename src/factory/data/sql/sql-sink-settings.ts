import { SluiceError } from "../../../core/index.js";
import type { SqlDialect } from "./sql-endpoint.js";

/** A SQL sink's settings, read from the Copy activity's `sink`. */
export interface SqlSinkSettings {
  /** Runs first, in the copy's transaction (ADF: "clean up the preloaded data"). */
  readonly preCopyScript?: string;
  /** Rows per INSERT statement (capped so a statement stays under the drivers' limits). */
  readonly writeBatchSize: number;
  /** Upsert on these key columns; undefined inserts. */
  readonly upsertKeys?: readonly string[];
}

// ADF's defaults: 1,000,000 rows for Azure Database for PostgreSQL, 10,000 for MySQL.
const defaultBatch: Record<SqlDialect, number> = { postgres: 1_000_000, mysql: 10_000 };

/**
 * Reads `preCopyScript`, `writeBatchSize`, and the write method: ADF's `writeMethod`
 * (`CopyCommand` and `BulkInsert` insert, `Upsert` upserts: AzurePostgreSqlSink) or the
 * SQL sinks' `writeBehavior` (`insert` / `upsert`), with `upsertSettings.keys`.
 * `tableOption: autoCreate` is refused: ADF does not create tables for these connectors.
 */
export function sqlSinkSettingsOf(
  sink: Readonly<Record<string, unknown>>,
  dialect: SqlDialect,
): SqlSinkSettings {
  const script = sink.preCopyScript;
  const batch = batchSizeOf(sink.writeBatchSize, dialect);
  if (typeof sink.tableOption === "string" && sink.tableOption.toLowerCase() === "autocreate") {
    throw new SluiceError(
      "InvalidArgument",
      "sink.tableOption 'autoCreate' is not available for PostgreSQL and MySQL sinks (ADF creates tables only for SQL Server family sinks); create the table in sink.preCopyScript or with a Script activity.",
      { details: { field: "sink.tableOption", value: sink.tableOption, allowed: ["none"] } },
    );
  }
  const keys = upsertKeysOf(sink);
  return {
    ...(typeof script === "string" && script.trim() !== "" ? { preCopyScript: script } : {}),
    writeBatchSize: batch,
    ...(keys === undefined ? {} : { upsertKeys: keys }),
  };
}

function batchSizeOf(value: unknown, dialect: SqlDialect): number {
  if (value === undefined || value === null || value === "") return defaultBatch[dialect];
  const size = Number(value);
  if (!Number.isInteger(size) || size <= 0) {
    throw new SluiceError(
      "InvalidArgument",
      `sink.writeBatchSize must be a positive whole number of rows; got ${JSON.stringify(value)}.`,
      { details: { field: "sink.writeBatchSize", value } },
    );
  }
  return size;
}

const methods = ["CopyCommand", "BulkInsert", "Upsert"];
const behaviors = ["insert", "upsert"];

function upsertKeysOf(sink: Readonly<Record<string, unknown>>): readonly string[] | undefined {
  const method = sink.writeMethod;
  const behavior = sink.writeBehavior;
  if (method !== undefined && !methods.some((m) => m.toLowerCase() === lower(method))) {
    throw new SluiceError(
      "InvalidArgument",
      `sink.writeMethod ${JSON.stringify(method)} is not one of ${methods.join(", ")}.`,
      { details: { field: "sink.writeMethod", value: method, allowed: methods } },
    );
  }
  if (behavior !== undefined && !behaviors.includes(lower(behavior))) {
    throw new SluiceError(
      "InvalidArgument",
      `sink.writeBehavior ${JSON.stringify(behavior)} is not one of ${behaviors.join(", ")}.`,
      { details: { field: "sink.writeBehavior", value: behavior, allowed: behaviors } },
    );
  }
  if (lower(method) !== "upsert" && lower(behavior) !== "upsert") return undefined;
  const settings = sink.upsertSettings as { keys?: unknown } | undefined;
  const keys = settings?.keys;
  if (
    !Array.isArray(keys) ||
    keys.length === 0 ||
    keys.some((key) => typeof key !== "string" || key === "")
  ) {
    throw new SluiceError(
      "InvalidArgument",
      "An upsert needs sink.upsertSettings.keys: a non-empty array of the key column names that identify a row.",
      { details: { field: "sink.upsertSettings.keys", value: keys ?? null } },
    );
  }
  return keys as string[];
}

function lower(value: unknown): string {
  return typeof value === "string" ? value.toLowerCase() : "";
}
