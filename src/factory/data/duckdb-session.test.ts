import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DuckSession, sessionMemoryLimit } from "./duckdb-session.js";

describe("DuckSession", () => {
  it("caps DuckDB's memory by threads, not by the machine's memory, and hands freed memory back", async () => {
    expect(sessionMemoryLimit(1)).toBe("256MB");
    expect(sessionMemoryLimit(8)).toBe("1024MB");
    const dir = await mkdtemp(join(tmpdir(), "sluice-duck-"));
    const session = await DuckSession.open(dir, new AbortController().signal);
    try {
      const [row] = await session.rows(
        "SELECT current_setting('memory_limit') AS memory, current_setting('threads') AS threads, current_setting('allocator_background_threads') AS background",
      );
      const threads = availableParallelism();
      expect(Number(row?.threads)).toBe(threads);
      // DuckDB shows the limit in its own units (256MB reads back as "244.1 MiB").
      const limit = Number(sessionMemoryLimit(threads).replace("MB", "")) * 1e6;
      const [value = "", unit = ""] = String(row?.memory).split(" ");
      const bytes = Number(value) * (unit === "GiB" ? 2 ** 30 : 2 ** 20);
      expect(Math.abs(bytes - limit) / limit).toBeLessThan(0.01);
      expect(row?.background).toBe(true);
    } finally {
      session.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
