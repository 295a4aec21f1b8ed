import { beforeAll, beforeEach, expect, it } from "vitest";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import {
  errorCode,
  factoryStoresOn,
  freshFactoryStores,
  newRun,
  start,
  type FactoryStores,
} from "./factory-fixtures.js";

describeEachDialect("PipelineRunStore tryStart", (target) => {
  let database: Database;
  let other: Database;
  let stores: FactoryStores;
  let second: FactoryStores;

  beforeAll(async () => {
    database = await target.open();
    other = await target.open();
  });

  beforeEach(async () => {
    stores = await freshFactoryStores(database);
    second = factoryStoresOn(other, stores.clock, 29);
  });

  async function queue(count: number, pipelineName = "Main"): Promise<string[]> {
    const runIds: string[] = [];
    for (let index = 0; index < count; index += 1) {
      runIds.push((await stores.runs.create(newRun(pipelineName))).runId);
    }
    return runIds;
  }

  it("starts a queued run without a limit, applying the patch with it", async () => {
    const [runId = ""] = await queue(1);
    stores.clock.advance(50);
    const attempt = await stores.runs.tryStart(runId, undefined, {
      runStart: start + 50,
      engineState: { step: 1 },
    });
    expect(attempt.outcome).toBe("started");
    expect(attempt.run).toMatchObject({
      status: "InProgress",
      runStart: start + 50,
      engineState: { step: 1 },
      lastUpdated: start + 50,
    });
    expect((await stores.runs.tryStart(runId, 1)).outcome).toBe("notQueued");
    expect(await errorCode(stores.runs.tryStart(runId, 0))).toBe("InvalidArgument");
    expect(await errorCode(stores.runs.tryStart("00000000-0000-4000-8000-000000000000"))).toBe(
      "StoreNotFound",
    );
  });

  it("stamps runStart with the time of the start when the patch gives none", async () => {
    const [runId = ""] = await queue(1);
    stores.clock.advance(70);
    const attempt = await stores.runs.tryStart(runId, 1);
    expect(attempt.outcome).toBe("started");
    expect(attempt.run).toMatchObject({ runStart: start + 70, lastUpdated: start + 70 });
  });

  it("queues runs beyond the pipeline's concurrency, first in first out", async () => {
    const [a = "", b = "", c = ""] = await queue(3);
    await queue(1, "Other");
    expect((await stores.runs.tryStart(b, 1)).outcome).toBe("queued");
    expect((await stores.runs.tryStart(a, 1)).outcome).toBe("started");
    expect((await stores.runs.tryStart(b, 1)).outcome).toBe("queued");
    expect((await stores.runs.tryStart(c, 2)).outcome).toBe("queued");
    expect((await stores.runs.tryStart(b, 2)).outcome).toBe("started");
    await stores.runs.update(a, { status: "Succeeded" });
    expect((await stores.runs.tryStart(c, 2)).outcome).toBe("started");
    expect(await stores.runs.countActive("f", "Main")).toEqual({ queued: 0, inProgress: 2 });
  });

  it("counts a canceling run as holding its slot", async () => {
    const [a = "", b = ""] = await queue(2);
    await stores.runs.tryStart(a, 1);
    await stores.runs.update(a, { status: "Canceling" });
    expect((await stores.runs.tryStart(b, 1)).outcome).toBe("queued");
    await stores.runs.update(a, { status: "Cancelled" });
    expect((await stores.runs.tryStart(b, 1)).outcome).toBe("started");
  });

  it("lets one of two servers racing with limit 1 start a run", async () => {
    const [a = "", b = ""] = await queue(2);
    const attempts = await Promise.all([
      second.runs.tryStart(b, 1),
      stores.runs.tryStart(a, 1),
      second.runs.tryStart(a, 1),
      stores.runs.tryStart(b, 1),
    ]);
    expect(
      attempts
        .filter((attempt) => attempt.outcome === "started")
        .map((attempt) => attempt.run.runId),
    ).toEqual([a]);
    expect(await stores.runs.countActive("f", "Main")).toEqual({ queued: 1, inProgress: 1 });
  });

  it("never passes the limit when every queued run tries at once, round after round", async () => {
    const runIds = await queue(12);
    const limit = 3;
    const startedAll: string[] = [];
    for (let round = 0; round < 4; round += 1) {
      const attempts = await Promise.all(
        runIds.flatMap((runId) => [
          stores.runs.tryStart(runId, limit),
          second.runs.tryStart(runId, limit),
        ]),
      );
      const started = attempts
        .filter((attempt) => attempt.outcome === "started")
        .map((attempt) => attempt.run.runId);
      expect(new Set(started).size).toBe(started.length);
      startedAll.push(...started);
      expect((await stores.runs.countActive("f", "Main")).inProgress).toBe(limit);
      for (const runId of started) await stores.runs.update(runId, { status: "Succeeded" });
    }
    expect(startedAll).toEqual(runIds);
  });
});
