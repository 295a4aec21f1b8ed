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
  const savedTimeout = raw.pragma("busy_timeout", { simple: true }) as number;
  raw.pragma("busy_timeout = 0");
  try {
    let waited = 0;
    for (let attempt = 0; ; attempt += 1) {
      try {
        raw.exec("BEGIN IMMEDIATE");
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
    raw.pragma(`busy_timeout = ${savedTimeout}`);
  }
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
    raw.exec("COMMIT");
    return result;
  } catch (error) {
    // SQLite rolls back by itself on some errors (SQLITE_FULL, ...); ROLLBACK then would fail.
    if (raw.inTransaction) raw.exec("ROLLBACK");
    throw error;
  }
}
