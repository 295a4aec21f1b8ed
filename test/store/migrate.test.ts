import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { ManualClock, isSluiceError } from "../../src/core/index.js";
import type { Database, StoreSchema } from "../../src/store/index.js";
import { ddlMigration, type Migration } from "../../src/store/migration.js";
import { migratePostgres } from "../../src/store/postgres/migrate-postgres.js";
import { postgresMigrations } from "../../src/store/postgres/migrations/index.js";
import { migrateSqlite } from "../../src/store/sqlite/migrate-sqlite.js";
import { sqliteMigrations } from "../../src/store/sqlite/migrations/index.js";
import { describeEachDialect, type TestDatabase } from "../support/databases.js";

const clock = new ManualClock(Date.UTC(2026, 0, 1));
const batchTables = [
  "autoscale_samples",
  "gang_reservations",
  "job_preparations",
  "job_schedules",
  "jobs",
  "nodes",
  "pools",
  "subtasks",
  "task_dependencies",
  "tasks",
];
const factoryTables = [
  "activity_runs",
  "factories",
  "factory_resources",
  "pipeline_runs",
  "resource_versions",
];
const triggerTables = ["blob_event_cursors", "trigger_runs", "trigger_states"];

async function tableNames(database: Database): Promise<string[]> {
  const tables = await database.db.introspection.getTables();
  return tables.map((table) => table.name).sort();
}

async function recordedVersions(database: Database): Promise<number[]> {
  const rows = await database.db
    .selectFrom("schema_migrations")
    .select("version")
    .orderBy("version")
    .execute();
  return rows.map((row) => row.version);
}

/** Runs `migrations` on the test database through the dialect's migrator. */
async function migrateWith(
  target: TestDatabase,
  migrations: readonly Migration[],
): Promise<unknown> {
  if (target.config.kind === "postgres") {
    const database = await target.open({ migrate: false });
    return migratePostgres(database.db, migrations, clock);
  }
  const raw = new BetterSqlite3(target.config.path);
  const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database: raw }) });
  try {
    return await migrateSqlite(db, raw, migrations, clock);
  } finally {
    await db.destroy();
  }
}

describeEachDialect("migrate", (target) => {
  let handles: Database[];

  beforeAll(async () => {
    // Separate handles (connections; pools on PostgreSQL), as separate servers would have.
    handles = await Promise.all([1, 2, 3, 4].map(() => target.open({ migrate: false, clock })));
  });

  it("applies each migration exactly once when four servers migrate at the same moment", async () => {
    const reports = await Promise.all(handles.map((database) => database.migrate()));
    const applied = reports.flatMap((report) => report.applied).sort((a, b) => a - b);
    const all = (target.dialect === "sqlite" ? sqliteMigrations : postgresMigrations).map(
      (migration) => migration.version,
    );
    expect(applied).toEqual(all);
    expect(reports.filter((report) => report.applied.length > 0)).toHaveLength(1);
    expect(reports.every((report) => report.current === all.length)).toBe(true);
    const [first] = handles as [Database];
    expect(await recordedVersions(first)).toEqual(all);
    expect(await tableNames(first)).toEqual(
      [...batchTables, ...factoryTables, ...triggerTables, "schema_migrations"].sort(),
    );
  });

  it("applies nothing the second time", async () => {
    const [first] = handles as [Database];
    expect((await first.migrate()).applied).toEqual([]);
  });

  it("refuses a database migrated by a newer Sluice", async () => {
    const [first] = handles as [Database];
    await first.db
      .insertInto("schema_migrations")
      .values({ version: 999, name: "future", applied_at: 0 })
      .execute();
    try {
      const error = await first.migrate().catch((caught: unknown) => caught);
      expect(isSluiceError(error, "StoreSchemaTooNew")).toBe(true);
    } finally {
      await first.db.deleteFrom("schema_migrations").where("version", "=", 999).execute();
    }
  });

  it("rolls back a failing migration whole and records nothing for it", async () => {
    const known = target.dialect === "sqlite" ? sqliteMigrations : postgresMigrations;
    const failing = ddlMigration(known.length + 1, "half-done", [
      "CREATE TABLE half_done (id INTEGER PRIMARY KEY)",
      "CREATE TABLE half_done (id INTEGER PRIMARY KEY)",
    ]);
    const error = await migrateWith(target, [...known, failing]).catch((caught: unknown) => caught);
    expect(isSluiceError(error, "StoreMigrationFailed")).toBe(true);
    const [first] = handles as [Database];
    expect(await tableNames(first)).not.toContain("half_done");
    expect(await recordedVersions(first)).toEqual(known.map((migration) => migration.version));
  });

  it("turns on foreign keys (and, on SQLite, WAL)", async () => {
    const [first] = handles as [Database];
    const orphan = first.db
      .insertInto("nodes")
      .values({
        id: "orphan",
        pool_id_key: "no-such-pool",
        state: "idle",
        state_transition_time: 0,
        scheduling_state: "enabled",
        task_slots: 1,
        allocation_time: 0,
        info: "{}",
      })
      .execute();
    await expect(orphan).rejects.toThrow();
    if (target.dialect === "sqlite") {
      const { rows } = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(first.db);
      expect(rows[0]?.journal_mode).toBe("wal");
    }
  });
});
