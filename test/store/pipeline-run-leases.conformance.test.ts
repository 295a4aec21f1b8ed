import { beforeAll, beforeEach, expect, it } from "vitest";
import type { Database, PipelineRunRecord } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import {
  errorCode,
  factoryStoresOn,
  freshFactoryStores,
  newRun,
  start,
  type FactoryStores,
} from "./factory-fixtures.js";

describeEachDialect("PipelineRunStore leases", (target) => {
  let database: Database;
  let other: Database;
  let stores: FactoryStores;
  /** Stores over a second handle (its own connections), as a second server has. */
  let second: FactoryStores;

  beforeAll(async () => {
    database = await target.open();
    other = await target.open();
  });

  beforeEach(async () => {
    stores = await freshFactoryStores(database);
    second = factoryStoresOn(other, stores.clock, 23);
  });

  const ids = (runs: readonly PipelineRunRecord[]) => runs.map((run) => run.runId);

  it("claims unfinished runs with a free lease, oldest first, and stamps the lease", async () => {
    const queued = await stores.runs.create(newRun("A"));
    const running = await stores.runs.create(newRun("B", { status: "InProgress" }));
    await stores.runs.create(newRun("C", { status: "Succeeded" }));
    await stores.runs.create(newRun("D", { status: "Cancelled" }));
    const canceling = await stores.runs.create(newRun("E", { status: "Canceling" }));
    stores.clock.advance(100);
    const claimed = await stores.runs.claimRunsToDrive("server-a", 30_000, 10);
    expect(ids(claimed)).toEqual([queued.runId, running.runId, canceling.runId]);
    for (const run of claimed) {
      expect(run).toMatchObject({
        leaseOwner: "server-a",
        leaseExpiry: start + 30_100,
        lastUpdated: start,
      });
    }
    expect(claimed[0]?.etag).not.toBe(queued.etag);
    expect(await stores.runs.claimRunsToDrive("server-b", 30_000, 10)).toEqual([]);
    expect(await stores.runs.claimRunsToDrive("server-a", 30_000, 10)).toEqual([]);
  });

  it("claims at most `limit` runs, and none for limit 0", async () => {
    for (let index = 0; index < 5; index += 1) await stores.runs.create(newRun(`p${index}`));
    expect(await stores.runs.claimRunsToDrive("a", 1000, 0)).toEqual([]);
    expect(await stores.runs.claimRunsToDrive("a", 1000, 2)).toHaveLength(2);
    expect(await stores.runs.claimRunsToDrive("b", 1000, 10)).toHaveLength(3);
    expect(await errorCode(stores.runs.claimRunsToDrive("a", 0, 1))).toBe("InvalidArgument");
    expect(await errorCode(stores.runs.claimRunsToDrive("", 1000, 1))).toBe("InvalidArgument");
  });

  it("never gives one run to two servers claiming at the same moment", async () => {
    const created: string[] = [];
    for (let index = 0; index < 60; index += 1)
      created.push((await stores.runs.create(newRun(`p${index % 3}`))).runId);
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        (index % 2 === 0 ? stores : second).runs.claimRunsToDrive(`server-${index}`, 60_000, 9),
      ),
    );
    const claimed = claims.flatMap(ids);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.length).toBe(Math.min(60, 8 * 9));
    const rest = await stores.runs.claimRunsToDrive("late", 60_000, 100);
    expect(new Set([...claimed, ...ids(rest)])).toEqual(new Set(created));
    for (const [index, batch] of claims.entries()) {
      for (const run of batch)
        expect((await stores.runs.get(run.runId)).leaseOwner).toBe(`server-${index}`);
    }
  });

  it("lets another server take over a run whose lease expired; the old driver's writes fail", async () => {
    const run = await stores.runs.create(newRun("Main"));
    const [mine] = await stores.runs.claimRunsToDrive("server-a", 5000, 1);
    if (mine === undefined) throw new Error("expected a claim");
    stores.clock.advance(4999);
    expect(await second.runs.claimRunsToDrive("server-b", 5000, 1)).toEqual([]);
    stores.clock.advance(1);
    const [taken] = await second.runs.claimRunsToDrive("server-b", 5000, 1);
    expect(taken).toMatchObject({
      runId: run.runId,
      leaseOwner: "server-b",
      leaseExpiry: start + 10_000,
    });
    expect(await stores.runs.renewLeases("server-a", [run.runId], 5000)).toEqual({
      renewed: [],
      lost: [run.runId],
    });
    expect(
      await errorCode(stores.runs.update(run.runId, { message: "a" }, { leaseOwner: "server-a" })),
    ).toBe("StoreConflict");
    expect(
      await errorCode(stores.runs.update(run.runId, { message: "a" }, { ifMatch: mine.etag })),
    ).toBe("StoreConflict");
    expect(
      (await second.runs.update(run.runId, { message: "b" }, { leaseOwner: "server-b" })).message,
    ).toBe("b");
  });

  it("renews only the owner's leases, keeping etag and lastUpdated", async () => {
    const a = await stores.runs.create(newRun("A"));
    await stores.runs.claimRunsToDrive("server-a", 1000, 1);
    const b = await stores.runs.create(newRun("B"));
    const [claimedB] = await second.runs.claimRunsToDrive("server-b", 1000, 1);
    stores.clock.advance(900);
    const missing = "00000000-0000-4000-8000-000000000000";
    const renewal = await stores.runs.renewLeases(
      "server-a",
      [a.runId.toUpperCase(), b.runId, missing],
      1000,
    );
    expect(renewal).toEqual({ renewed: [a.runId.toUpperCase()], lost: [b.runId, missing] });
    const renewed = await stores.runs.get(a.runId);
    expect(renewed).toMatchObject({ leaseExpiry: start + 1900, lastUpdated: start });
    expect((await stores.runs.get(b.runId)).etag).toBe(claimedB?.etag);
    stores.clock.advance(500);
    // a's renewed lease holds; b's expired (its owner did not renew), so it is free again.
    expect(ids(await second.runs.claimRunsToDrive("server-c", 1000, 5))).toEqual([b.runId]);
  });

  it("frees released leases at once, and stops driving finished runs", async () => {
    const a = await stores.runs.create(newRun("A"));
    const b = await stores.runs.create(newRun("B"));
    await stores.runs.claimRunsToDrive("server-a", 60_000, 2);
    await stores.runs.update(b.runId, { status: "Succeeded" });
    await stores.runs.releaseLeases("server-b", [a.runId]);
    expect(await second.runs.claimRunsToDrive("server-b", 60_000, 5)).toEqual([]);
    await stores.runs.releaseLeases("server-a", [a.runId, b.runId]);
    expect((await stores.runs.get(a.runId)).leaseOwner).toBeNull();
    expect(ids(await second.runs.claimRunsToDrive("server-b", 60_000, 5))).toEqual([a.runId]);
  });
});
