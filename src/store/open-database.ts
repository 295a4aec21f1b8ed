import { SluiceError } from "../core/index.js";
import type { Database, DatabaseConfig, OpenDatabaseOptions } from "./database.js";

/**
 * Opens the store described by `config` and, unless `options.migrate` is false, applies
 * pending migrations (safe when two servers start at once). Each adapter is loaded only when
 * used, so an SQLite server never loads pg and the reverse.
 */
export async function openDatabase(
  config: DatabaseConfig,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  const database = await openAdapter(config, options);
  if (options.migrate ?? true) {
    try {
      await database.migrate();
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

async function openAdapter(
  config: DatabaseConfig,
  options: OpenDatabaseOptions,
): Promise<Database> {
  switch (config.kind) {
    case "sqlite": {
      const { openSqlite } = await import("./sqlite/open-sqlite.js");
      return openSqlite(config, options);
    }
    case "postgres": {
      const { openPostgres } = await import("./postgres/open-postgres.js");
      return openPostgres(config, options);
    }
    default: {
      const kind = (config as { kind?: unknown }).kind;
      throw new SluiceError(
        "InvalidArgument",
        `Database kind "${String(kind)}" is not supported; use "sqlite" or "postgres".`,
        { details: { field: "kind", value: kind, allowed: ["sqlite", "postgres"] } },
      );
    }
  }
}
