import type { Kysely } from "kysely";
import { SluiceError, isSluiceError, type Clock } from "../core/index.js";
import type { Migration } from "./migration.js";
import type { StoreSchema } from "./schema.js";

/** Runs one migration, wrapping a failure in a `StoreMigrationFailed` that names it. */
export async function runMigration(migration: Migration, db: Kysely<StoreSchema>): Promise<void> {
  try {
    await migration.up(db as unknown as Kysely<unknown>);
  } catch (error) {
    if (isSluiceError(error)) throw error;
    const label = `${String(migration.version).padStart(4, "0")}-${migration.name}`;
    throw new SluiceError(
      "StoreMigrationFailed",
      `Migration ${label} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`,
      { details: { version: migration.version, name: migration.name }, cause: error },
    );
  }
}

/** Records `migration` as applied, in the caller's transaction. */
export async function recordMigration(
  db: Kysely<StoreSchema>,
  migration: Migration,
  clock: Clock,
): Promise<void> {
  await db
    .insertInto("schema_migrations")
    .values({ version: migration.version, name: migration.name, applied_at: clock.now() })
    .execute();
}
