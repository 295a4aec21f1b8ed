import { beforeAll, beforeEach, expect, it } from "vitest";
import { ManualClock } from "../../src/core/index.js";
import type { ClaimRequest, Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import {
  addAll,
  addPool,
  freshStores,
  manyTasks,
  newJob,
  newTask,
  start,
  storesOn,
  success,
  type Stores,
} from "./batch-fixtures.js";

const claimOf = (overrides: Partial<ClaimRequest> = {}): ClaimRequest => ({
  poolId: "pool",
  nodeId: "node-1",
  freeSlots: 10,
  leaseMs: 30_000,
  maxTasks: 10,
  ...overrides,
});

describeEachDialect("TaskStore claim", (target) => {
  let database: Database;
  let stores: Stores;

  beforeAll(async () => {
    database = await target.open();
  });

  beforeEach(async () => {
    stores = await freshStores(database);
    await addPool(stores);
  });

  const ids = (tasks: readonly { id: string }[]) => tasks.map((task) => task.id);

  it("moves claimed tasks to running on the node with a fresh token and a lease", async () => {
    await stores.jobs.create(newJob("job"));
    await stores.tasks.addMany("job", manyTasks("t", 3));
    stores.clock.advance(100);
    const claimed = await stores.tasks.claim(claimOf({ maxTasks: 2, leaseMs: 5000 }));
    expect(ids(claimed)).toEqual(["t0", "t1"]);
    for (const task of claimed) {
      expect(task).toMatchObject({
        state: "running",
        previousState: "active",
        previousStateTransitionTime: start,
        stateTransitionTime: start + 100,
        nodeId: "node-1",
        leaseExpiry: start + 5100,
        startTime: start + 100,
        spec: { commandLine: `/bin/echo ${task.id}` },
      });
    }
    expect(new Set(claimed.map((task) => task.claimToken)).size).toBe(2);
    expect(await stores.tasks.get({ jobId: "job", taskId: "t0" })).toEqual(claimed[0]);
  });

  it("serves higher priority jobs first, then the oldest task", async () => {
    await stores.jobs.create(newJob("low"));
    await stores.jobs.create(newJob("other", { priority: 0 }));
    await stores.jobs.create(newJob("high", { priority: 10 }));
    await stores.tasks.addMany("low", manyTasks("low", 2));
    await stores.tasks.addMany("other", manyTasks("other", 1));
    await stores.tasks.addMany("high", manyTasks("high", 2));
    await stores.tasks.addMany("low", manyTasks("low", 1, 2));
    const claimed = await stores.tasks.claim(claimOf({ maxTasks: 5 }));
    expect(ids(claimed)).toEqual(["high0", "high1", "low0", "low1", "other0"]);
    expect(ids(await stores.tasks.claim(claimOf()))).toEqual(["low2"]);
  });

  it("claims only ready tasks of the pool's active jobs", async () => {
    await addPool(stores, "elsewhere");
    await stores.jobs.create(newJob("job"));
    await stores.jobs.create(newJob("disabled", { state: "disabled" }));
    await stores.jobs.create(newJob("away", { poolId: "elsewhere" }));
    await stores.tasks.addMany("disabled", manyTasks("d", 2));
    await stores.tasks.addMany("away", manyTasks("a", 2));
    await stores.tasks.addMany("job", [
      newTask("blocked", { dependsOn: { taskIds: ["ready"] } }),
      newTask("ready"),
    ]);
    expect(ids(await stores.tasks.claim(claimOf()))).toEqual(["ready"]);
    expect(await stores.tasks.claim(claimOf())).toEqual([]);
    expect(ids(await stores.tasks.claim(claimOf({ poolId: "ELSEWHERE" })))).toEqual(["a0", "a1"]);
  });

  it("honours max_parallel_tasks against the job's running tasks", async () => {
    await stores.jobs.create(newJob("capped", { maxParallelTasks: 2 }));
    await stores.jobs.create(newJob("free", { priority: -1 }));
    await stores.tasks.addMany("capped", manyTasks("c", 5));
    await stores.tasks.addMany("free", manyTasks("f", 2));
    const first = await stores.tasks.claim(claimOf({ maxTasks: 3 }));
    expect(ids(first)).toEqual(["c0", "c1", "f0"]);
    expect(ids(await stores.tasks.claim(claimOf({ nodeId: "node-2", maxTasks: 1 })))).toEqual([
      "f1",
    ]);
    expect(await stores.tasks.claim(claimOf())).toEqual([]);
    const done = first[0]!;
    await stores.tasks.finishAttempt({ jobId: "capped", taskId: done.id }, done.claimToken!, {
      kind: "completed",
      ...success,
    });
    expect(ids(await stores.tasks.claim(claimOf()))).toEqual(["c2"]);
  });

  it("packs required slots greedily into the free slots", async () => {
    await stores.jobs.create(newJob("job"));
    await stores.tasks.addMany("job", [
      newTask("three", { requiredSlots: 3 }),
      newTask("two", { requiredSlots: 2 }),
      newTask("one", { requiredSlots: 1 }),
      newTask("four", { requiredSlots: 4 }),
    ]);
    expect(ids(await stores.tasks.claim(claimOf({ freeSlots: 4 })))).toEqual(["three", "one"]);
    expect(ids(await stores.tasks.claim(claimOf({ freeSlots: 3 })))).toEqual(["two"]);
    expect(await stores.tasks.claim(claimOf({ freeSlots: 3 }))).toEqual([]);
    expect(ids(await stores.tasks.claim(claimOf({ freeSlots: 4 })))).toEqual(["four"]);
    expect(await stores.tasks.claim(claimOf({ freeSlots: 0 }))).toEqual([]);
  });

  it("gives each task to exactly one of two claimers racing on separate connections", async () => {
    const other = storesOn(await target.open(), new ManualClock(start), 99);
    await stores.jobs.create(newJob("job"));
    await stores.jobs.create(newJob("urgent", { priority: 5, maxParallelTasks: 3 }));
    await addAll(stores.tasks, "job", manyTasks("t", 300));
    await addAll(stores.tasks, "urgent", manyTasks("u", 30));
    const seen = new Map<string, string>();
    let rounds = 0;
    while (seen.size < 330 && rounds < 500) {
      rounds += 1;
      const batches = await Promise.all(
        [stores, other].map((claimer, index) =>
          claimer.tasks.claim(claimOf({ nodeId: `node-${index}`, maxTasks: 1 + (rounds % 4) })),
        ),
      );
      for (const [index, batch] of batches.entries()) {
        for (const task of batch) {
          expect(seen.has(`${task.jobKey}/${task.id}`)).toBe(false);
          seen.set(`${task.jobKey}/${task.id}`, `node-${index}`);
        }
      }
      const running = await stores.tasks.countByState("urgent");
      expect(running.tasks.running).toBeLessThanOrEqual(3);
      // Finish the urgent job's tasks so its cap frees up again.
      for (const task of batches.flat().filter((task) => task.jobKey === "urgent")) {
        await stores.tasks.finishAttempt({ jobId: "urgent", taskId: task.id }, task.claimToken!, {
          kind: "completed",
          ...success,
        });
      }
    }
    expect(seen.size).toBe(330);
    expect(new Set(seen.values())).toEqual(new Set(["node-0", "node-1"]));
    expect((await stores.tasks.countByState("job")).tasks).toMatchObject({
      active: 0,
      running: 300,
    });
    // Hundreds of round trips on PostgreSQL: seconds on a loaded machine.
  }, 60_000);
});
