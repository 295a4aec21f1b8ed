// `sluice jobschedule` against a real Batch API on loopback, with a manual clock.
import { afterAll, beforeAll, expect, it } from "vitest";
import { runJobSchedule } from "../../src/cli/commands/index.js";
import type { Database } from "../../src/store/index.js";
import { addPool, start, startBatchApi, type BatchApi } from "../batch-api/batch-api-kit.js";
import { describeEachDialect } from "../support/databases.js";
import { runCli } from "./cli-harness.js";

describeEachDialect("sluice jobschedule", (target) => {
  let database: Database;
  let api: BatchApi;
  let url: string;
  beforeAll(async () => {
    database = await target.open();
    api = await startBatchApi(database);
    url = await api.app.listen({ host: "127.0.0.1", port: 0 });
    await addPool(api);
  });
  afterAll(() => api.close());
  const cli = (argv: string[]) => runCli(runJobSchedule, argv, { url });

  it("creates from flags, lists, shows, lists its jobs, disables, terminates, deletes", async () => {
    const created = await cli([
      "create",
      "--id",
      "nightly",
      "--pool",
      "pool",
      "--every",
      "10m",
      "--start",
      new Date(start + 60_000).toISOString(),
    ]);
    expect(created).toEqual({ code: 0, out: "Created job schedule nightly.\n", err: "" });
    const list = await cli(["list"]);
    expect(list.out).toMatch(/nightly\s+active\s+PT600S\s+2026-01-01T00:01:00.000Z/);
    api.clock.advance(60_000);
    await api.service.sweep();
    const jobs = await cli(["jobs", "nightly"]);
    expect(jobs.out).toMatch(/nightly:job-1\s+active/);
    const shown = JSON.parse((await cli(["show", "nightly", "--json"])).out) as {
      executionInfo: { recentJob: { id: string } };
    };
    expect(shown.executionInfo.recentJob.id).toBe("nightly:job-1");
    expect((await cli(["disable", "nightly"])).out).toBe("Disabled job schedule nightly.\n");
    expect((await cli(["terminate", "nightly"])).code).toBe(0);
    expect(JSON.parse((await cli(["show", "nightly", "--json"])).out)).toMatchObject({
      state: "completed",
    });
    expect((await cli(["delete", "nightly"])).code).toBe(0);
    expect((await cli(["list"])).out).toBe("No job schedules.\n");
  });

  it("reports bad input: a usage error for a bad time, the server's error for a short interval", async () => {
    const badTime = await cli(["create", "--id", "x", "--pool", "pool", "--start", "soon"]);
    expect(badTime.code).toBe(2);
    expect(badTime.err).toContain("--start must be an ISO 8601 time");
    const short = await cli(["create", "--id", "x", "--pool", "pool", "--every", "30s"]);
    expect(short.code).toBe(1);
    expect(short.err).toContain("recurrenceInterval");
    expect((await cli(["list"])).out).toBe("No job schedules.\n");
  });
});
