import { beforeAll, beforeEach, expect, it } from "vitest";
import {
  createJobStore,
  createTaskStore,
  joinTransaction,
  type Database,
  type TaskKey,
  type TaskRecord,
} from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import {
  addPool,
  errorCode,
  failure,
  freshStores,
  manyTasks,
  newJob,
  newTask,
  start,
  storesOn,
  success,
  type Stores,
} from "./batch-fixtures.js";

const key = (taskId: string): TaskKey => ({ jobId: "job", taskId });

describeEachDialect("TaskStore attempts", (target) => {
  let database: Database;
  let stores: Stores;

  beforeAll(async () => {
    database = await target.open();
  });

  beforeEach(async () => {
    stores = await freshStores(database);
    await addPool(stores);
    await stores.jobs.create(newJob("job"));
  });

  async function claim(nodeId = "node-1", maxTasks = 10): Promise<TaskRecord[]> {
    return stores.tasks.claim({ poolId: "pool", nodeId, freeSlots: 10, leaseMs: 1000, maxTasks });
  }

  async function claimOne(taskId: string): Promise<TaskRecord> {
    const task = (await claim()).find((claimed) => claimed.id === taskId);
    if (task === undefined) throw new Error(`${taskId} was not claimed`);
    return task;
  }

  it("completes a running attempt with its exit code, result and failure info", async () => {
    await stores.tasks.addMany("job", [newTask("t")]);
    const running = await claimOne("t");
    stores.clock.advance(50);
    const { task } = await stores.tasks.finishAttempt(key("T"), running.claimToken!, {
      kind: "completed",
      ...failure,
    });
    expect(task).toMatchObject({
      state: "completed",
      previousState: "running",
      endTime: start + 50,
      exitCode: 1,
      result: "failure",
      failureInfo: failure.failureInfo,
      nodeId: "node-1",
      claimToken: null,
      leaseExpiry: null,
      satisfiesDependents: false,
    });
    const again = stores.tasks.finishAttempt(key("t"), running.claimToken!, {
      kind: "completed",
      ...success,
    });
    expect(await errorCode(again)).toBe("StoreConflict");
    expect(await stores.tasks.get(key("t"))).toEqual(task);
  });

  it("puts a retried attempt back to active with one more retry", async () => {
    await stores.tasks.addMany("job", [newTask("t")]);
    const first = await claimOne("t");
    stores.clock.advance(10);
    const { task } = await stores.tasks.finishAttempt(key("t"), first.claimToken!, {
      kind: "retry",
    });
    expect(task).toMatchObject({
      state: "active",
      retryCount: 1,
      lastRetryTime: start + 10,
      requeueCount: 0,
      claimToken: null,
      nodeId: null,
    });
    const second = await claimOne("t");
    expect(second.claimToken).not.toBe(first.claimToken);
    expect(
      await errorCode(stores.tasks.finishAttempt(key("t"), first.claimToken!, { kind: "retry" })),
    ).toBe("StoreConflict");
  });

  it("requeues a lost node's tasks without counting a retry, and rejects the stale token", async () => {
    await stores.tasks.addMany("job", manyTasks("t", 3));
    const onLost = await claim("lost", 2);
    await claim("alive", 1);
    stores.clock.advance(20);
    const requeued = await stores.tasks.requeue({ nodeId: "lost" });
    expect(requeued.map((task) => task.id)).toEqual(["t0", "t1"]);
    for (const task of requeued) {
      expect(task).toMatchObject({
        state: "active",
        previousState: "running",
        requeueCount: 1,
        lastRequeueTime: start + 20,
        retryCount: 0,
        claimToken: null,
        nodeId: null,
      });
    }
    const stale = onLost[0]!;
    const late = stores.tasks.finishAttempt(key(stale.id), stale.claimToken!, {
      kind: "completed",
      ...success,
    });
    expect(await errorCode(late)).toBe("StoreConflict");
    expect((await stores.tasks.get(key(stale.id))).state).toBe("active");
    expect((await claim("alive")).map((task) => task.id)).toEqual(["t0", "t1"]);
  });

  it("requeues tasks whose lease expired, and renewals keep leases alive", async () => {
    await stores.tasks.addMany("job", manyTasks("t", 2));
    const [kept, dropped] = await claim("node-1");
    stores.clock.advance(900);
    const renewal = await stores.tasks.renewLeases("node-1", [kept!.claimToken!, "made-up"], 1000);
    expect(renewal.invalid).toEqual(["made-up"]);
    expect((await stores.tasks.get(key(kept!.id))).leaseExpiry).toBe(start + 1900);
    stores.clock.advance(200);
    const requeued = await stores.tasks.requeue({ leaseExpiredBefore: stores.clock.now() });
    expect(requeued.map((task) => task.id)).toEqual([dropped!.id]);
    expect(await stores.tasks.requeue({ leaseExpiredBefore: stores.clock.now() })).toEqual([]);
    const later = await stores.tasks.renewLeases(
      "node-1",
      [kept!.claimToken!, dropped!.claimToken!],
      1000,
    );
    expect(later.invalid).toEqual([dropped!.claimToken]);
    expect(
      (await stores.tasks.renewLeases("other-node", [kept!.claimToken!], 1000)).invalid,
    ).toEqual([kept!.claimToken]);
  });

  it("releases dependents on success and leaves them blocked on failure", async () => {
    await stores.tasks.addMany("job", [
      newTask("a"),
      newTask("b"),
      newTask("needsA", { dependsOn: { taskIds: ["a"] } }),
      newTask("needsAB", { dependsOn: { taskIds: ["A", "b"] } }),
      newTask("needsB", { dependsOn: { taskIds: ["b"] } }),
    ]);
    const [a, b] = await claim("node-1", 2);
    expect([a!.id, b!.id]).toEqual(["a", "b"]);
    const ok = await stores.tasks.finishAttempt(key("a"), a!.claimToken!, {
      kind: "completed",
      ...success,
    });
    expect(ok.releasedDependents).toEqual(["needsA", "needsAB"]);
    expect(ok.blockedDependents).toEqual([]);
    const failed = await stores.tasks.finishAttempt(key("b"), b!.claimToken!, {
      kind: "completed",
      ...failure,
    });
    expect(failed.releasedDependents).toEqual([]);
    expect(failed.blockedDependents).toEqual(["needsAB", "needsB"]);
    expect((await claim()).map((task) => task.id)).toEqual(["needsA"]);
    // A dependent added after its dependency succeeded starts ready.
    await stores.tasks.addMany("job", [newTask("late", { dependsOn: { taskIds: ["a"] } })]);
    expect((await claim()).map((task) => task.id)).toEqual(["late"]);
  });

  it("releases a dependent added before its dependency existed once that one succeeds", async () => {
    await stores.tasks.addMany("job", [
      newTask("child", { dependsOn: { taskIdRanges: [{ start: 1, end: 2 }] } }),
    ]);
    await stores.tasks.addMany("job", [newTask("1")]);
    expect((await claim()).map((task) => task.id)).toEqual(["1"]);
    const one = await stores.tasks.get(key("1"));
    await stores.tasks.finishAttempt(key("1"), one.claimToken!, { kind: "completed", ...success });
    expect((await stores.tasks.get(key("child"))).unmetDependencies).toBe(1);
    await stores.tasks.addMany("job", [newTask("2")]);
    const two = (await claim())[0]!;
    const done = await stores.tasks.finishAttempt(key("2"), two.claimToken!, {
      kind: "completed",
      ...success,
    });
    expect(done.releasedDependents).toEqual(["child"]);
    expect((await claim()).map((task) => task.id)).toEqual(["child"]);
  });

  it("terminates an active or running task, and refuses a completed one", async () => {
    await stores.tasks.addMany("job", [
      newTask("idle"),
      newTask("busy"),
      newTask("after", { dependsOn: { taskIds: ["idle"] } }),
    ]);
    const busy = (await claim("node-1", 2)).find((task) => task.id === "busy")!;
    const terminated = await stores.tasks.terminate(key("busy"), failure);
    expect(terminated.task).toMatchObject({
      state: "completed",
      previousState: "running",
      result: "failure",
      claimToken: null,
    });
    expect((await stores.tasks.renewLeases("node-1", [busy.claimToken!], 1000)).invalid).toEqual([
      busy.claimToken,
    ]);
    const satisfied = await stores.tasks.terminate(key("idle"), {
      ...failure,
      dependencyAction: "satisfy",
    });
    expect(satisfied.releasedDependents).toEqual(["after"]);
    expect(await errorCode(stores.tasks.terminate(key("idle"), failure))).toBe("StoreConflict");
    expect(await errorCode(stores.tasks.terminate(key("none"), failure))).toBe("StoreNotFound");
  });

  it("reactivates a completed task with its retries reset, and nothing else", async () => {
    await stores.tasks.addMany("job", [newTask("t"), newTask("other")]);
    let running = await claimOne("t");
    await stores.tasks.finishAttempt(key("t"), running.claimToken!, { kind: "retry" });
    running = await claimOne("t");
    const { task: failed } = await stores.tasks.finishAttempt(key("t"), running.claimToken!, {
      kind: "completed",
      ...failure,
    });
    expect(failed.retryCount).toBe(1);
    expect(await errorCode(stores.tasks.reactivate(key("t"), { ifMatch: "0xstale" }))).toBe(
      "StoreConflict",
    );
    const active = await stores.tasks.reactivate(key("t"), { ifMatch: failed.etag });
    expect(active).toMatchObject({
      state: "active",
      previousState: "completed",
      retryCount: 0,
      exitCode: null,
      result: null,
      failureInfo: null,
      endTime: null,
    });
    expect(await errorCode(stores.tasks.reactivate(key("t")))).toBe("StoreConflict");
    expect(await errorCode(stores.tasks.reactivate(key("missing")))).toBe("StoreNotFound");
  });

  it("counts tasks and slots by state, succeeded and failed", async () => {
    await stores.tasks.addMany("job", [
      newTask("ok"),
      newTask("bad", { requiredSlots: 2 }),
      newTask("runs", { requiredSlots: 3 }),
      newTask("waits", { requiredSlots: 4 }),
    ]);
    const claimed = await stores.tasks.claim({
      poolId: "pool",
      nodeId: "n",
      freeSlots: 6,
      leaseMs: 1000,
      maxTasks: 3,
    });
    const token = (id: string) => claimed.find((task) => task.id === id)!.claimToken!;
    await stores.tasks.finishAttempt(key("ok"), token("ok"), { kind: "completed", ...success });
    await stores.tasks.finishAttempt(key("bad"), token("bad"), { kind: "completed", ...failure });
    expect(await stores.tasks.countByState("JOB")).toEqual({
      tasks: { active: 1, running: 1, completed: 2, succeeded: 1, failed: 1 },
      slots: { active: 4, running: 3, completed: 3, succeeded: 1, failed: 2 },
    });
    await stores.jobs.create(newJob("empty"));
    expect((await stores.tasks.countByState("empty")).tasks.active).toBe(0);
    expect(await errorCode(stores.tasks.countByState("none"))).toBe("StoreNotFound");
  });
});

