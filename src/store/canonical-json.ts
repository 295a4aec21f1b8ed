import { createHash } from "node:crypto";
import { SluiceError } from "../core/index.js";

/**
 * `value` as JSON text with object keys sorted and no spaces: two documents that mean the
 * same have the same text, whatever their key order (PostgreSQL's JSONB reorders keys, so
 * stored text alone cannot tell whether a resource changed). Rejects what JSON cannot hold
 * (undefined, functions, BigInt, NaN, Infinity, cycles) with an `InvalidArgument` naming
 * `where` and the JSON path.
 */
export function canonicalJson(value: unknown, where: string): string {
  const parts: string[] = [];
  write(value, "$", new Set(), parts, where);
  return parts.join("");
}

/** The SHA-256 (hex) of {@link canonicalJson}: equal for documents that mean the same. */
export function jsonDigest(canonical: string): string {
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

function write(
  value: unknown,
  path: string,
  open: Set<object>,
  parts: string[],
  where: string,
): void {
  if (value === null || typeof value === "boolean" || typeof value === "string") {
    parts.push(JSON.stringify(value));
    return;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw notJson(where, path, String(value));
    parts.push(JSON.stringify(value));
    return;
  }
  if (typeof value !== "object") throw notJson(where, path, typeof value);
  if (open.has(value)) throw notJson(where, path, "a reference to itself (a cycle)");
  open.add(value);
  if (Array.isArray(value)) {
    parts.push("[");
    value.forEach((item: unknown, index) => {
      if (index > 0) parts.push(",");
      write(item, `${path}[${index}]`, open, parts, where);
    });
    parts.push("]");
  } else {
    writeObject(value as Record<string, unknown>, path, open, parts, where);
  }
  open.delete(value);
}

function writeObject(
  value: Record<string, unknown>,
  path: string,
  open: Set<object>,
  parts: string[],
  where: string,
): void {
  parts.push("{");
  // As JSON.stringify does: properties whose value is undefined are left out.
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort();
  keys.forEach((key, index) => {
    if (index > 0) parts.push(",");
    parts.push(JSON.stringify(key), ":");
    write(value[key], `${path}.${key}`, open, parts, where);
  });
  parts.push("}");
}

function notJson(where: string, path: string, what: string): SluiceError {
  return new SluiceError(
    "InvalidArgument",
    `${where}: the value at ${path} is ${what}, which JSON cannot hold; use null, a boolean, a finite number, a string, an array or an object.`,
    { details: { field: where, jsonPath: path } },
  );
}
