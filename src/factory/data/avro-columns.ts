import { sqlIdent } from "./sql-text.js";

/**
 * How one Avro field becomes a DuckDB column: the JSON-lines staging writes `toJson(value)`,
 * DuckDB reads it as `jsonType` and `select` turns that into the column's real type.
 */
export interface AvroColumn {
  readonly name: string;
  readonly jsonType: string;
  readonly select: string;
  readonly toJson: (value: unknown) => unknown;
}

type Schema = string | readonly unknown[] | Readonly<Record<string, unknown>>;

const same = (value: unknown): unknown => value;
const base64 = (value: unknown): unknown =>
  Buffer.isBuffer(value) ? value.toString("base64") : value;
// Nested values land in a JSON column: bytes become base64 text, longs stay numbers.
const asJsonValue = (value: unknown): unknown =>
  value === null
    ? null
    : (JSON.parse(JSON.stringify(value, (_key, item: unknown) => jsonSafe(item))) as unknown);

/** The DuckDB columns of an Avro record schema (its fields, in order). */
export function avroColumns(fields: readonly { name: string; type: unknown }[]): AvroColumn[] {
  return fields.map((field) => avroColumn(field.name, field.type as Schema));
}

function avroColumn(name: string, schema: Schema): AvroColumn {
  const column = (jsonType: string, select: (ident: string) => string, toJson = same) => ({
    name,
    jsonType,
    select: `${select(sqlIdent(name))} AS ${sqlIdent(name)}`,
    toJson,
  });
  const plain = (type: string) => column(type, (ident) => ident);
  // A union with null is the nullable form of its other branch; wider unions stay JSON.
  const inner = Array.isArray(schema) ? schema.filter((branch) => branch !== "null") : [schema];
  if (inner.length !== 1) return column("JSON", (ident) => ident, asJsonValue);
  const type = inner[0] as Schema;
  const record: Readonly<Record<string, unknown>> =
    typeof type === "object" && !Array.isArray(type) ? (type as Record<string, unknown>) : { type };
  const base = record.type;
  const logical = record.logicalType;
  switch (base) {
    case "boolean":
      return plain("BOOLEAN");
    case "int":
      if (logical === "date") return column("INTEGER", (i) => `(DATE '1970-01-01' + ${i})`);
      if (logical === "time-millis")
        return column("INTEGER", (i) => `(TIME '00:00:00' + to_milliseconds(${i}))`);
      return plain("INTEGER");
    case "long":
      if (logical === "timestamp-millis" || logical === "local-timestamp-millis")
        return column("BIGINT", (i) => `epoch_ms(${i})`);
      if (logical === "timestamp-micros" || logical === "local-timestamp-micros")
        return column("BIGINT", (i) => `make_timestamp(${i})`);
      if (logical === "time-micros")
        return column("BIGINT", (i) => `(TIME '00:00:00' + to_microseconds(${i}))`);
      return plain("BIGINT");
    case "float":
      return plain("FLOAT");
    case "double":
      return plain("DOUBLE");
    case "string":
    case "enum":
      return plain("VARCHAR");
    case "bytes":
    case "fixed":
      return bytesColumn(name, record, column);
    default:
      return column("JSON", (ident) => ident, asJsonValue);
  }
}

function bytesColumn(
  name: string,
  record: Readonly<Record<string, unknown>>,
  column: (t: string, s: (i: string) => string, j?: (v: unknown) => unknown) => AvroColumn,
): AvroColumn {
  const precision = Number(record.precision);
  const scale = Number(record.scale ?? 0);
  if (record.logicalType !== "decimal" || !Number.isInteger(precision) || precision < 1) {
    return column("VARCHAR", (ident) => `from_base64(${ident})`, base64);
  }
  // DuckDB's DECIMAL holds 38 digits; wider decimals are read as DOUBLE.
  const target = precision <= 38 ? `DECIMAL(${precision}, ${scale})` : "DOUBLE";
  return column(
    "VARCHAR",
    (ident) => `CAST(${ident} AS ${target})`,
    (value) => (Buffer.isBuffer(value) ? decimalText(value, scale) : value),
  );
}

/** The decimal text of an Avro decimal: big-endian two's-complement unscaled digits. */
export function decimalText(bytes: Buffer, scale: number): string {
  if (bytes.length === 0) return "0";
  let unscaled = BigInt(`0x${bytes.toString("hex")}`);
  if ((bytes[0] ?? 0) & 0x80) unscaled -= 1n << BigInt(bytes.length * 8);
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

function jsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (
    value !== null &&
    typeof value === "object" &&
    (value as { type?: unknown }).type === "Buffer"
  )
    return Buffer.from((value as { data: number[] }).data).toString("base64");
  return value;
}
