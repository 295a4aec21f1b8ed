// The autoscale sample store (migration 7) and the pool task load autoscale samples, on
// both dialects.
import { beforeAll, beforeEach, expect, it } from "vitest";
import { ManualClock, seededRandom } from "../../src/core/index.js";
import {
  createAutoScaleSampleStore,
  createJobStore,
  createPoolTaskLoadReader,
  createTaskStore,
  type AutoScaleSampleStore,
  type Database,
  type NewJob,
} from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";

const start = Date.UTC(2026, 0, 1);

describeEachDialect("autoscale samples", (target) => {
  let database: Database;
  let samples: AutoScaleSampleStore;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    await database.db.deleteFrom("autoscale_samples").execute();
    samples = createAutoScaleSampleStore(database);
  });

  it("keeps one sample per pool, metric and slot, the first recorded", async () => {
    await samples.record("Pool", start, { PendingTasks: 3, CPUPercent: 12.5 });
    await samples.record("pool", start, { PendingTasks: 9 });
    await samples.record("POOL", start + 30_000, { PendingTasks: 4 });
    await samples.record("other", start, { PendingTasks: 100 });
    const history = await samples.history("pool", start);
    expect(history.get("PendingTasks")).toEqual([
      { time: start, value: 3 },
      { time: start + 30_000, value: 4 },
    ]);
    expect(history.get("CPUPercent")).toEqual([{ time: start, value: 12.5 }]);
    expect((await samples.history("pool", start + 1)).get("PendingTasks")).toEqual([
      { time: start + 30_000, value: 4 },
    ]);
  });

  it("prunes old samples and forgets a pool", async () => {
    await samples.record("pool", start, { PendingTasks: 1 });
    await samples.record("pool", start + 60_000, { PendingTasks: 2 });
    await samples.record("other", start + 60_000, { PendingTasks: 5 });
    expect(await samples.prune(start + 1)).toBe(1);
    expect((await samples.history("pool", 0)).get("PendingTasks")).toEqual([
      { time: start + 60_000, value: 2 },
    ]);
    await samples.forget("POOL");
    expect((await samples.history("pool", 0)).size).toBe(0);
    expect((await samples.history("other", 0)).get("PendingTasks")).toHaveLength(1);
  });

  it("counts a pool's tasks by state and slots, ready tasks only as active", async () => {
    await database.db.deleteFrom("jobs").execute();
    const deps = { clock: new ManualClock(start), random: seededRandom(3) };
    const jobs = createJobStore(database, deps);
    const tasks = createTaskStore(database, deps);
    const job = (id: string, poolId: string): NewJob => ({
      id,
      poolId,
      state: "active",
      priority: 0,
      maxParallelTasks: -1,
      onAllTasksComplete: "noaction",
      onTaskFailure: "noaction",
      spec: {},
      executionInfo: {},
    });
    await jobs.create(job("j1", "Work"));
    await jobs.create(job("j2", "elsewhere"));
    await tasks.addMany("j1", [
      { id: "a", requiredSlots: 2, spec: {} },
      { id: "b", requiredSlots: 1, spec: {} },
      { id: "c", requiredSlots: 1, dependsOn: { taskIds: ["a"] }, spec: {} },
    ]);
    await tasks.addMany("j2", [{ id: "x", requiredSlots: 1, spec: {} }]);
    const load = await createPoolTaskLoadReader(database).poolTaskLoad("work");
    expect(load).toEqual({
      active: 2,
      running: 0,
      succeeded: 0,
      failed: 0,
      activeSlots: 3,
      runningSlots: 0,
    });
  });
});
