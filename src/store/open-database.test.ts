import { describe, expect, it } from "vitest";
import { isSluiceError } from "../core/index.js";
import type { DatabaseConfig } from "./database.js";
import { openDatabase } from "./open-database.js";

async function codeOf(config: DatabaseConfig): Promise<string | undefined> {
  const error = await openDatabase(config).then(
    async (database) => {
      await database.close();
      return undefined;
    },
    (caught: unknown) => caught,
  );
  return isSluiceError(error) ? error.code : String(error);
}

describe("openDatabase", () => {
  it("refuses an in-memory SQLite database: WAL and other processes need a file", async () => {
    expect(await codeOf({ kind: "sqlite", path: ":memory:" })).toBe("InvalidArgument");
  });

  it("refuses an unknown kind, naming the kinds it supports", async () => {
    const config = { kind: "mysql", url: "mysql://x" } as unknown as DatabaseConfig;
    expect(await codeOf(config)).toBe("InvalidArgument");
  });
});
