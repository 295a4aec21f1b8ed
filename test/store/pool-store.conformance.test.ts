import { beforeAll, beforeEach, expect, it } from "vitest";
import { ManualClock, isSluiceError, seededRandom } from "../../src/core/index.js";
import {
  createPoolStore,
  type Database,
  type NewPool,
  type PoolStore,
} from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";

const start = Date.UTC(2026, 0, 1);

function newPool(id: string, overrides: Partial<NewPool> = {}): NewPool {
  return {
    id,
    state: "active",
    allocationState: "resizing",
    targetDedicatedNodes: 2,
    taskSlotsPerNode: 4,
    nodeFillType: "spread",
    spec: { vmSize: "standard_d2s_v3", metadata: [{ name: "team", value: "data" }] },
    ...overrides,
  };
}

/** Runs `action` and returns the SluiceError code it rejects with. */
async function errorCode(action: Promise<unknown>): Promise<string> {
  const error = await action.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSluiceError(error)) throw new Error(`expected a SluiceError, got ${String(error)}`);
  return error.code;
}

describeEachDialect("PoolStore", (target) => {
  let database: Database;
  let clock: ManualClock;
  let pools: PoolStore;

  beforeAll(async () => {
    database = await target.open();
  });

  beforeEach(async () => {
    await database.db.deleteFrom("pools").execute();
    clock = new ManualClock(start);
    pools = createPoolStore(database.db, { clock, random: seededRandom(7) });
  });

  it("creates a pool and reads it back by id in any case", async () => {
    const created = await pools.create(newPool("Pool-A"));
    expect(created).toMatchObject({ id: "Pool-A", creationTime: start, lastModified: start });
    expect(created.stateTransitionTime).toBe(start);
    expect(created.etag).toMatch(/^0x[0-9A-F]{16}$/);
    expect(await pools.get("pool-a")).toEqual(created);
    expect(await pools.get("POOL-A")).toEqual(created);
  });

  it("round-trips the JSON spec exactly", async () => {
    const spec = {
      vmSize: "standard_d2s_v3",
      startTask: { commandLine: "/bin/sh -c 'echo \"héllo\" ✓'", waitForSuccess: true },
      metadata: [{ name: "a", value: "1" }],
      enableAutoScale: false,
      resizeTimeout: null,
      count: 3.5,
    };
    await pools.create(newPool("json", { spec }));
    expect((await pools.get("json")).spec).toEqual(spec);
  });

  it("refuses a duplicate id, in any case, and keeps the first pool", async () => {
    const first = await pools.create(newPool("dup"));
    expect(await errorCode(pools.create(newPool("DUP", { targetDedicatedNodes: 9 })))).toBe(
      "StoreDuplicate",
    );
    expect(await pools.get("dup")).toEqual(first);
  });

  it("reports a missing pool as StoreNotFound", async () => {
    expect(await errorCode(pools.get("nope"))).toBe("StoreNotFound");
    expect(await errorCode(pools.update("nope", { targetDedicatedNodes: 1 }))).toBe(
      "StoreNotFound",
    );
    expect(await errorCode(pools.delete("nope"))).toBe("StoreNotFound");
  });

  it("lists every pool once, in id order, a page at a time", async () => {
    const ids = ["b", "A-1", "c_2", "a-2", "D", "e"];
    for (const id of ids) await pools.create(newPool(id));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await pools.list({
        maxResults: 4,
        ...(token ? { continuationToken: token } : {}),
      });
      seen.push(...page.items.map((pool) => pool.id));
      token = page.continuationToken;
      pages += 1;
    } while (token !== undefined);
    expect(pages).toBe(2);
    expect(seen).toEqual(["A-1", "a-2", "b", "c_2", "D", "e"]);
    expect((await pools.list()).items).toHaveLength(ids.length);
  });

  it("ends the last full page without a token", async () => {
    for (const id of ["p1", "p2"]) await pools.create(newPool(id));
    const page = await pools.list({ maxResults: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.continuationToken).toBeUndefined();
  });

  it("rejects a bad page size or continuation token", async () => {
    expect(await errorCode(pools.list({ maxResults: 0 }))).toBe("InvalidArgument");
    expect(await errorCode(pools.list({ maxResults: 1001 }))).toBe("InvalidArgument");
    expect(await errorCode(pools.list({ continuationToken: "not-a-token" }))).toBe(
      "InvalidArgument",
    );
  });

  it("updates only the patched fields, with a new etag and time", async () => {
    const created = await pools.create(newPool("upd"));
    clock.advance(1500);
    const updated = await pools.update("UPD", {
      targetDedicatedNodes: 5,
      allocationState: "steady",
      allocationStateTransitionTime: clock.now(),
    });
    expect(updated).toEqual({
      ...created,
      targetDedicatedNodes: 5,
      allocationState: "steady",
      allocationStateTransitionTime: start + 1500,
      lastModified: start + 1500,
      etag: updated.etag,
    });
    expect(updated.etag).not.toBe(created.etag);
    expect(await pools.get("upd")).toEqual(updated);
  });

  it("updates with a matching etag and refuses a stale one, changing nothing", async () => {
    const created = await pools.create(newPool("occ"));
    const first = await pools.update("occ", { nodeFillType: "pack" }, { ifMatch: created.etag });
    expect(first.nodeFillType).toBe("pack");
    const stale = pools.update(
      "occ",
      { targetDedicatedNodes: 0, spec: {} },
      { ifMatch: created.etag },
    );
    expect(await errorCode(stale)).toBe("StoreConflict");
    expect(await pools.get("occ")).toEqual(first);
  });

  it("lets exactly one of two racing writers with the same etag win", async () => {
    const created = await pools.create(newPool("race"));
    const results = await Promise.allSettled([
      pools.update("race", { targetDedicatedNodes: 10 }, { ifMatch: created.etag }),
      pools.update("race", { targetDedicatedNodes: 20 }, { ifMatch: created.etag }),
    ]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result) => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.map((result) => (result as PromiseRejectedResult).reason.code)).toEqual([
      "StoreConflict",
    ]);
  });

  it("deletes with a matching etag, refuses a stale one, and removes the pool's nodes", async () => {
    const created = await pools.create(newPool("del"));
    await database.db
      .insertInto("nodes")
      .values({
        id: "node-1",
        pool_id_key: "del",
        state: "idle",
        state_transition_time: start,
        scheduling_state: "enabled",
        task_slots: 4,
        allocation_time: start,
        info: "{}",
      })
      .execute();
    const updated = await pools.update("del", { state: "deleting", stateTransitionTime: start });
    expect(await errorCode(pools.delete("del", { ifMatch: created.etag }))).toBe("StoreConflict");
    expect(await pools.get("del")).toEqual(updated);
    await pools.delete("DEL", { ifMatch: updated.etag });
    expect(await errorCode(pools.get("del"))).toBe("StoreNotFound");
    const nodes = await database.db.selectFrom("nodes").select("id").execute();
    expect(nodes).toEqual([]);
  });

  it("joins a write transaction: a rollback undoes its writes, a commit keeps them", async () => {
    const failure = database.writeTransaction(async (trx) => {
      await createPoolStore(trx, { clock }).create(newPool("in-tx"));
      throw new Error("abort");
    });
    await expect(failure).rejects.toThrow("abort");
    expect(await errorCode(pools.get("in-tx"))).toBe("StoreNotFound");

    await database.writeTransaction((trx) =>
      createPoolStore(trx, { clock }).create(newPool("kept")),
    );
    expect((await pools.get("kept")).id).toBe("kept");
  });
});
