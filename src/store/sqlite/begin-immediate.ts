import { setTimeout as delay } from "node:timers/promises";
import type BetterSqlite3 from "better-sqlite3";
import { SluiceError } from "../../core/index.js";

/**
 * Starts a transaction that holds SQLite's write lock (`BEGIN IMMEDIATE`), waiting up to
 * `maxWaitMs` while another connection holds it.
 *
 * better-sqlite3 is synchronous: its busy_timeout waits by blocking the whole thread, so a
 * connection in this process that holds the lock could never finish while we wait. Here we
 * try without waiting and retry after timers, which lets the holder, in this process or
 * another, commit meanwhile.
 */
export async function beginImmediate(
  raw: BetterSqlite3.Database,
  maxWaitMs: number,
): Promise<void> {
  const statements = statementsOf(raw);
  // Not a prepared statement: SQLite applies busy_timeout when the pragma is compiled.
  raw.pragma("busy_timeout = 0");
  try {
    let waited = 0;
    for (let attempt = 0; ; attempt += 1) {
      try {
        statements.begin.run();
        return;
      } catch (error) {
        if (!isBusy(error) || waited >= maxWaitMs) throw busyError(error, waited);
      }
      // 1, 2, 4 ... 64 ms: short first waits, as most holders commit within milliseconds.
      const pause = Math.min(2 ** attempt, 64);
      await delay(pause);
      waited += pause;
    }
  } finally {
    raw.pragma(`busy_timeout = ${statements.busyTimeout}`);
  }
}

/**
 * What each transaction needs, read or prepared once per connection (they run for every
 * claim and completion): the busy timeout the connection had when first used here (only this
 * module changes it after the database is opened), and its BEGIN and COMMIT.
 */
interface TransactionStatements {
  readonly busyTimeout: number;
  readonly begin: BetterSqlite3.Statement;
  readonly commit: BetterSqlite3.Statement;
}

const prepared = new WeakMap<BetterSqlite3.Database, TransactionStatements>();

function statementsOf(raw: BetterSqlite3.Database): TransactionStatements {
  let statements = prepared.get(raw);
  if (statements === undefined) {
    statements = {
      busyTimeout: Number(raw.pragma("busy_timeout", { simple: true })),
      begin: raw.prepare("BEGIN IMMEDIATE"),
      commit: raw.prepare("COMMIT"),
    };
    prepared.set(raw, statements);
  }
  return statements;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED";
}

function busyError(error: unknown, waited: number): unknown {
  if (!isBusy(error)) return error;
  return new SluiceError(
    "Internal",
    `The SQLite database stayed locked by another writer for ${waited} ms; is another process holding a long write transaction?`,
    { details: { waitedMs: waited }, cause: error },
  );
}

/**
 * Runs `work` inside `BEGIN IMMEDIATE ... COMMIT`; rolls back and rethrows if it throws.
 * The caller holds the Kysely connection, so no other query of this process interleaves.
 */
export async function immediateTransaction<T>(
  raw: BetterSqlite3.Database,
  maxWaitMs: number,
  work: () => Promise<T>,
): Promise<T> {
  await beginImmediate(raw, maxWaitMs);
  try {
    const result = await work();
    statementsOf(raw).commit.run();
    return result;
  } catch (error) {
    // SQLite rolls back by itself on some errors (SQLITE_FULL, ...); ROLLBACK then would fail.
    if (raw.inTransaction) raw.exec("ROLLBACK");
    throw error;
  }
}
