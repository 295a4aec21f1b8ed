import type { JsonObject, JsonValue } from "../../../core/index.js";
import type { SqlColumn, SqlRows, SqlText } from "./sql-client.js";

/**
 * A row as activity output JSON (Lookup's `firstRow`/`value`, Script's `resultSets`):
 * integers and decimals as numbers (a 64-bit integer or decimal too large for a double stays
 * text, so no digit is lost), booleans as booleans, timestamps as ISO 8601
 * (`2024-01-05T10:00:00`, with `Z` when the column has a time zone), binary as base64,
 * everything else as text.
 */
export function jsonRow(columns: readonly SqlColumn[], row: readonly SqlText[]): JsonObject {
  const out: JsonObject = {};
  columns.forEach((column, index) => {
    out[column.name] = jsonValue(column, row[index] ?? null);
  });
  return out;
}

/** Every row of a result as output JSON. */
export function jsonRows(result: SqlRows): JsonObject[] {
  return result.rows.map((row) => jsonRow(result.columns, row));
}

function jsonValue(column: SqlColumn, value: SqlText): JsonValue {
  if (value === null) return null;
  const duck = column.type.duck;
  if (/^(SMALLINT|INTEGER|BIGINT|FLOAT|DOUBLE|DECIMAL)/u.test(duck)) {
    const number = Number(value);
    if (!Number.isFinite(number)) return value;
    return Number.isSafeInteger(number) || !/^-?\d+$/u.test(value) ? number : value;
  }
  if (duck === "BOOLEAN") return ["t", "true", "1"].includes(value.toLowerCase());
  if (duck === "TIMESTAMP") return value.replace(" ", "T");
  if (duck === "TIMESTAMPTZ") {
    const parsed = Date.parse(value.replace(" ", "T").replace(/([+-]\d\d)$/u, "$1:00"));
    return Number.isNaN(parsed) ? value : new Date(parsed).toISOString().replace(".000Z", "Z");
  }
  if (duck === "BLOB") return Buffer.from(value, "hex").toString("base64");
  return value;
}
