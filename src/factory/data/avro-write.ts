import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import avro from "avsc";
import { SluiceError } from "../../core/index.js";
import { avroWriteCodecs } from "./avro-codecs.js";
import type { DuckSession } from "./duckdb-session.js";
import type { AvroFormat } from "./file-format.js";
import { sqlIdent } from "./sql-text.js";

/** How one result column is written: its Avro type, the SQL giving a plain value, and JS. */
interface AvroField {
  readonly name: string;
  readonly type: unknown;
  readonly sql: string;
  readonly toAvro: (value: unknown) => unknown;
}

const avroName = /^[A-Za-z_][A-Za-z0-9_]*$/u;

/**
 * Writes the rows of `select` to `diskPath` as an Avro container file, streaming: DuckDB
 * yields a chunk of rows at a time and avsc's block encoder compresses each block with the
 * dataset's codec. The schema is a record of the result's columns, each a union with null.
 * Resolves with the rows written.
 */
export async function writeAvro(
  session: DuckSession,
  select: string,
  diskPath: string,
  format: AvroFormat,
): Promise<number> {
  const described = await session.rows(`DESCRIBE ${select}`);
  const fields = described.map((row) =>
    avroField(String(row.column_name), String(row.column_type)),
  );
  const schema = {
    type: "record",
    name: "SluiceRecord",
    fields: fields.map((field) => ({
      name: field.name,
      type: ["null", field.type],
      default: null,
    })),
  };
  const encoder = new avro.streams.BlockEncoder(schema as avro.Schema, {
    codec: format.codec,
    codecs: avroWriteCodecs(format.level),
    writeHeader: "always",
  });
  const landed = pipeline(encoder, createWriteStream(diskPath));
  // Awaited below; until then a write failure must not count as an unhandled rejection.
  landed.catch(() => undefined);
  const list = fields.map((field) => `${field.sql} AS ${sqlIdent(field.name)}`).join(", ");
  let rows = 0;
  try {
    for await (const chunk of session.chunks(`SELECT ${list} FROM (${select})`)) {
      for (const row of chunk) {
        rows += 1;
        // Written row by row; waits only when the encoder's buffer is full.
        if (!encoder.write(avroRecord(fields, row))) await once(encoder, "drain");
      }
    }
    encoder.end();
  } catch (error) {
    encoder.destroy(error as Error);
  }
  await landed;
  return rows;
}

function avroRecord(
  fields: readonly AvroField[],
  row: readonly unknown[],
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index] as AvroField;
    const value = row[index];
    record[field.name] = value === null || value === undefined ? null : field.toAvro(value);
  }
  return record;
}

/** The Avro type of a DuckDB column type, and how its values get there. */
function avroField(name: string, duckType: string): AvroField {
  if (!avroName.test(name)) {
    throw new SluiceError(
      "InvalidArgument",
      `Column '${name}' cannot be written to Avro: Avro names start with a letter or _ and hold only letters, digits and _ (map it to another name with the translator).`,
      { details: { field: "column", value: name, adfCode: "AvroInvalidColumnName", side: "Sink" } },
    );
  }
  const ident = sqlIdent(name);
  const field = (type: unknown, sql: string, toAvro: (v: unknown) => unknown = (v) => v) => ({
    name,
    type,
    sql,
    toAvro,
  });
  const upper = duckType.toUpperCase();
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/u.exec(upper);
  if (decimal !== null) {
    const [precision, scale] = [Number(decimal[1]), Number(decimal[2])];
    const type = { type: "bytes", logicalType: "decimal", precision, scale };
    return field(type, `CAST(${ident} AS VARCHAR)`, (v) => decimalBytes(String(v), scale));
  }
  switch (upper) {
    case "BOOLEAN":
      return field("boolean", ident);
    case "TINYINT":
    case "SMALLINT":
    case "INTEGER":
    case "UTINYINT":
    case "USMALLINT":
      return field("int", ident);
    case "BIGINT":
    case "UINTEGER":
      return field("long", ident, (v) => safeLong(v, name));
    case "FLOAT":
      return field("float", ident);
    case "DOUBLE":
      return field("double", ident);
    case "DATE":
      return field(
        { type: "int", logicalType: "date" },
        `CAST(${ident} - DATE '1970-01-01' AS INTEGER)`,
      );
    case "TIMESTAMP":
    case "TIMESTAMP_S":
    case "TIMESTAMP_MS":
    case "TIMESTAMP_NS":
    case "TIMESTAMP WITH TIME ZONE":
      return field({ type: "long", logicalType: "timestamp-micros" }, `epoch_us(${ident})`, (v) =>
        safeLong(v, name),
      );
    case "BLOB":
      return field("bytes", `to_base64(${ident})`, (v) => Buffer.from(String(v), "base64"));
    case "UUID":
      return field({ type: "string", logicalType: "uuid" }, `CAST(${ident} AS VARCHAR)`);
    default: {
      // Nested values are written as their JSON text; anything else as DuckDB's text of it.
      const nested = /[[\]]$|^(STRUCT|MAP|UNION)\(/u.test(upper);
      return field(
        "string",
        nested ? `CAST(to_json(${ident}) AS VARCHAR)` : `CAST(${ident} AS VARCHAR)`,
      );
    }
  }
}

function safeLong(value: unknown, column: string): number {
  const number = Number(value);
  if (Number.isSafeInteger(number)) return number;
  throw new SluiceError(
    "InvalidArgument",
    `Column '${column}' holds ${String(value)}, beyond the ±2^53 range Sluice writes as an Avro long.`,
    { details: { field: "column", value: column, adfCode: "TypeConversionFailure", side: "Sink" } },
  );
}

/** An Avro decimal's bytes: the unscaled value, big-endian two's complement, fewest bytes. */
export function decimalBytes(text: string, scale: number): Buffer {
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = text.replace(/^[-+]/u, "").split(".");
  let unscaled = BigInt(whole + fraction.padEnd(scale, "0").slice(0, scale));
  if (negative) unscaled = -unscaled;
  let bytes = 1;
  while (unscaled >= 1n << BigInt(bytes * 8 - 1) || unscaled < -(1n << BigInt(bytes * 8 - 1))) {
    bytes += 1;
  }
  const twos = unscaled < 0n ? (1n << BigInt(bytes * 8)) + unscaled : unscaled;
  return Buffer.from(twos.toString(16).padStart(bytes * 2, "0"), "hex");
}
