import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import type { AvroColumn } from "./avro-columns.js";
import type { DuckSession } from "./duckdb-session.js";
import type { DelimitedFormat, TabularFormat } from "./file-format.js";
import { columnNames, firstRecord } from "./first-record.js";
import { sqlIdent, sqlString, sqlStringList } from "./sql-text.js";
import type { StagedFile } from "./staged-source.js";

/** A column of a tabular source: its name and DuckDB type. */
export interface SourceColumn {
  readonly name: string;
  readonly type: string;
}

/** Source files as one DuckDB relation, with their columns. */
export interface TabularSource {
  /** A table expression (`read_csv(...)`) to select from. */
  readonly relation: string;
  readonly columns: readonly SourceColumn[];
}

/** Reading options beyond the dataset's own. */
export interface SourceOptions {
  /** Malformed rows are skipped and recorded in DuckDB's `reject_errors` table. */
  readonly skipMalformedRows?: boolean;
  /** DelimitedText `formatSettings.skipLineCount`: lines skipped before the header. */
  readonly skipLineCount?: number;
  /**
   * DelimitedText only: the DuckDB type to parse some columns as (by name), so the CSV
   * reader converts while it parses, as fast as DuckDB reading the file directly; a value
   * that does not convert is then a CSV error of its row (skipped with the malformed ones).
   */
  readonly columnTypes?: (columns: readonly SourceColumn[]) => ReadonlyMap<string, string>;
}

/**
 * The relation reading `files` (all of one format; several are read as one, as MergeFiles
 * and multi-file Lookups need). DelimitedText columns are all text, as ADF reads them, named
 * after the first file's first record; JSON, Parquet and Avro keep their types.
 */
export async function tabularSource(
  session: DuckSession,
  files: readonly StagedFile[],
  format: TabularFormat,
  options: SourceOptions = {},
): Promise<TabularSource> {
  const paths = sqlStringList(files.map((file) => file.path));
  // DuckDB spells "no compression" `uncompressed` (its JSON reader refuses `none`).
  const gzip = files[0]?.compression === "gzip";
  const compression = sqlString(gzip ? "gzip" : "uncompressed");
  if (format.kind === "delimited") {
    const first = files[0];
    const record = first === undefined ? [] : await readFirstRecord(first, format, options);
    const names = columnNames(record, format.firstRowAsHeader);
    if (names.length === 0) return { relation: "(SELECT NULL WHERE false)", columns: [] };
    const text = names.map((name) => ({ name, type: "VARCHAR" }));
    const types = options.columnTypes?.(text) ?? new Map<string, string>();
    const columns = text.map((column) => ({
      name: column.name,
      type: types.get(column.name) ?? "VARCHAR",
    }));
    return { relation: delimitedRelation(paths, compression, format, columns, options), columns };
  }
  const relation =
    format.kind === "avro"
      ? avroRelation(paths, files[0]?.avroColumns ?? [])
      : format.kind === "json"
        ? `read_json(${paths}, format = 'auto', compression = ${compression}, union_by_name = true)`
        : `read_parquet(${paths}, union_by_name = true)`;
  const described = await session.rows(`DESCRIBE SELECT * FROM ${relation}`);
  const columns = described.map((row) => ({
    name: String(row.column_name),
    type: String(row.column_type),
  }));
  return { relation, columns };
}

// Staged Avro files are JSON lines read with the first file's columns, then typed by `select`.
function avroRelation(paths: string, columns: readonly AvroColumn[]): string {
  if (columns.length === 0) return "(SELECT NULL WHERE false)";
  const types = columns.map((c) => `${sqlString(c.name)}: ${sqlString(c.jsonType)}`).join(", ");
  const read = `read_json(${paths}, format = 'newline_delimited', columns = {${types}})`;
  return `(SELECT ${columns.map((c) => c.select).join(", ")} FROM ${read})`;
}

function delimitedRelation(
  paths: string,
  compression: string,
  format: DelimitedFormat,
  typed: readonly SourceColumn[],
  options: SourceOptions,
): string {
  const columns = typed
    .map((column) => `${sqlString(column.name)}: ${sqlString(column.type)}`)
    .join(", ");
  const settings = [
    "auto_detect = false",
    `header = ${String(format.firstRowAsHeader)}`,
    `delim = ${sqlString(format.columnDelimiter)}`,
    `quote = ${sqlString(format.quoteChar)}`,
    `escape = ${sqlString(format.escapeChar)}`,
    `nullstr = ${sqlString(format.nullValue)}`,
    "allow_quoted_nulls = false",
    `compression = ${compression}`,
    `skip = ${options.skipLineCount ?? 0}`,
    `columns = {${columns}}`,
  ];
  if (options.skipMalformedRows === true)
    settings.push("ignore_errors = true, store_rejects = true");
  return `read_csv(${paths}, ${settings.join(", ")})`;
}

const maxHeaderBytes = 16 * 1024 * 1024;

/** The first record of a staged delimited file (after `skipLineCount` lines), or `[]` if empty. */
async function readFirstRecord(
  file: StagedFile,
  format: DelimitedFormat,
  options: SourceOptions,
): Promise<string[]> {
  const raw = createReadStream(file.path);
  const stream = file.compression === "gzip" ? raw.pipe(createGunzip()) : raw;
  const decoder = new TextDecoder("utf-8");
  let text = "";
  try {
    for await (const chunk of stream) {
      text += decoder.decode(chunk as Buffer, { stream: true });
      const record = recordAfterSkip(text, format, options.skipLineCount ?? 0, false);
      if (record !== undefined || text.length > maxHeaderBytes) return record ?? [];
    }
  } finally {
    raw.destroy();
  }
  return recordAfterSkip(text, format, options.skipLineCount ?? 0, true) ?? [];
}

function recordAfterSkip(
  text: string,
  format: DelimitedFormat,
  skip: number,
  atEnd: boolean,
): string[] | undefined {
  let rest = text.startsWith("\uFEFF") ? text.slice(1) : text;
  for (let line = 0; line < skip; line++) {
    const end = rest.search(/\r\n|\n|\r/u);
    if (end < 0) return atEnd ? [] : undefined;
    rest = rest.slice(end + (rest.startsWith("\r\n", end) ? 2 : 1));
  }
  return firstRecord(rest, format, atEnd);
}

/** `SELECT` list reading every column of `source` unchanged. */
export function allColumns(source: TabularSource): string {
  return source.columns.map((column) => sqlIdent(column.name)).join(", ");
}
