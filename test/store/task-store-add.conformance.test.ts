import { beforeAll, beforeEach, expect, it } from "vitest";
import type { Database, TaskRecord } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import {
  errorCode,
  freshStores,
  manyTasks,
  newJob,
  newTask,
  start,
  type Stores,
} from "./batch-fixtures.js";

describeEachDialect("TaskStore add, read, list", (target) => {
  let database: Database;
  let stores: Stores;

  beforeAll(async () => {
    database = await target.open();
  });

  beforeEach(async () => {
    stores = await freshStores(database);
    await stores.jobs.create(newJob("Job", { poolId: "Pool" }));
  });

  async function unmet(taskId: string): Promise<number> {
    return (await stores.tasks.get({ jobId: "job", taskId })).unmetDependencies;
  }

  it("adds tasks as active and reads them back in any case", async () => {
    const results = await stores.tasks.addMany("JOB", [
      newTask("Task-1", { requiredSlots: 2, spec: { commandLine: "/bin/true", x: [1, "é"] } }),
    ]);
    expect(results).toHaveLength(1);
    const created = results[0]!;
    if (created.status !== "created") throw new Error("expected created");
    expect(created.task).toMatchObject({
      id: "Task-1",
      jobKey: "job",
      poolKey: "pool",
      state: "active",
      stateTransitionTime: start,
      requiredSlots: 2,
      unmetDependencies: 0,
      spec: { commandLine: "/bin/true", x: [1, "é"] },
      retryCount: 0,
      requeueCount: 0,
      nodeId: null,
      claimToken: null,
      satisfiesDependents: false,
      creationTime: start,
    });
    expect(await stores.tasks.get({ jobId: "job", taskId: "TASK-1" })).toEqual(created.task);
  });

  it("adds 500 tasks in 5 calls, reporting duplicates in the job and within a call", async () => {
    const statuses: string[] = [];
    for (let call = 0; call < 5; call += 1) {
      // Each call repeats 10 ids of the previous call (in other case) and one of its own.
      const own = manyTasks("t", 90, call * 90);
      const repeats = call === 0 ? manyTasks("extra", 10) : manyTasks("T", 10, (call - 1) * 90);
      const batch = [...own, ...repeats];
      const results = await stores.tasks.addMany("job", batch);
      expect(
        results.map((result) => (result.status === "created" ? result.task.id : result.id)),
      ).toEqual(batch.map((task) => task.id));
      statuses.push(...results.map((result) => result.status));
    }
    expect(statuses.filter((status) => status === "created")).toHaveLength(460);
    expect(statuses.filter((status) => status === "duplicate")).toHaveLength(40);
    const inCall = await stores.tasks.addMany("job", [
      newTask("same"),
      newTask("SAME"),
      newTask("t0"),
    ]);
    expect(inCall.map((result) => result.status)).toEqual(["created", "duplicate", "duplicate"]);
    expect((await stores.tasks.countByState("job")).tasks.active).toBe(461);
  });

  it("writes nothing when the job does not exist or the batch is refused", async () => {
    expect(await errorCode(stores.tasks.addMany("nojob", manyTasks("t", 3)))).toBe("StoreNotFound");
    const tooMany = stores.tasks.addMany("job", manyTasks("t", 101));
    expect(await errorCode(tooMany)).toBe("InvalidArgument");
    const badRange = stores.tasks.addMany("job", [
      newTask("ok"),
      newTask("bad", { dependsOn: { taskIdRanges: [{ start: 5, end: 2 }] } }),
    ]);
    expect(await errorCode(badRange)).toBe("InvalidArgument");
    expect(await database.db.selectFrom("tasks").select("id").execute()).toEqual([]);
    expect(await database.db.selectFrom("task_dependencies").selectAll().execute()).toEqual([]);
  });

  it("counts each dependency unmet until it completes satisfied, also ones added later", async () => {
    await stores.tasks.addMany("job", [newTask("done"), newTask("pending")]);
    await database.db
      .updateTable("tasks")
      .set({ state: "completed", satisfies_dependents: 1 })
      .where("id_key", "=", "done")
      .execute();
    await stores.tasks.addMany("job", [
      newTask("waits", { dependsOn: { taskIds: ["DONE", "pending", "later", "done"] } }),
      newTask("ranged", { dependsOn: { taskIdRanges: [{ start: 1, end: 3 }], taskIds: ["2"] } }),
      newTask("inBatch", { dependsOn: { taskIds: ["waits"] } }),
    ]);
    expect(await unmet("waits")).toBe(2);
    expect(await unmet("ranged")).toBe(3);
    expect(await unmet("inbatch")).toBe(1);
    const edges = await database.db
      .selectFrom("task_dependencies")
      .selectAll()
      .where("task_id_key", "=", "ranged")
      .execute();
    expect(edges.map((edge) => edge.depends_on_id_key).sort()).toEqual(["1", "2", "3"]);
  });

  it("lists in add order with an opaque token, by state, and refuses bad paging", async () => {
    await stores.tasks.addMany("job", [newTask("z"), newTask("a"), newTask("m"), newTask("b")]);
    await database.db
      .updateTable("tasks")
      .set({ state: "completed" })
      .where("id_key", "in", ["a", "b"])
      .execute();
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await stores.tasks.list("job", {
        maxResults: 3,
        ...(token ? { continuationToken: token } : {}),
      });
      seen.push(...page.items.map((task: TaskRecord) => task.id));
      token = page.continuationToken;
    } while (token !== undefined);
    expect(seen).toEqual(["z", "a", "m", "b"]);
    const completed = await stores.tasks.list("job", { state: "completed" });
    expect(completed.items.map((task) => task.id)).toEqual(["a", "b"]);
    expect(await errorCode(stores.tasks.list("job", { continuationToken: "garbage" }))).toBe(
      "InvalidArgument",
    );
    expect(await errorCode(stores.tasks.list("nojob"))).toBe("StoreNotFound");
    await stores.jobs.create(newJob("empty"));
    expect((await stores.tasks.list("empty")).items).toEqual([]);
  });

  it("updates with an etag and deletes, refusing stale etags and missing tasks", async () => {
    const [result] = await stores.tasks.addMany("job", [newTask("t")]);
    if (result?.status !== "created") throw new Error("expected created");
    stores.clock.advance(7);
    const updated = await stores.tasks.update(
      { jobId: "job", taskId: "T" },
      { spec: { commandLine: "/bin/false", constraints: { maxTaskRetryCount: 3 } } },
      { ifMatch: result.task.etag },
    );
    expect(updated).toMatchObject({ spec: { commandLine: "/bin/false" }, lastModified: start + 7 });
    expect(updated.etag).not.toBe(result.task.etag);
    const key = { jobId: "job", taskId: "t" };
    expect(
      await errorCode(stores.tasks.update(key, { spec: {} }, { ifMatch: result.task.etag })),
    ).toBe("StoreConflict");
    expect(await errorCode(stores.tasks.delete(key, { ifMatch: result.task.etag }))).toBe(
      "StoreConflict",
    );
    expect(await stores.tasks.get(key)).toEqual(updated);
    await stores.tasks.delete(key, { ifMatch: updated.etag });
    expect(await errorCode(stores.tasks.get(key))).toBe("StoreNotFound");
    expect(await errorCode(stores.tasks.delete(key))).toBe("StoreNotFound");
    expect(await errorCode(stores.tasks.update(key, { spec: {} }))).toBe("StoreNotFound");
  });
});
