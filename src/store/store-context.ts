import type { Kysely } from "kysely";
import type { Dialect } from "./database.js";
import type { StoreSchema } from "./schema.js";

/**
 * What the job, node and task stores run on: a query handle, its dialect (for the few
 * dialect-specific statements) and a way to make several statements one atomic write.
 * A `Database` is one; {@link joinTransaction} makes one that writes inside an open
 * transaction, so a caller can combine several stores' writes atomically.
 */
export interface StoreContext {
  readonly dialect: Dialect;
  readonly db: Kysely<StoreSchema>;
  writeTransaction<T>(work: (db: Kysely<StoreSchema>) => Promise<T>): Promise<T>;
}

/**
 * A context for the handle `Database.writeTransaction` gives: its writes run inline, in that
 * transaction, which commits or rolls back as a whole.
 */
export function joinTransaction(dialect: Dialect, trx: Kysely<StoreSchema>): StoreContext {
  return { dialect, db: trx, writeTransaction: (work) => work(trx) };
}

/** Most values bound in one statement: far below SQLite's 32,766 and PostgreSQL's 65,535. */
export const chunkSize = 500;

/** `items` cut into arrays of at most `size`. */
export function chunks<T>(items: readonly T[], size = chunkSize): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}

/**
 * On PostgreSQL, locks a job row until the transaction ends: `update` for writers that must
 * exclude each other (adding dependent tasks, claiming under max_parallel_tasks), `share`
 * for those that may run together (releasing dependents). SQLite needs none: its write
 * transactions (`BEGIN IMMEDIATE`) already run one at a time.
 */
export async function lockJob(
  context: { dialect: Dialect },
  trx: Kysely<StoreSchema>,
  jobKeys: readonly string[],
  mode: "update" | "share",
): Promise<void> {
  if (jobKeys.length === 0 || context.dialect !== "postgres") return;
  const query = trx
    .selectFrom("jobs")
    .select("id_key")
    .where("id_key", "in", jobKeys)
    // One order for every locker, so two of them never wait on each other in a cycle.
    .orderBy("id_key");
  await (mode === "update" ? query.forUpdate() : query.forShare()).execute();
}
