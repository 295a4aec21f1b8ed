import type { JsonObject, JsonValue } from "../../core/index.js";

/**
 * A DuckDB value as JSON, as a Lookup shows it: integers as numbers (as text past 2^53, which
 * JSON numbers cannot hold exactly), times as ISO 8601 UTC, bytes as base64, lists and
 * structs as arrays and objects.
 */
export function jsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array)
    return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(jsonValue);
  if (typeof value === "object") return jsonObject(value as Record<string, unknown>);
  return String(value);
}

/** A row as a JSON object. */
export function jsonObject(row: Readonly<Record<string, unknown>>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(row)) out[key] = jsonValue(value);
  return out;
}
