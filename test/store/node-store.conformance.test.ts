import { beforeAll, beforeEach, expect, it } from "vitest";
import type { Database, NewNode } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import {
  addPool,
  errorCode,
  freshStores,
  newJob,
  newTask,
  start,
  success,
  type Stores,
} from "./batch-fixtures.js";

function newNode(id: string, overrides: Partial<NewNode> = {}): NewNode {
  return {
    id,
    poolId: "POOL",
    state: "idle",
    schedulingState: "enabled",
    taskSlots: 4,
    info: { ipAddress: "127.0.0.1" },
    ...overrides,
  };
}

describeEachDialect("NodeStore", (target) => {
  let database: Database;
  let stores: Stores;

  beforeAll(async () => {
    database = await target.open();
  });

  beforeEach(async () => {
    stores = await freshStores(database);
    await addPool(stores);
  });

  it("registers a node in an existing pool and reads it back", async () => {
    const node = await stores.nodes.register(newNode("tvm-1"));
    expect(node).toEqual({
      id: "tvm-1",
      poolKey: "pool",
      state: "idle",
      stateTransitionTime: start,
      schedulingState: "enabled",
      taskSlots: 4,
      runningTasksCount: 0,
      runningTaskSlotsCount: 0,
      totalTasksRun: 0,
      totalTasksSucceeded: 0,
      heartbeatExpiry: null,
      allocationTime: start,
      lastBootTime: null,
      info: { ipAddress: "127.0.0.1" },
    });
    expect(await stores.nodes.get("tvm-1")).toEqual(node);
  });

  it("refuses a node of a missing pool or with a taken id, writing nothing", async () => {
    expect(await errorCode(stores.nodes.register(newNode("n", { poolId: "none" })))).toBe(
      "StoreNotFound",
    );
    expect(await errorCode(stores.nodes.get("n"))).toBe("StoreNotFound");
    await stores.nodes.register(newNode("n"));
    expect(await errorCode(stores.nodes.register(newNode("n", { taskSlots: 9 })))).toBe(
      "StoreDuplicate",
    );
    expect((await stores.nodes.get("n")).taskSlots).toBe(4);
  });

  it("lists a pool's nodes by state, a page at a time", async () => {
    for (const id of ["n3", "n1", "n2", "n4"]) await stores.nodes.register(newNode(id));
    await stores.nodes.update("n2", { state: "offline", stateTransitionTime: start });
    const idle = await stores.nodes.listByPool("pool", { state: "idle", maxResults: 2 });
    expect(idle.items.map((node) => node.id)).toEqual(["n1", "n3"]);
    const rest = await stores.nodes.listByPool("pool", {
      state: "idle",
      continuationToken: idle.continuationToken!,
    });
    expect(rest.items.map((node) => node.id)).toEqual(["n4"]);
    expect((await stores.nodes.listByPool("POOL")).items).toHaveLength(4);
  });

  it("updates state, scheduling state and info", async () => {
    await stores.nodes.register(newNode("n"));
    const updated = await stores.nodes.update("n", {
      state: "running",
      stateTransitionTime: start + 5,
      schedulingState: "disabled",
      info: { ipAddress: "10.0.0.1", errors: [] },
      lastBootTime: start + 1,
    });
    expect(updated).toMatchObject({
      state: "running",
      stateTransitionTime: start + 5,
      schedulingState: "disabled",
      info: { ipAddress: "10.0.0.1", errors: [] },
      lastBootTime: start + 1,
    });
    expect(await errorCode(stores.nodes.update("none", { state: "idle" }))).toBe("StoreNotFound");
  });

  it("extends the heartbeat and lists nodes whose heartbeat expired", async () => {
    await stores.nodes.register(newNode("a"));
    await stores.nodes.register(newNode("b"));
    await stores.nodes.register(newNode("silent"));
    expect((await stores.nodes.heartbeat("a", 1000)).heartbeatExpiry).toBe(start + 1000);
    await stores.nodes.heartbeat("b", 3000);
    stores.clock.advance(2000);
    expect((await stores.nodes.listExpired()).map((node) => node.id)).toEqual(["a"]);
    await stores.nodes.heartbeat("a", 2000);
    expect(await stores.nodes.listExpired()).toEqual([]);
    expect((await stores.nodes.listExpired(start + 10_000)).map((node) => node.id)).toEqual([
      "b",
      "a",
    ]);
    expect(await errorCode(stores.nodes.heartbeat("a", 0))).toBe("InvalidArgument");
  });

  it("counts running tasks and slots from the tasks, and totals completions", async () => {
    await stores.nodes.register(newNode("n"));
    await stores.jobs.create(newJob("job"));
    await stores.tasks.addMany("job", [newTask("a", { requiredSlots: 2 }), newTask("b")]);
    const claimed = await stores.tasks.claim({
      poolId: "pool",
      nodeId: "n",
      freeSlots: 4,
      leaseMs: 1000,
      maxTasks: 4,
    });
    expect(await stores.nodes.get("n")).toMatchObject({
      runningTasksCount: 2,
      runningTaskSlotsCount: 3,
    });
    const first = claimed[0]!;
    await stores.tasks.finishAttempt({ jobId: "job", taskId: first.id }, first.claimToken!, {
      kind: "completed",
      ...success,
    });
    expect(await stores.nodes.get("n")).toMatchObject({
      runningTasksCount: 1,
      runningTaskSlotsCount: 1,
      totalTasksRun: 1,
      totalTasksSucceeded: 1,
    });
  });

  it("removes a node", async () => {
    await stores.nodes.register(newNode("n"));
    await stores.nodes.remove("n");
    expect(await errorCode(stores.nodes.get("n"))).toBe("StoreNotFound");
    expect(await errorCode(stores.nodes.remove("n"))).toBe("StoreNotFound");
  });
});
