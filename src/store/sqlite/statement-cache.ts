import type BetterSqlite3 from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** How many distinct SQL texts stay prepared; the store's queries number far fewer. */
const defaultCapacity = 500;

/**
 * The database as Kysely's SQLite driver sees it, preparing each SQL text once. Kysely
 * prepares every query anew, and preparing costs as much as running a small query; the
 * store's SQL comes from a fixed set of builders, so the same texts recur. Least recently
 * used statements are dropped past `capacity` (lists with `IN (...)` of varying length make
 * new texts). Safe because better-sqlite3 runs a statement to its end synchronously and
 * Kysely holds the one connection while it streams.
 */
export function cachingStatements(
  raw: BetterSqlite3.Database,
  capacity = defaultCapacity,
): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached !== undefined) {
        // Re-inserted to mark it most recently used (a Map keeps insertion order).
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = raw.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > capacity) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      return statement;
    },
    close(): void {
      statements.clear();
      raw.close();
    },
  };
}
