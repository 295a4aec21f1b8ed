// TaskStore.claimForNode: the claiming node and its pool are read in the claim's own
// transaction, so a change to the node that commits before the claim does (its scheduling
// disabled, say) is what the claim sees, even when the claim had already started.
import { sql } from "kysely";
import { beforeAll, beforeEach, expect, it } from "vitest";
import type { ClaimNode, Database, NodeClaimRequest } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { addPool, freshStores, manyTasks, newJob, start, type Stores } from "./batch-fixtures.js";

/** Admits an enabled, idle or running node for its free slots, as the Batch service does. */
const admit = (node: ClaimNode) => ({
  slots:
    node.schedulingState === "enabled" && node.poolState === "active"
      ? node.slots - node.runningSlots
      : 0,
});

const claimOf = (overrides: Partial<NodeClaimRequest> = {}): NodeClaimRequest => ({
  nodeId: "node-1",
  freeSlots: 10,
  leaseMs: 30_000,
  maxTasks: 10,
  admit,
  ...overrides,
});

describeEachDialect("TaskStore claimForNode", (target) => {
  let database: Database;
  let stores: Stores;

  beforeAll(async () => {
    database = await target.open();
  });

  beforeEach(async () => {
    stores = await freshStores(database);
    await addPool(stores, "Pool", 2);
    await stores.nodes.register({
      id: "node-1",
      poolId: "pool",
      state: "idle",
      schedulingState: "enabled",
      taskSlots: 2,
      info: {},
      lastBootTime: start,
    });
    await stores.jobs.create(newJob("job", { poolId: "Pool" }));
    await stores.tasks.addMany("job", manyTasks("t", 3));
  });

  const active = async () =>
    (await stores.tasks.list("job", { state: "active" })).items.map((task) => task.id);

  it("reads the node with its pool and running slots, and claims what admit allows", async () => {
    const seen: ClaimNode[] = [];
    const first = await stores.tasks.claimForNode(
      claimOf({ admit: (node) => (seen.push(node), admit(node)) }),
    );
    expect(first.tasks.map((task) => task.id)).toEqual(["t0", "t1"]);
    expect(first.node).toEqual({
      id: "node-1",
      poolKey: "pool",
      poolId: "Pool",
      poolState: "active",
      nodeFillType: "spread",
      state: "idle",
      schedulingState: "enabled",
      slots: 2,
      runningSlots: 0,
      lastBootTime: start,
    });
    // Its two tasks now fill the node: admit sees them and allows nothing.
    const second = await stores.tasks.claimForNode(claimOf());
    expect(second.node?.runningSlots).toBe(2);
    expect(second.tasks).toEqual([]);
    expect(await active()).toEqual(["t2"]);
  });

  it("answers no node and no tasks for an unknown node", async () => {
    expect(await stores.tasks.claimForNode(claimOf({ nodeId: "nope" }))).toEqual({
      node: undefined,
      tasks: [],
    });
    expect(await active()).toEqual(["t0", "t1", "t2"]);
  });

  it("takes nothing for a node whose scheduling is disabled", async () => {
    await stores.nodes.update("node-1", { schedulingState: "disabled" });
    const claim = await stores.tasks.claimForNode(claimOf());
    expect(claim.node?.schedulingState).toBe("disabled");
    expect(claim.tasks).toEqual([]);
    expect(await active()).toEqual(["t0", "t1", "t2"]);
  });

  it("sees scheduling disabled by a transaction that commits while the claim runs", async () => {
    const other = await target.open();
    let claiming: Promise<unknown> | undefined;
    await other.writeTransaction(async (trx) => {
      await trx
        .updateTable("nodes")
        .set({ scheduling_state: "disabled" })
        .where("id", "=", "node-1")
        .execute();
      claiming = stores.tasks.claimForNode(claimOf());
      await claimWaiting(target.dialect, other);
    });
    expect(await claiming).toMatchObject({ tasks: [] });
    expect(await active()).toEqual(["t0", "t1", "t2"]);
  }, 60_000);
});

/**
 * Waits until the claim is blocked on the disabling transaction. PostgreSQL: until a session
 * of this database waits on a lock (the claim's `FOR SHARE` of the node). SQLite: the claim
 * cannot begin while the other connection holds the write lock; a few turns of the event loop
 * let it try (and retry on timers) before the disabling transaction commits.
 */
async function claimWaiting(dialect: string, other: Database): Promise<void> {
  if (dialect !== "postgres") {
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    return;
  }
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { rows } = await sql<{ waiting: string }>`
      SELECT count(*) AS waiting FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(other.db);
    if (Number(rows[0]?.waiting ?? 0) > 0) return;
    if (Date.now() > deadline) throw new Error("the claim never waited for the node's lock");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
