import { beforeAll, beforeEach, expect, it } from "vitest";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import {
  errorCode,
  freshFactoryStores,
  newRun,
  start,
  type FactoryStores,
} from "./factory-fixtures.js";

describeEachDialect("PipelineRunStore", (target) => {
  let database: Database;
  let stores: FactoryStores;

  beforeAll(async () => {
    database = await target.open();
  });

  beforeEach(async () => {
    stores = await freshFactoryStores(database);
  });

  it("creates a queued run with ADF's defaults and reads it back", async () => {
    const run = await stores.runs.create(
      newRun("Main", { parameters: { day: "2026-01-01", n: 3 }, pipelineVersion: 4 }),
    );
    expect(run.runId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(run).toMatchObject({
      factory: "f",
      pipelineName: "Main",
      pipelineVersion: 4,
      status: "Queued",
      parameters: { day: "2026-01-01", n: 3 },
      invokedBy: { name: "Manual", id: "manual-1", invokedByType: "Manual" },
      runStart: start,
      runEnd: null,
      durationInMs: null,
      message: "",
      runGroupId: run.runId,
      isLatest: true,
      parentRunId: null,
      referencePipelineRunId: null,
      isRecovery: false,
      annotations: [],
      runDimensions: {},
      variables: {},
      returnValue: null,
      engineState: null,
      leaseOwner: null,
      leaseExpiry: 0,
      lastUpdated: start,
      creationTime: start,
    });
    expect(await stores.runs.get(run.runId.toUpperCase())).toEqual(run);
    expect(await errorCode(stores.runs.get("00000000-0000-4000-8000-000000000000"))).toBe(
      "StoreNotFound",
    );
  });

  it("refuses a run id that is taken, and a status ADF does not have", async () => {
    const runId = "11111111-2222-4333-8444-555555555555";
    await stores.runs.create(newRun("Main", { runId }));
    expect(
      await errorCode(stores.runs.create(newRun("Other", { runId: runId.toUpperCase() }))),
    ).toBe("StoreDuplicate");
    expect(
      await errorCode(stores.runs.create(newRun("Main", { status: "Running" as never }))),
    ).toBe("InvalidArgument");
  });

  it("updates the patched fields with a new etag and lastUpdated; JSON round-trips", async () => {
    const run = await stores.runs.create(newRun("Main"));
    stores.clock.advance(2500);
    const updated = await stores.runs.update(run.runId, {
      status: "Succeeded",
      runEnd: start + 2500,
      durationInMs: 2500,
      message: "done",
      variables: { list: [1, "two", { three: null }], flag: true },
      returnValue: { answer: 42, nested: { ok: "✓" } },
      engineState: { cursor: [0, 1], note: "héllo" },
    });
    expect(updated).toEqual({
      ...run,
      status: "Succeeded",
      runEnd: start + 2500,
      durationInMs: 2500,
      message: "done",
      variables: { list: [1, "two", { three: null }], flag: true },
      returnValue: { answer: 42, nested: { ok: "✓" } },
      engineState: { cursor: [0, 1], note: "héllo" },
      etag: updated.etag,
      lastUpdated: start + 2500,
    });
    expect(updated.etag).not.toBe(run.etag);
    expect(await stores.runs.get(run.runId)).toEqual(updated);
  });

  it("refuses a stale etag, an unexpected status or a lost lease, changing nothing", async () => {
    const run = await stores.runs.create(newRun("Main"));
    const started = await stores.runs.update(
      run.runId,
      { status: "InProgress" },
      { ifMatch: run.etag, ifStatus: ["Queued"] },
    );
    expect(
      await errorCode(stores.runs.update(run.runId, { message: "x" }, { ifMatch: run.etag })),
    ).toBe("StoreConflict");
    expect(
      await errorCode(
        stores.runs.update(run.runId, { status: "Canceling" }, { ifStatus: ["Queued"] }),
      ),
    ).toBe("StoreConflict");
    expect(
      await errorCode(stores.runs.update(run.runId, { message: "x" }, { leaseOwner: "server-a" })),
    ).toBe("StoreConflict");
    expect(await errorCode(stores.runs.update("00000000-0000-4000-8000-000000000000", {}))).toBe(
      "StoreNotFound",
    );
    expect(await stores.runs.get(run.runId)).toEqual(started);
    const [claimed] = await stores.runs.claimRunsToDrive("server-a", 60_000, 1);
    const byOwner = await stores.runs.update(
      run.runId,
      { message: "mine" },
      { leaseOwner: "server-a" },
    );
    expect(byOwner).toMatchObject({
      message: "mine",
      leaseOwner: "server-a",
      leaseExpiry: claimed?.leaseExpiry,
    });
  });

  it("lets exactly one of two racing compare-and-set writers win", async () => {
    const run = await stores.runs.create(newRun("Main", { status: "InProgress" }));
    const results = await Promise.allSettled([
      stores.runs.update(run.runId, { status: "Canceling" }, { ifStatus: ["InProgress"] }),
      stores.runs.update(run.runId, { status: "Succeeded" }, { ifStatus: ["InProgress"] }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });

  it("makes a rerun the latest of its group, and links ExecutePipeline children to the parent", async () => {
    const first = await stores.runs.create(newRun("Main", { status: "Failed" }));
    const rerun = await stores.runs.create(
      newRun("Main", {
        runGroupId: first.runId,
        referencePipelineRunId: first.runId,
        isRecovery: true,
      }),
    );
    expect(rerun).toMatchObject({
      runGroupId: first.runId,
      isLatest: true,
      isRecovery: true,
      referencePipelineRunId: first.runId,
    });
    expect((await stores.runs.get(first.runId)).isLatest).toBe(false);
    const childA = await stores.runs.create(
      newRun("Child", {
        parentRunId: rerun.runId,
        invokedBy: {
          name: "Execute1",
          id: "x",
          invokedByType: "PipelineActivity",
          pipelineName: "Main",
          pipelineRunId: rerun.runId,
        },
      }),
    );
    const childB = await stores.runs.create(
      newRun("Child", { parentRunId: rerun.runId.toUpperCase() }),
    );
    expect((await stores.runs.listChildren(rerun.runId)).map((run) => run.runId)).toEqual([
      childA.runId,
      childB.runId,
    ]);
    expect(childA.invokedBy.pipelineRunId).toBe(rerun.runId);
    expect(await stores.runs.listChildren(first.runId)).toEqual([]);
  });

  it("counts a pipeline's queued and running runs, by name in any case", async () => {
    await stores.runs.create(newRun("Main"));
    await stores.runs.create(newRun("MAIN", { status: "InProgress" }));
    await stores.runs.create(newRun("main", { status: "Canceling" }));
    await stores.runs.create(newRun("Main", { status: "Succeeded" }));
    await stores.runs.create(newRun("Other"));
    await stores.runs.create(newRun("Main", { factory: "g" }));
    expect(await stores.runs.countActive("F", "main")).toEqual({ queued: 1, inProgress: 2 });
  });
});
