import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { silentLogger, systemClock } from "../../core/index.js";
import type { Database, OpenDatabaseOptions, PostgresConfig } from "../database.js";
import type { StoreSchema } from "../schema.js";
import { migratePostgres } from "./migrate-postgres.js";
import { postgresMigrations } from "./migrations/index.js";
import { sluiceTypeParsers } from "./type-parsers.js";

/** Default size of the connection pool. */
const defaultMaxConnections = 10;

/** Opens a PostgreSQL store through a `pg.Pool`. Connects lazily, on the first query. */
export function openPostgres(config: PostgresConfig, options: OpenDatabaseOptions): Database {
  const logger = options.logger ?? silentLogger;
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.maxConnections ?? defaultMaxConnections,
    types: sluiceTypeParsers,
  });
  // An idle connection that breaks (server restart, network) emits 'error' on the pool; left
  // unhandled it would crash the process. The pool replaces the connection on next use.
  pool.on("error", (error) => {
    logger.warn("An idle PostgreSQL connection failed", { error: error.message });
  });
  const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  const clock = options.clock ?? systemClock;
  return {
    dialect: "postgres",
    db,
    migrate: () => migratePostgres(db, postgresMigrations, clock),
    writeTransaction: (work) => db.transaction().execute(work),
    close: () => db.destroy(),
  };
}
