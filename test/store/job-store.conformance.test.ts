import { beforeAll, beforeEach, expect, it } from "vitest";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { errorCode, freshStores, manyTasks, newJob, start, type Stores } from "./batch-fixtures.js";

describeEachDialect("JobStore", (target) => {
  let database: Database;
  let stores: Stores;

  beforeAll(async () => {
    database = await target.open();
  });

  beforeEach(async () => {
    stores = await freshStores(database);
  });

  it("creates a job and reads it back by id in any case", async () => {
    const created = await stores.jobs.create(newJob("Job-A", { poolId: "Pool-X", priority: 5 }));
    expect(created).toMatchObject({
      id: "Job-A",
      poolKey: "pool-x",
      priority: 5,
      maxParallelTasks: -1,
      previousState: null,
      creationTime: start,
      stateTransitionTime: start,
    });
    expect(created.etag).toMatch(/^0x[0-9A-F]{16}$/);
    expect(await stores.jobs.get("JOB-a")).toEqual(created);
  });

  it("refuses a duplicate id in any case and reports a missing job", async () => {
    await stores.jobs.create(newJob("dup"));
    expect(await errorCode(stores.jobs.create(newJob("DUP")))).toBe("StoreDuplicate");
    expect(await errorCode(stores.jobs.get("nope"))).toBe("StoreNotFound");
    expect(await errorCode(stores.jobs.update("nope", { priority: 1 }))).toBe("StoreNotFound");
    expect(await errorCode(stores.jobs.delete("nope"))).toBe("StoreNotFound");
  });

  it("lists all jobs and one pool's jobs a page at a time, in id order", async () => {
    for (const id of ["c", "A", "b", "d"]) {
      await stores.jobs.create(newJob(id, { poolId: id === "b" || id === "d" ? "other" : "pool" }));
    }
    const first = await stores.jobs.list({ maxResults: 3 });
    expect(first.items.map((job) => job.id)).toEqual(["A", "b", "c"]);
    const second = await stores.jobs.list({ continuationToken: first.continuationToken! });
    expect(second.items.map((job) => job.id)).toEqual(["d"]);
    expect(second.continuationToken).toBeUndefined();
    const inOther = await stores.jobs.listByPool("OTHER");
    expect(inOther.items.map((job) => job.id)).toEqual(["b", "d"]);
  });

  it("updates with a matching etag, refuses a stale one and changes nothing", async () => {
    const created = await stores.jobs.create(newJob("occ"));
    stores.clock.advance(10);
    const updated = await stores.jobs.update(
      "occ",
      {
        state: "disabled",
        previousState: "active",
        previousStateTransitionTime: start,
        stateTransitionTime: start + 10,
        executionInfo: { startTime: "x", terminateReason: "none" },
      },
      { ifMatch: created.etag },
    );
    expect(updated).toMatchObject({
      state: "disabled",
      previousState: "active",
      lastModified: start + 10,
    });
    expect(updated.executionInfo).toEqual({ startTime: "x", terminateReason: "none" });
    const stale = stores.jobs.update("occ", { priority: 100 }, { ifMatch: created.etag });
    expect(await errorCode(stale)).toBe("StoreConflict");
    expect(await stores.jobs.get("occ")).toEqual(updated);
  });

  it("moves the job's tasks when its pool changes", async () => {
    await stores.jobs.create(newJob("mover"));
    await stores.tasks.addMany("mover", manyTasks("t", 3));
    await stores.jobs.update("mover", { poolId: "Elsewhere" });
    const page = await stores.tasks.list("mover");
    expect(page.items.map((task) => task.poolKey)).toEqual(["elsewhere", "elsewhere", "elsewhere"]);
  });

  it("deletes a job with its tasks and their dependencies, honouring the etag", async () => {
    const created = await stores.jobs.create(newJob("gone"));
    await stores.tasks.addMany("gone", [
      ...manyTasks("t", 2),
      { id: "after", spec: {}, dependsOn: { taskIds: ["t0", "t1"] } },
    ]);
    const touched = await stores.jobs.update("gone", { priority: 1 });
    expect(await errorCode(stores.jobs.delete("gone", { ifMatch: created.etag }))).toBe(
      "StoreConflict",
    );
    await stores.jobs.delete("GONE", { ifMatch: touched.etag });
    expect(await errorCode(stores.jobs.get("gone"))).toBe("StoreNotFound");
    expect(await database.db.selectFrom("tasks").select("id").execute()).toEqual([]);
    expect(await database.db.selectFrom("task_dependencies").selectAll().execute()).toEqual([]);
  });
});
