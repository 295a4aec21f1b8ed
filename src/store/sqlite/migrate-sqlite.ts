import type BetterSqlite3 from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import type { Clock } from "../../core/index.js";
import type { Migration } from "../migration.js";
import { planMigrations, type MigrationReport } from "../plan-migrations.js";
import { recordMigration, runMigration } from "../record-migration.js";
import type { StoreSchema } from "../schema.js";
import { immediateTransaction } from "./begin-immediate.js";

// A server starting while another migrates waits for it rather than failing: migrations on
// a large database can take minutes.
const migrationLockWaitMs = 10 * 60_000;

/**
 * Applies pending SQLite migrations in one `BEGIN IMMEDIATE` transaction: the first process
 * to take the write lock migrates; any other waits, then finds them recorded and applies
 * nothing. SQLite DDL is transactional, so a failure leaves the schema as it was.
 */
export async function migrateSqlite(
  db: Kysely<StoreSchema>,
  raw: BetterSqlite3.Database,
  migrations: readonly Migration[],
  clock: Clock,
): Promise<MigrationReport> {
  return db.connection().execute((conn) =>
    immediateTransaction(raw, migrationLockWaitMs, async () => {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      ) STRICT`.execute(conn);
      const rows = await conn.selectFrom("schema_migrations").select("version").execute();
      const pending = planMigrations(
        migrations,
        rows.map((row) => row.version),
      );
      for (const migration of pending) {
        await runMigration(migration, conn);
        await recordMigration(conn, migration, clock);
      }
      return { applied: pending.map((migration) => migration.version), current: migrations.length };
    }),
  );
}
