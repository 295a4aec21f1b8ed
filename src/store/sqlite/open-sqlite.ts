import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { SluiceError, systemClock } from "../../core/index.js";
import type { Database, OpenDatabaseOptions, SqliteConfig } from "../database.js";
import type { StoreSchema } from "../schema.js";
import { immediateTransaction } from "./begin-immediate.js";
import { migrateSqlite } from "./migrate-sqlite.js";
import { cachingStatements } from "./statement-cache.js";
import { sqliteMigrations } from "./migrations/index.js";

/** Default wait for another process's write lock, in ms. */
const defaultBusyTimeoutMs = 5000;

/** Opens an SQLite store file with WAL, a busy timeout and foreign keys on. */
export function openSqlite(config: SqliteConfig, options: OpenDatabaseOptions): Database {
  const busyTimeoutMs = config.busyTimeoutMs ?? defaultBusyTimeoutMs;
  const raw = new BetterSqlite3(config.path);
  try {
    configure(raw, config.path, busyTimeoutMs);
  } catch (error) {
    raw.close();
    throw error;
  }
  const db = new Kysely<StoreSchema>({
    dialect: new SqliteDialect({ database: cachingStatements(raw) }),
  });
  const clock = options.clock ?? systemClock;
  return {
    dialect: "sqlite",
    db,
    migrate: () => migrateSqlite(db, raw, sqliteMigrations, clock),
    writeTransaction: (work) =>
      db.connection().execute((conn) => immediateTransaction(raw, busyTimeoutMs, () => work(conn))),
    close: () => db.destroy(),
  };
}

function configure(raw: BetterSqlite3.Database, path: string, busyTimeoutMs: number): void {
  // busy_timeout first: switching to WAL needs a lock another process may hold.
  raw.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  const mode = raw.pragma("journal_mode = WAL", { simple: true });
  if (mode !== "wal") {
    throw new SluiceError(
      "InvalidArgument",
      `SQLite database "${path}" cannot use WAL (journal mode is "${String(mode)}"); give the path of a file on a local disk.`,
      { details: { field: "path", value: path } },
    );
  }
  // NORMAL is durable across application crashes in WAL mode; only a power loss may lose
  // the last commits, never corrupt the file. FULL would fsync on every commit.
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
}
