import type { Migration } from "../../migration.js";
import { batchTables } from "./0001-batch-tables.js";

/** PostgreSQL migrations in version order; the migrator refuses gaps and unknown versions. */
export const postgresMigrations: readonly Migration[] = [batchTables];
