import { sql, type Kysely } from "kysely";
import type { Clock } from "../../core/index.js";
import type { Migration } from "../migration.js";
import { planMigrations, type MigrationReport } from "../plan-migrations.js";
import { recordMigration, runMigration } from "../record-migration.js";
import type { StoreSchema } from "../schema.js";

/**
 * The advisory lock key that serialises migrations across servers sharing one database:
 * an arbitrary constant ("SLUICE" in ASCII), unlikely to collide with another application.
 */
const migrationLockKey = 0x534c55494345;

/**
 * Applies pending PostgreSQL migrations under `pg_advisory_lock`: a second server starting
 * at the same moment blocks on the lock, then finds the migrations recorded and applies
 * nothing. Each migration runs in its own transaction with its `schema_migrations` row, so a
 * failure keeps the ones before it. The lock belongs to the session, so a server that dies
 * mid-run releases it with its connection.
 */
export async function migratePostgres(
  db: Kysely<StoreSchema>,
  migrations: readonly Migration[],
  clock: Clock,
): Promise<MigrationReport> {
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${migrationLockKey})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at BIGINT NOT NULL
      )`.execute(conn);
      const rows = await conn.selectFrom("schema_migrations").select("version").execute();
      const pending = planMigrations(
        migrations,
        rows.map((row) => row.version),
      );
      for (const migration of pending) {
        await conn.transaction().execute(async (trx) => {
          await runMigration(migration, trx);
          await recordMigration(trx, migration, clock);
        });
      }
      return { applied: pending.map((migration) => migration.version), current: migrations.length };
    } finally {
      await sql`SELECT pg_advisory_unlock(${migrationLockKey})`.execute(conn);
    }
  });
}
