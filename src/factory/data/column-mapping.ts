import { SluiceError } from "../../core/index.js";
import { duckTypeOf, strptimeFormat } from "./interim-types.js";
import { sqlIdent, sqlString } from "./sql-text.js";
import type { SourceColumn } from "./tabular-source.js";

/** One sink column: the SQL giving its value and, when it converts, the SQL of a failure. */
export interface MappedColumn {
  readonly sinkName: string;
  /** The value (with `CAST`, or `TRY_CAST` when incompatible rows are skipped). */
  readonly expression: string;
  /** True for a row whose value did not convert (only when skipping incompatible rows). */
  readonly failed?: string;
}

/** How values convert: skip rows that fail (TRY_CAST) or fail the copy (CAST). */
export interface MappingOptions {
  readonly skipIncompatibleRows: boolean;
}

/**
 * The sink columns of a copy: without a `TabularTranslator` (or without `mappings`), every
 * source column as it is; with one, the mapped columns only, each found by `source.name`
 * (exact, then ignoring case) or `source.ordinal` (1-based), converted to `sink.type` (else
 * `source.type`) when given. `typeConversionSettings.dateTimeFormat` parses text dates.
 */
export function mapColumns(
  translator: unknown,
  columns: readonly SourceColumn[],
  options: MappingOptions,
): MappedColumn[] {
  const mappings = mappingsOf(translator);
  if (mappings === undefined) {
    return columns.map((column) => ({ sinkName: column.name, expression: sqlIdent(column.name) }));
  }
  const settings = recordOf((translator as Record<string, unknown>).typeConversionSettings);
  const dateTimeFormat =
    typeof settings.dateTimeFormat === "string" && settings.dateTimeFormat !== ""
      ? settings.dateTimeFormat
      : undefined;
  return mappings.map((mapping, index) => {
    const field = `translator.mappings[${index}]`;
    const source = recordOf(mapping.source);
    const sink = recordOf(mapping.sink);
    const column = findColumn(source, columns, `${field}.source`);
    const sinkName = typeof sink.name === "string" && sink.name !== "" ? sink.name : column.name;
    const typeName = typeof sink.type === "string" ? sink.type : source.type;
    const whereType = typeof sink.type === "string" ? `${field}.sink.type` : `${field}.source.type`;
    if (typeof typeName !== "string" || typeName === "") {
      return { sinkName, expression: sqlIdent(column.name) };
    }
    const target = duckTypeOf(typeName, whereType, sink.precision, sink.scale);
    return converted(column, target, sinkName, dateTimeFormat, options);
  });
}

/**
 * The source columns a DelimitedText reader can parse straight into their mapped type: each
 * mapped once, with an interim type, and not a text date parsed with a custom format.
 */
export function parseTypes(
  translator: unknown,
  columns: readonly SourceColumn[],
): Map<string, string> {
  const mappings = mappingsOf(translator) ?? [];
  const settings = recordOf(recordOf(translator).typeConversionSettings);
  const customDates = typeof settings.dateTimeFormat === "string" && settings.dateTimeFormat !== "";
  const counts = new Map<string, number>();
  const types = new Map<string, string>();
  mappings.forEach((mapping, index) => {
    const field = `translator.mappings[${index}]`;
    const source = recordOf(mapping.source);
    const sink = recordOf(mapping.sink);
    const column = findColumn(source, columns, `${field}.source`);
    counts.set(column.name, (counts.get(column.name) ?? 0) + 1);
    const typeName = typeof sink.type === "string" ? sink.type : source.type;
    if (typeof typeName !== "string" || typeName === "") return;
    const target = duckTypeOf(typeName, `${field}.sink.type`, sink.precision, sink.scale);
    if (customDates && target.startsWith("TIMESTAMP")) return;
    if (target !== "VARCHAR") types.set(column.name, target);
  });
  // A column mapped twice keeps its text: each mapping converts it on its own.
  for (const [name, count] of counts) if (count > 1) types.delete(name);
  return types;
}

function converted(
  column: SourceColumn,
  target: string,
  sinkName: string,
  dateTimeFormat: string | undefined,
  options: MappingOptions,
): MappedColumn {
  const ref = sqlIdent(column.name);
  if (column.type === target) return { sinkName, expression: ref };
  const isText = column.type === "VARCHAR";
  const parsesTime = isText && dateTimeFormat !== undefined && target.startsWith("TIMESTAMP");
  const strict = parsesTime
    ? `CAST(strptime(${ref}, ${sqlString(strptimeFormat(dateTimeFormat))}) AS ${target})`
    : `CAST(${ref} AS ${target})`;
  if (!options.skipIncompatibleRows) return { sinkName, expression: strict };
  const tolerant = parsesTime
    ? `TRY_CAST(try_strptime(${ref}, ${sqlString(strptimeFormat(dateTimeFormat))}) AS ${target})`
    : `TRY_CAST(${ref} AS ${target})`;
  return { sinkName, expression: tolerant, failed: `(${ref} IS NOT NULL AND ${tolerant} IS NULL)` };
}

function findColumn(
  source: Record<string, unknown>,
  columns: readonly SourceColumn[],
  field: string,
): SourceColumn {
  if (typeof source.name === "string" && source.name !== "") {
    const name = source.name;
    const found =
      columns.find((column) => column.name === name) ??
      columns.find((column) => column.name.toLowerCase() === name.toLowerCase());
    if (found !== undefined) return found;
    throw columnNotFound(`${field}.name`, name, columns);
  }
  const ordinal = Number(source.ordinal);
  if (Number.isInteger(ordinal) && ordinal >= 1) {
    const found = columns[ordinal - 1];
    if (found !== undefined) return found;
    throw columnNotFound(`${field}.ordinal`, ordinal, columns);
  }
  throw new SluiceError(
    "InvalidArgument",
    `${field} must name a source column by "name" or a 1-based "ordinal".`,
    { details: { field, value: source } },
  );
}

function columnNotFound(field: string, value: unknown, columns: readonly SourceColumn[]) {
  const names = columns.map((column) => column.name).join(", ");
  return new SluiceError(
    "InvalidArgument",
    `${field} ${JSON.stringify(value)} is not a column of the source; its columns are: ${names || "(none)"}.`,
    {
      details: {
        field,
        value,
        allowed: columns.map((column) => column.name),
        adfCode: "UserErrorInvalidColumnMappingColumnNotFound",
      },
    },
  );
}

interface Mapping {
  readonly source?: unknown;
  readonly sink?: unknown;
}

function mappingsOf(translator: unknown): readonly Mapping[] | undefined {
  const record = recordOf(translator);
  const mappings = record.mappings;
  if (mappings === undefined || mappings === null) return undefined;
  if (!Array.isArray(mappings) || mappings.some((item) => recordOf(item) !== item)) {
    throw new SluiceError(
      "InvalidArgument",
      "translator.mappings must be an array of {source: {...}, sink: {...}} objects.",
      { details: { field: "translator.mappings", value: mappings } },
    );
  }
  return mappings as Mapping[];
}

function recordOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
