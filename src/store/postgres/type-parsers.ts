import pg from "pg";
import { SluiceError } from "../../core/index.js";

const int8Oid = 20;
const jsonOid = 114;
const jsonbOid = 3802;

/**
 * pg's result parsing, changed so rows look the same as SQLite's: BIGINT (times in ms,
 * `count(*)`) as a number rather than a string, and JSON/JSONB as its text, which the
 * shared row mappers parse. Given per pool, not through pg's global `types`, so nothing
 * else in the process is affected.
 */
export const sluiceTypeParsers = {
  getTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
    if (oid === int8Oid) return parseInt8;
    if (oid === jsonOid || oid === jsonbOid) return (value: string) => value;
    return format === "binary"
      ? pg.types.getTypeParser(oid, "binary")
      : pg.types.getTypeParser(oid, "text");
  },
} as pg.CustomTypesConfig;

function parseInt8(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) {
    // Times in ms and counts stay far below 2^53; a larger value is a bug, not data to round.
    throw new SluiceError("Internal", `BIGINT ${value} is beyond JavaScript's safe integers.`, {
      details: { value },
    });
  }
  return parsed;
}
