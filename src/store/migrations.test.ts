import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Migration } from "./migration.js";
import { postgresMigrations } from "./postgres/migrations/index.js";
import { sqliteMigrations } from "./sqlite/migrations/index.js";

function migrationFiles(dialect: string): string[] {
  const folder = new URL(`./${dialect}/migrations/`, import.meta.url);
  return readdirSync(folder)
    .filter((name) => /^\d{4}-.+\.ts$/.test(name))
    .sort();
}

function fileNames(migrations: readonly Migration[]): string[] {
  return migrations.map(
    (migration) => `${String(migration.version).padStart(4, "0")}-${migration.name}.ts`,
  );
}

describe("migration files", () => {
  it("lists every SQLite migration file, numbered as named", () => {
    expect(fileNames(sqliteMigrations)).toEqual(migrationFiles("sqlite"));
  });

  it("lists every PostgreSQL migration file, numbered as named", () => {
    expect(fileNames(postgresMigrations)).toEqual(migrationFiles("postgres"));
  });

  it("keeps the two dialects at the same versions, so a schema means the same on both", () => {
    expect(fileNames(postgresMigrations)).toEqual(fileNames(sqliteMigrations));
  });
});
