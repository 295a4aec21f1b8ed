import { SluiceError } from "../../core/index.js";

/**
 * ADF's interim data types (the `type` of a TabularTranslator mapping column) as DuckDB
 * types. Names compare case-insensitively; `Decimal` takes the mapping's precision/scale.
 */
const duckTypes: Readonly<Record<string, string>> = {
  string: "VARCHAR",
  boolean: "BOOLEAN",
  byte: "UTINYINT",
  sbyte: "TINYINT",
  int16: "SMALLINT",
  uint16: "USMALLINT",
  int32: "INTEGER",
  uint32: "UINTEGER",
  int64: "BIGINT",
  uint64: "UBIGINT",
  single: "FLOAT",
  double: "DOUBLE",
  decimal: "DECIMAL",
  date: "DATE",
  datetime: "TIMESTAMP",
  datetimeoffset: "TIMESTAMPTZ",
  timespan: "INTERVAL",
  guid: "UUID",
  "byte[]": "BLOB",
};

const allowed = [
  "String",
  "Boolean",
  "Byte",
  "SByte",
  "Int16",
  "UInt16",
  "Int32",
  "UInt32",
  "Int64",
  "UInt64",
  "Single",
  "Double",
  "Decimal",
  "Date",
  "DateTime",
  "DateTimeOffset",
  "TimeSpan",
  "Guid",
  "Byte[]",
];

/** The DuckDB type of an ADF interim type; `field` names the mapping entry in errors. */
export function duckTypeOf(
  interim: string,
  field: string,
  precision?: unknown,
  scale?: unknown,
): string {
  const type = duckTypes[interim.trim().toLowerCase()];
  if (type === undefined) {
    throw new SluiceError(
      "InvalidArgument",
      `${field} '${interim}' is not an ADF interim data type; allowed: ${allowed.join(", ")}.`,
      { details: { field, value: interim, allowed } },
    );
  }
  if (type !== "DECIMAL") return type;
  const p = typeof precision === "number" ? Math.min(Math.max(precision, 1), 38) : 38;
  const s = typeof scale === "number" ? Math.min(Math.max(scale, 0), p) : Math.min(18, p);
  return `DECIMAL(${p}, ${s})`;
}

/**
 * A .NET date/time format (`yyyy-MM-dd HH:mm:ss`, ADF's `typeConversionSettings.dateTimeFormat`)
 * as a DuckDB strptime format. Covers the common specifiers; others are kept literally.
 */
export function strptimeFormat(dotnet: string): string {
  const tokens: [RegExp, string][] = [
    [/^yyyy/u, "%Y"],
    [/^yy/u, "%y"],
    [/^MMMM/u, "%B"],
    [/^MMM/u, "%b"],
    [/^MM/u, "%m"],
    [/^M/u, "%-m"],
    [/^dd/u, "%d"],
    [/^d/u, "%-d"],
    [/^HH/u, "%H"],
    [/^H/u, "%-H"],
    [/^hh/u, "%I"],
    [/^h/u, "%-I"],
    [/^mm/u, "%M"],
    [/^ss/u, "%S"],
    [/^f{7}/u, "%n"],
    [/^f{4,6}/u, "%f"],
    [/^f{1,3}/u, "%g"],
    [/^tt/u, "%p"],
    [/^zzz/u, "%z"],
  ];
  let out = "";
  let rest = dotnet;
  outer: while (rest.length > 0) {
    for (const [pattern, replacement] of tokens) {
      const match = pattern.exec(rest);
      if (match !== null) {
        out += replacement;
        rest = rest.slice(match[0].length);
        continue outer;
      }
    }
    const char = rest[0] ?? "";
    out += char === "%" ? "%%" : char;
    rest = rest.slice(1);
  }
  return out;
}
