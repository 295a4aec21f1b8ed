import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import {
  openDatabase,
  type Database,
  type DatabaseConfig,
  type Dialect,
  type OpenDatabaseOptions,
} from "../../src/store/index.js";

/** Every adapter a store test runs against. */
export const dialects: readonly Dialect[] = ["sqlite", "postgres"];

/** One adapter's fresh, empty database for a test file, and handles opened on it. */
export interface TestDatabase {
  readonly dialect: Dialect;
  /** The config of this file's database (valid from `beforeAll` on). */
  readonly config: DatabaseConfig;
  /** Opens (and by default migrates) another handle on this file's database; closed after the file. */
  open(options?: OpenDatabaseOptions): Promise<Database>;
}

/**
 * Declares `describe(title (dialect))` once per adapter, each with its own fresh database
 * created before the file's tests and removed after: SQLite in a temp folder, PostgreSQL as
 * `CREATE DATABASE` on the run's server (see postgres-global-setup.ts), so test files run
 * in parallel without sharing rows.
 */
export function describeEachDialect(title: string, body: (target: TestDatabase) => void): void {
  describe.each(dialects)(`${title} (%s)`, (dialect) => {
    const target = new FileDatabase(dialect);
    beforeAll(() => target.create(), 60_000);
    afterAll(() => target.dispose(), 60_000);
    body(target);
  });
}

class FileDatabase implements TestDatabase {
  private created: { config: DatabaseConfig; remove: () => Promise<void> } | undefined;
  private readonly handles: Database[] = [];

  constructor(readonly dialect: Dialect) {}

  get config(): DatabaseConfig {
    if (this.created === undefined) throw new Error("The test database is created in beforeAll.");
    return this.created.config;
  }

  async create(): Promise<void> {
    this.created = this.dialect === "sqlite" ? await createSqlite() : await createPostgres();
  }

  async open(options?: OpenDatabaseOptions): Promise<Database> {
    const database = await openDatabase(this.config, options);
    this.handles.push(database);
    return database;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.handles.splice(0).map((database) => database.close()));
    await this.created?.remove();
  }
}

async function createSqlite(): Promise<{ config: DatabaseConfig; remove: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), "sluice-test-sqlite-"));
  return {
    config: { kind: "sqlite", path: join(folder, "sluice.db") },
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}

async function createPostgres(): Promise<{ config: DatabaseConfig; remove: () => Promise<void> }> {
  const adminUrl = inject("sluicePgAdminUrl");
  const name = `sluice_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    // Small pools: many test files hold connections to one server at once.
    config: { kind: "postgres", url: url.toString(), maxConnections: 4 },
    remove: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
