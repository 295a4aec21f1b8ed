export { openDatabase } from "./open-database.js";
export type {
  Database,
  DatabaseConfig,
  Dialect,
  OpenDatabaseOptions,
  PostgresConfig,
  SqliteConfig,
} from "./database.js";
export type { MigrationReport } from "./plan-migrations.js";
export type { StoreSchema } from "./schema.js";
export { maxPageSize, type ListOptions, type Page } from "./page.js";
export type {
  AllocationState,
  NewPool,
  NodeFillType,
  PoolPatch,
  PoolRecord,
  PoolState,
  PoolStore,
  WriteOptions,
} from "./pool-store.js";
export { createPoolStore, type StoreDeps } from "./sql-pool-store.js";
