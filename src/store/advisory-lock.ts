import { sql, type Kysely } from "kysely";
import type { Dialect } from "./database.js";
import type { StoreSchema } from "./schema.js";

/** Lock spaces (the first key of PostgreSQL's two-key advisory locks), one per purpose. */
export const lockSpace = {
  /** Resource writes of one factory (versions are numbered under it). */
  factoryResources: 0x534c01,
  /** `tryStart` of one pipeline (concurrency is counted under it). */
  pipelineStart: 0x534c02,
} as const;

/**
 * On PostgreSQL, holds an advisory lock on (`space`, `key`) until the transaction ends, so
 * writers of the same thing run one at a time even when the rows they count do not exist
 * yet. SQLite needs none: its write transactions (`BEGIN IMMEDIATE`) already run one at a
 * time. Two keys hashing alike only make unrelated writers wait for each other.
 */
export async function lockForTransaction(
  dialect: Dialect,
  trx: Kysely<StoreSchema>,
  space: number,
  key: string,
): Promise<void> {
  if (dialect !== "postgres") return;
  await sql`SELECT pg_advisory_xact_lock(${space}::integer, hashtext(${key}))`.execute(trx);
}
