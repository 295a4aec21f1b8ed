import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import type { CloudJob, CloudPool, CloudTask } from "../../src/api/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { TestAgent, ok } from "./agent-kit.js";
import { addJob, addPool, addTasks, json, startBatchApi, type BatchApi } from "./batch-api-kit.js";

describeEachDialect("Batch pools and jobs", (target) => {
  let database: Database;
  let api: BatchApi;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    api = await startBatchApi(database);
  });
  afterEach(() => api.close());

  const pool = async (id = "pool") => json<CloudPool>(await api.call("GET", `/pools/${id}`));
  const job = async (id = "job") => json<CloudJob>(await api.call("GET", `/jobs/${id}`));

  it("creates a pool with Batch's status, headers and defaults, and lists it", async () => {
    const created = await api.call("POST", "/pools?api-version=2022-10-01.16.0", {
      id: "Pool1",
      vmSize: "standard_d2s_v3",
      targetDedicatedNodes: 2,
      taskSlotsPerNode: 4,
      sluiceExternalNodes: true,
      metadata: [{ name: "team", value: "data" }],
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toMatch(/^0x/);
    expect(created.headers["last-modified"]).toMatch(/GMT$/);
    expect(created.headers.dataserviceid).toMatch(/\/pools\/Pool1$/);
    expect(await pool("pool1")).toMatchObject({
      id: "Pool1",
      state: "active",
      allocationState: "resizing",
      currentDedicatedNodes: 0,
      targetDedicatedNodes: 2,
      taskSlotsPerNode: 4,
      taskSchedulingPolicy: { nodeFillType: "spread" },
      resizeTimeout: "PT15M",
      enableAutoScale: false,
      sluiceExternalNodes: true,
      metadata: [{ name: "team", value: "data" }],
    });
    await TestAgent.register(api, "pool1");
    await TestAgent.register(api, "pool1");
    expect(await pool("pool1")).toMatchObject({
      allocationState: "steady",
      currentDedicatedNodes: 2,
    });
    // Azure SDKs send OData's media type parameter.
    const odata = await api.call(
      "POST",
      "/pools",
      JSON.stringify({ id: "pool2", vmSize: "s", targetDedicatedNodes: 0 }),
      { "content-type": "application/json; odata=minimalmetadata" },
    );
    expect(odata.statusCode, odata.body).toBe(201);
    const list = json<{ value: CloudPool[]; "odata.nextLink"?: string }>(
      await api.call("GET", "/pools?maxresults=1"),
    );
    expect(list.value.map((entry) => entry.id)).toEqual(["Pool1"]);
    expect(list["odata.nextLink"]).toMatch(/maxresults=1&%24skiptoken=/);
  });

  it("resizes down idle nodes first, and stops a resize", async () => {
    await addPool(api, "pool", { targetDedicatedNodes: 2 });
    await addJob(api, "job");
    await addTasks(api, "job", [{ id: "t", commandLine: "/bin/sleep 9" }]);
    const busy = await TestAgent.register(api);
    const idle = await TestAgent.register(api);
    await busy.claim();
    const resized = await api.call("POST", "/pools/pool/resize", {
      targetDedicatedNodes: 1,
      nodeDeallocationOption: "taskcompletion",
    });
    expect(resized.statusCode, resized.body).toBe(202);
    expect((await idle.heartbeat()).command).toBe("leave");
    expect(await pool()).toMatchObject({ allocationState: "steady", currentDedicatedNodes: 1 });
    const again = await api.call("POST", "/pools/pool/resize", { targetDedicatedNodes: 5 });
    expect(again.statusCode).toBe(202);
    expect(
      (await api.call("POST", "/pools/pool/resize", { targetDedicatedNodes: 6 })).statusCode,
    ).toBe(409);
    expect((await api.call("POST", "/pools/pool/stopresize")).statusCode).toBe(202);
    expect(await pool()).toMatchObject({ allocationState: "steady", targetDedicatedNodes: 5 });
  });

  it("deletes a pool once its nodes have left, requeueing their tasks", async () => {
    await addPool(api);
    await addJob(api, "job");
    await addTasks(api, "job", [{ id: "t", commandLine: "/bin/sleep 9" }]);
    const agent = await TestAgent.register(api);
    const [task] = await agent.claim();
    expect((await api.call("DELETE", "/pools/pool")).statusCode).toBe(202);
    expect((await pool()).state).toBe("deleting");
    const refused = await api.call("POST", "/sluice/agent/pools/pool/nodes", {
      hostname: "h",
      agentVersion: "1",
    });
    expect(json(refused)).toMatchObject({ code: "PoolBeingDeleted" });
    expect(await agent.heartbeat([task!.claimToken])).toEqual({
      cancelClaims: [task!.claimToken],
      command: "leave",
    });
    expect((await api.call("GET", "/pools/pool")).statusCode).toBe(404);
    expect(json<CloudTask>(await api.call("GET", "/jobs/job/tasks/t"))).toMatchObject({
      state: "active",
      executionInfo: { requeueCount: 1 },
    });
  });

  it("disables a job with requeue, enables it, and terminates it with a reason", async () => {
    await addPool(api);
    await addJob(api, "job");
    await addTasks(api, "job", [
      { id: "a", commandLine: "/bin/sleep 9" },
      { id: "b", commandLine: "/bin/true" },
    ]);
    const agent = await TestAgent.register(api);
    const [running] = await agent.claim();
    const disabled = await api.call("POST", "/jobs/job/disable", { disableTasks: "requeue" });
    expect(disabled.statusCode, disabled.body).toBe(202);
    expect(await job()).toMatchObject({ state: "disabled", previousState: "disabling" });
    expect((await agent.heartbeat([running!.claimToken])).cancelClaims).toEqual([
      running!.claimToken,
    ]);
    expect(await agent.claim()).toEqual([]);
    expect(
      (await api.call("POST", "/jobs/job/disable", { disableTasks: "requeue" })).statusCode,
    ).toBe(409);
    expect((await api.call("POST", "/jobs/job/enable")).statusCode).toBe(202);
    expect((await job()).state).toBe("active");
    const [again] = await agent.claim();
    expect(again?.taskId).toBe("a");
    const terminated = await api.call("POST", "/jobs/job/terminate", { terminateReason: "enough" });
    expect(terminated.statusCode).toBe(202);
    expect(await job()).toMatchObject({
      state: "completed",
      executionInfo: { terminateReason: "enough" },
    });
    expect(json(await agent.complete(again!.claimToken, ok))).toMatchObject({ code: "LeaseLost" });
    expect(
      json(await api.call("POST", "/jobs/job/tasks", { id: "c", commandLine: "x" })),
    ).toMatchObject({
      code: "JobCompleted",
    });
    expect((await api.call("DELETE", "/jobs/job")).statusCode).toBe(202);
    expect((await api.call("GET", "/jobs/job")).statusCode).toBe(404);
  });

  it("runs the job manager task and ends the job when it completes", async () => {
    await addPool(api);
    await addJob(api, "job", { jobManagerTask: { id: "manager", commandLine: "/bin/manage" } });
    const agent = await TestAgent.register(api);
    const task = await agent.runOne();
    expect(task.taskId).toBe("manager");
    expect(await job()).toMatchObject({
      state: "completed",
      executionInfo: { terminateReason: "JMComplete" },
    });
  });

  it("reactivates a failed task and updates a task's constraints", async () => {
    await addPool(api);
    await addJob(api, "job");
    await addTasks(api, "job", [{ id: "t", commandLine: "/bin/false" }]);
    const updated = await api.call("PUT", "/jobs/job/tasks/t", {
      constraints: { maxTaskRetryCount: 0 },
    });
    expect(updated.statusCode).toBe(200);
    const agent = await TestAgent.register(api);
    await agent.runOne({ ...ok, exitCode: 1, result: "failure", failureKind: "exitCode" });
    expect((await api.call("POST", "/jobs/job/tasks/t/reactivate")).statusCode).toBe(204);
    expect(json<CloudTask>(await api.call("GET", "/jobs/job/tasks/t"))).toMatchObject({
      state: "active",
      executionInfo: { retryCount: 0 },
      constraints: { maxTaskRetryCount: 0 },
    });
    await agent.runOne();
    expect(json(await api.call("POST", "/jobs/job/tasks/t/reactivate"))).toMatchObject({
      code: "TaskSucceeded",
    });
    expect((await api.call("DELETE", "/jobs/job/tasks/t")).statusCode).toBe(200);
    expect((await api.call("GET", "/jobs/job/tasks/t")).statusCode).toBe(404);
  });
});
