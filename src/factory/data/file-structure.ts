// GetMetadata's `structure` of a file: its columns as ADF names their interim types.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StorageFile } from "../../storage/index.js";
import type { LinkedStorage } from "../connections/linked-storage.js";
import { DuckSession } from "./duckdb-session.js";
import type { TabularFormat } from "./file-format.js";
import { stageSource } from "./staged-source.js";
import { tabularSource } from "./tabular-source.js";

/** A column as GetMetadata's `structure` lists it. */
export interface StructureColumn {
  readonly name: string;
  readonly type: string;
}

/** DuckDB's type names (their base, before any parameters) as ADF interim type names. */
const interimNames: Readonly<Record<string, string>> = {
  VARCHAR: "String",
  BOOLEAN: "Boolean",
  UTINYINT: "Byte",
  TINYINT: "SByte",
  SMALLINT: "Int16",
  USMALLINT: "UInt16",
  INTEGER: "Int32",
  UINTEGER: "UInt32",
  BIGINT: "Int64",
  UBIGINT: "UInt64",
  HUGEINT: "Decimal",
  FLOAT: "Single",
  DOUBLE: "Double",
  DECIMAL: "Decimal",
  DATE: "Date",
  TIMESTAMP: "DateTime",
  TIMESTAMP_S: "DateTime",
  TIMESTAMP_MS: "DateTime",
  TIMESTAMP_NS: "DateTime",
  "TIMESTAMP WITH TIME ZONE": "DateTimeOffset",
  TIME: "TimeSpan",
  INTERVAL: "TimeSpan",
  UUID: "Guid",
  BLOB: "Byte[]",
};

/**
 * The ADF interim type of a DuckDB column type. Nested types (lists, structs, maps) have no
 * interim type: ADF shows them as strings of JSON, and so does this. Pure.
 */
export function interimTypeName(duckType: string): string {
  const base = duckType.replace(/\(.*$/u, "").trim().toUpperCase();
  return interimNames[base] ?? "String";
}

/**
 * The columns of `file` read as `format`: a DelimitedText file's from its first record (its
 * header, or `Prop_0`, `Prop_1`... without one), all `String` as ADF reads text; Parquet and
 * Avro files' from their schema. The file is staged where DuckDB reads it, never into memory.
 */
export async function fileStructure(
  storage: LinkedStorage,
  file: StorageFile,
  format: TabularFormat,
  signal: AbortSignal,
  tempRoot: string = tmpdir(),
): Promise<StructureColumn[]> {
  const workDir = await mkdtemp(join(tempRoot, "sluice-structure-"));
  try {
    const staged = await stageSource({ storage, file, format, workDir, signal });
    const session = await DuckSession.open(workDir, signal);
    try {
      const source = await tabularSource(session, [staged], format);
      return source.columns.map((column) => ({
        name: column.name,
        type: interimTypeName(column.type),
      }));
    } finally {
      session.close();
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
