import { SluiceError } from "../core/index.js";
import type { Migration } from "./migration.js";

/**
 * The migrations still to apply, in order, given the versions a database has recorded.
 * Refuses a database that records a version this build does not know (a newer Sluice
 * migrated it: running old code on a newer schema could corrupt it), and a migration list
 * that is not numbered 1, 2, 3... (a bug caught by the first test that migrates).
 */
export function planMigrations(
  known: readonly Migration[],
  appliedVersions: readonly number[],
): Migration[] {
  known.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new SluiceError(
        "Internal",
        `Migration "${migration.name}" has version ${migration.version}; expected ${index + 1}: migrations must be numbered 1, 2, 3... without gaps.`,
        { details: { version: migration.version, expected: index + 1 } },
      );
    }
  });
  const unknown = appliedVersions.filter((version) => version < 1 || version > known.length);
  if (unknown.length > 0) {
    throw new SluiceError(
      "StoreSchemaTooNew",
      `The database records migration ${unknown.join(", ")}, but this Sluice knows migrations 1 to ${known.length}: it was migrated by a newer Sluice. Upgrade Sluice or use another database.`,
      { details: { unknownVersions: unknown, latestKnown: known.length } },
    );
  }
  const applied = new Set(appliedVersions);
  return known.filter((migration) => !applied.has(migration.version));
}

/** What one `migrate()` call did: the versions it applied (often none) and the latest version. */
export interface MigrationReport {
  readonly applied: readonly number[];
  readonly current: number;
}
