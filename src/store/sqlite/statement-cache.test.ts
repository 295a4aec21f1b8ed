import BetterSqlite3 from "better-sqlite3";
import { expect, it } from "vitest";
import { cachingStatements } from "./statement-cache.js";

it("prepares each SQL text once and drops the least recently used past its capacity", () => {
  const db = cachingStatements(new BetterSqlite3(":memory:"), 2);
  const one = db.prepare("SELECT 1 AS v");
  expect(db.prepare("SELECT 1 AS v")).toBe(one);
  const two = db.prepare("SELECT 2 AS v");
  db.prepare("SELECT 1 AS v"); // now the most recently used
  db.prepare("SELECT 3 AS v"); // evicts "SELECT 2"
  expect(db.prepare("SELECT 1 AS v")).toBe(one);
  expect(db.prepare("SELECT 2 AS v")).not.toBe(two);
  expect(one.all([])).toEqual([{ v: 1 }]);
  db.close();
});