describeEachDialect("TaskStore dependency races", (target) => {
  it("never loses a release when a dependency completes while its dependent is added", async () => {
    const database = await target.open();
    const stores = await freshStores(database);
    const adder = storesOn(await target.open(), stores.clock, 11);
    await addPool(stores);
    await stores.jobs.create(newJob("job"));
    for (let round = 0; round < 20; round += 1) {
      await stores.tasks.addMany("job", [newTask(`dep${round}`)]);
      const [running] = await stores.tasks.claim({
        poolId: "pool",
        nodeId: "n",
        freeSlots: 1,
        leaseMs: 1000,
        maxTasks: 1,
      });
      await Promise.all([
        stores.tasks.finishAttempt(key(running!.id), running!.claimToken!, {
          kind: "completed",
          ...success,
        }),
        adder.tasks.addMany("job", [
          newTask(`child${round}`, { dependsOn: { taskIds: [`dep${round}`] } }),
        ]),
      ]);
      expect((await stores.tasks.get(key(`child${round}`))).unmetDependencies).toBe(0);
      await stores.tasks.delete(key(`child${round}`));
    }
  });
});

describeEachDialect("TaskStore in a caller's transaction", (target) => {
  it("commits or rolls back writes of several stores together", async () => {
    const database = await target.open();
    const stores = await freshStores(database);
    const failing = database.writeTransaction(async (trx) => {
      const context = joinTransaction(database.dialect, trx);
      await createJobStore(context, { clock: stores.clock }).create(newJob("tx"));
      await createTaskStore(context, { clock: stores.clock }).addMany("tx", manyTasks("t", 3));
      throw new Error("abort");
    });
    await expect(failing).rejects.toThrow("abort");
    expect(await errorCode(stores.jobs.get("tx"))).toBe("StoreNotFound");
    await database.writeTransaction(async (trx) => {
      const context = joinTransaction(database.dialect, trx);
      await createJobStore(context, { clock: stores.clock }).create(newJob("tx"));
      await createTaskStore(context, { clock: stores.clock }).addMany("tx", manyTasks("t", 3));
    });
    expect((await stores.tasks.countByState("tx")).tasks.active).toBe(3);
  });
});
