import { describe, expect, it } from "vitest";
import { isSluiceError } from "../core/index.js";
import { ddlMigration } from "./migration.js";
import { planMigrations } from "./plan-migrations.js";

const one = ddlMigration(1, "one", []);
const two = ddlMigration(2, "two", []);
const three = ddlMigration(3, "three", []);

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return isSluiceError(error) ? error.code : "not a SluiceError";
  }
  return undefined;
}

describe("planMigrations", () => {
  it("returns the migrations not yet applied, in order", () => {
    expect(planMigrations([one, two, three], [])).toEqual([one, two, three]);
    expect(planMigrations([one, two, three], [2, 1])).toEqual([three]);
    expect(planMigrations([one, two, three], [1, 2, 3])).toEqual([]);
  });

  it("refuses a database that records a version this build does not know", () => {
    expect(codeOf(() => planMigrations([one, two], [1, 2, 3]))).toBe("StoreSchemaTooNew");
  });

  it("refuses a migration list with a gap or out of order", () => {
    expect(codeOf(() => planMigrations([one, three], []))).toBe("Internal");
    expect(codeOf(() => planMigrations([two, one], []))).toBe("Internal");
  });
});
