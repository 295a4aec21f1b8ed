import { sql, type Kysely } from "kysely";

/**
 * One numbered schema change for one dialect. `up` runs inside the migrator's transaction
 * together with the row recording it in `schema_migrations`, so a migration is applied
 * whole or not at all.
 */
export interface Migration {
  /** 1, 2, 3...: the number in the file name (`0001-batch-tables.ts`). */
  readonly version: number;
  /** The rest of the file name, for `schema_migrations.name` and messages. */
  readonly name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

/**
 * A migration made of plain DDL statements, run in order. One statement per string because
 * better-sqlite3 prepares exactly one statement at a time.
 */
export function ddlMigration(
  version: number,
  name: string,
  statements: readonly string[],
): Migration {
  return {
    version,
    name,
    async up(db) {
      for (const statement of statements) {
        await sql.raw(statement).execute(db);
      }
    },
  };
}
