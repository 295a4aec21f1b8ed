import type { Kysely } from "kysely";
import type { Clock, Logger } from "../core/index.js";
import type { MigrationReport } from "./plan-migrations.js";
import type { StoreSchema } from "./schema.js";

/** Which SQL dialect a {@link Database} speaks. */
export type Dialect = "sqlite" | "postgres";

/** An SQLite database file: the embedded default, for one machine. */
export interface SqliteConfig {
  readonly kind: "sqlite";
  /** The database file; created if missing. Must be a file (WAL needs one), not `:memory:`. */
  readonly path: string;
  /** How long a write waits for another process's write lock, in ms; default 5000. */
  readonly busyTimeoutMs?: number;
}

/** A PostgreSQL server, for several machines sharing one store. */
export interface PostgresConfig {
  readonly kind: "postgres";
  /** A `postgres://user:password@host:port/database` connection string. */
  readonly url: string;
  /** The most connections the pool opens; default 10. */
  readonly maxConnections?: number;
}

/** Where the store lives. */
export type DatabaseConfig = SqliteConfig | PostgresConfig;

/** Options for `openDatabase`. */
export interface OpenDatabaseOptions {
  /** Apply pending migrations before returning; default true ("applied at start"). */
  readonly migrate?: boolean;
  /** Stamps `schema_migrations.applied_at`; default the system clock. */
  readonly clock?: Clock;
  /** Receives connection errors that happen between queries; default silent. */
  readonly logger?: Logger;
}

/**
 * An open store database: the Kysely instance every store port queries, and the few
 * operations whose SQL differs by dialect.
 */
export interface Database {
  readonly dialect: Dialect;
  readonly db: Kysely<StoreSchema>;
  /**
   * Applies pending migrations. Safe when several processes call it at once: PostgreSQL
   * serialises them with an advisory lock, SQLite with a `BEGIN IMMEDIATE` transaction, and
   * each migration is recorded in `schema_migrations` in the transaction that applies it.
   */
  migrate(): Promise<MigrationReport>;
  /**
   * Runs `work` in a write transaction and commits, or rolls back if it throws. `work` must
   * query through the handle it is given (on SQLite, the outer `db` waits for this
   * transaction to end). SQLite takes the write lock at the start (`BEGIN IMMEDIATE`), so
   * two processes never deadlock upgrading read locks.
   */
  writeTransaction<T>(work: (db: Kysely<StoreSchema>) => Promise<T>): Promise<T>;
  /** Closes the connection(s); the Database is unusable afterwards. */
  close(): Promise<void>;
}
