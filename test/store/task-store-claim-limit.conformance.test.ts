// TaskStore.claim with a slotLimit: the pool's load it is shown, and how it caps the claim.
import { beforeAll, beforeEach, expect, it } from "vitest";
import type { ClaimRequest, Database, PoolLoad } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { addPool, freshStores, manyTasks, newJob, type Stores } from "./batch-fixtures.js";

const claimOf = (nodeId: string, overrides: Partial<ClaimRequest> = {}): ClaimRequest => ({
  poolId: "pool",
  nodeId,
  freeSlots: 4,
  leaseMs: 30_000,
  maxTasks: 4,
  ...overrides,
});

describeEachDialect("TaskStore claim with a slot limit", (target) => {
  let database: Database;
  let stores: Stores;

  beforeAll(async () => {
    database = await target.open();
  });

  beforeEach(async () => {
    stores = await freshStores(database);
    await addPool(stores);
    for (const id of ["node-a", "node-b"]) {
      await stores.nodes.register({
        id,
        poolId: "pool",
        state: "idle",
        schedulingState: "enabled",
        taskSlots: 4,
        info: {},
      });
    }
    await stores.jobs.create(newJob("job"));
  });

  it("shows every node's running slots and a bounded sample of ready work", async () => {
    await stores.tasks.addMany("job", manyTasks("t", 20));
    await stores.tasks.claim(claimOf("node-a", { freeSlots: 3, maxTasks: 3 }));
    const seen: { nodes: PoolLoad["nodes"]; ready: readonly number[] }[] = [];
    const claimed = await stores.tasks.claim(
      claimOf("node-b", {
        slotLimit: async (load) => {
          seen.push({ nodes: load.nodes, ready: await load.readySlots(8) });
          return 4;
        },
      }),
    );
    expect(claimed).toHaveLength(4);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.nodes).toEqual([
      { id: "node-a", state: "idle", schedulingState: "enabled", slots: 4, runningSlots: 3 },
      { id: "node-b", state: "idle", schedulingState: "enabled", slots: 4, runningSlots: 0 },
    ]);
    // 17 tasks wait; the sample stops where asked.
    expect(seen[0]?.ready).toEqual(Array.from({ length: 8 }, () => 1));
  });

  it("claims no more than the limit allows, and nothing at 0", async () => {
    await stores.tasks.addMany("job", manyTasks("t", 6));
    expect(await stores.tasks.claim(claimOf("node-a", { slotLimit: () => 2 }))).toHaveLength(2);
    expect(await stores.tasks.claim(claimOf("node-a", { slotLimit: () => 0 }))).toEqual([]);
    // The limit never raises a claim above its free slots.
    expect(
      await stores.tasks.claim(claimOf("node-b", { freeSlots: 1, slotLimit: () => 9 })),
    ).toHaveLength(1);
    const running = await stores.tasks.listOnNode("node-a");
    expect(running.map((task) => task.id)).toEqual(["t0", "t1"]);
  });

  it("does not ask the limit when no job of the pool is active", async () => {
    await addPool(stores, "other");
    let asked = false;
    const claimed = await stores.tasks.claim(
      claimOf("node-a", {
        poolId: "other",
        slotLimit: () => {
          asked = true;
          return 4;
        },
      }),
    );
    expect(claimed).toEqual([]);
    expect(asked).toBe(false);
  });
});
