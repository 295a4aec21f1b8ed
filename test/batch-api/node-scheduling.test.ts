import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import type { CloudPool, CloudTask, ComputeNode } from "../../src/api/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { TestAgent, ok } from "./agent-kit.js";
import { addJob, addPool, addTasks, json, startBatchApi, type BatchApi } from "./batch-api-kit.js";

interface ErrorBody {
  code: string;
  values: { key: string; value: string }[];
}

describeEachDialect("Batch node scheduling, node counts and pool updateproperties", (target) => {
  let database: Database;
  let api: BatchApi;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    api = await startBatchApi(database);
  });
  afterEach(() => api.close());

  const node = async (agent: TestAgent) =>
    json<ComputeNode>(await api.call("GET", `/pools/pool/nodes/${agent.nodeId}`));
  const task = async (id: string) =>
    json<CloudTask>(await api.call("GET", `/jobs/job/tasks/${id}`));
  const scheduling = (agent: TestAgent, verb: "disable" | "enable", body?: unknown) =>
    api.call("POST", `/pools/pool/nodes/${agent.nodeId}/${verb}scheduling`, body);
  const expectRefused = async (
    response: Awaited<ReturnType<BatchApi["call"]>>,
    status: number,
    code: string,
    property: string,
  ) => {
    expect(response.statusCode, response.body).toBe(status);
    const body = json<ErrorBody>(response);
    expect(body.code).toBe(code);
    expect(body.values).toContainEqual({ key: "PropertyName", value: property });
  };

  async function poolWithTwoNodes(): Promise<{ a: TestAgent; b: TestAgent }> {
    await addPool(api, "pool", {
      targetDedicatedNodes: 2,
      taskSchedulingPolicy: { nodeFillType: "pack" },
    });
    await addJob(api, "job");
    return { a: await TestAgent.register(api), b: await TestAgent.register(api) };
  }

  it("requeues a disabled node's tasks by default; the node claims nothing until enabled", async () => {
    const { a, b } = await poolWithTwoNodes();
    await addTasks(api, "job", [{ id: "t1", commandLine: "/bin/sleep 100" }]);
    const [claimed] = await a.claim();
    const disabled = await scheduling(a, "disable", {});
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(await task("t1")).toMatchObject({ state: "active", executionInfo: { requeueCount: 1 } });
    expect(await a.heartbeat([claimed!.claimToken])).toMatchObject({
      cancelClaims: [claimed!.claimToken],
    });
    expect(await node(a)).toMatchObject({ state: "offline", schedulingState: "disabled" });
    const offline = json<{ value: ComputeNode[] }>(
      await api.call(
        "GET",
        `/pools/pool/nodes?$filter=${encodeURIComponent("state eq 'offline'")}`,
      ),
    );
    expect(offline.value.map((listed) => listed.id)).toEqual([a.nodeId]);
    expect(await a.claim()).toEqual([]);
    await expectRefused(
      await scheduling(a, "disable"),
      409,
      "NodeAlreadyInTargetSchedulingState",
      "schedulingState",
    );
    expect((await b.claim()).map((assigned) => assigned.taskId)).toEqual(["t1"]);

    await addTasks(api, "job", [{ id: "t2", commandLine: "/bin/true" }]);
    expect(await a.claim()).toEqual([]);
    expect((await scheduling(a, "enable")).statusCode).toBe(200);
    expect(await node(a)).toMatchObject({ state: "idle", schedulingState: "enabled" });
    expect((await a.claim()).map((assigned) => assigned.taskId)).toEqual(["t2"]);
    await expectRefused(
      await scheduling(a, "enable"),
      409,
      "NodeAlreadyInTargetSchedulingState",
      "schedulingState",
    );
  });

  it("terminates running tasks, or lets them finish, as nodeDisableSchedulingOption says", async () => {
    const { a, b } = await poolWithTwoNodes();
    await addTasks(api, "job", [
      { id: "t1", commandLine: "/bin/sleep 100" },
      { id: "t2", commandLine: "/bin/sleep 100" },
    ]);
    await a.claim();
    const [second] = await b.claim();
    expect(
      (await scheduling(a, "disable", { nodeDisableSchedulingOption: "Terminate" })).statusCode,
    ).toBe(200);
    expect(await task("t1")).toMatchObject({
      state: "completed",
      executionInfo: { result: "failure", failureInfo: { code: "TaskEnded" } },
    });
    expect(await node(a)).toMatchObject({ state: "offline", runningTasksCount: 0 });

    const finishing = await scheduling(b, "disable", {
      nodeDisableSchedulingOption: "taskcompletion",
    });
    expect(finishing.statusCode).toBe(200);
    expect(await task("t2")).toMatchObject({ state: "running" });
    expect(await node(b)).toMatchObject({ state: "running", schedulingState: "disabled" });
    expect((await b.complete(second!.claimToken, ok)).statusCode).toBe(204);
    expect(await node(b)).toMatchObject({ state: "offline" });
  });

  it("refuses bad disable bodies and unknown nodes, changing nothing", async () => {
    const { a } = await poolWithTwoNodes();
    await expectRefused(
      await scheduling(a, "disable", { nodeDisableSchedulingOption: "later" }),
      400,
      "InvalidPropertyValue",
      "nodeDisableSchedulingOption",
    );
    const unknown = await scheduling(a, "disable", { when: "now" });
    expect(unknown.statusCode).toBe(400);
    expect(json<ErrorBody>(unknown).code).toBe("InvalidRequestBody");
    expect(await node(a)).toMatchObject({ state: "idle", schedulingState: "enabled" });
    const missing = await api.call("POST", "/pools/pool/nodes/nope/disablescheduling", {});
    expect(missing.statusCode).toBe(404);
    expect(json<ErrorBody>(missing).code).toBe("NodeNotFound");
  });

  it("counts each pool's nodes by state", async () => {
    const { a, b } = await poolWithTwoNodes();
    await addPool(api, "empty", { targetDedicatedNodes: 0 });
    await addTasks(api, "job", [{ id: "t1", commandLine: "/bin/sleep 100" }]);
    await a.claim();
    await scheduling(b, "disable");
    const counts = json<{ value: { poolId: string; dedicated: object; lowPriority: object }[] }>(
      await api.call("GET", "/nodecounts"),
    );
    expect(counts.value.map((pool) => pool.poolId)).toEqual(["empty", "pool"]);
    expect(counts.value[1]!.dedicated).toMatchObject({
      running: 1,
      offline: 1,
      idle: 0,
      startTaskFailed: 0,
      waitingForStartTask: 0,
      leavingPool: 0,
      total: 2,
    });
    expect(counts.value[1]!.lowPriority).toMatchObject({ total: 0, idle: 0 });
    expect(counts.value[0]!.dedicated).toMatchObject({ total: 0 });
    const one = json<{ value: { poolId: string }[] }>(
      await api.call("GET", `/nodecounts?$filter=${encodeURIComponent("poolId eq 'pool'")}`),
    );
    expect(one.value.map((pool) => pool.poolId)).toEqual(["pool"]);
    const paged = json<{ value: unknown[]; "odata.nextLink"?: string }>(
      await api.call("GET", "/nodecounts?maxresults=1"),
    );
    expect(paged.value).toHaveLength(1);
    const next = new URL(paged["odata.nextLink"]!);
    const rest = json<{ value: { poolId: string }[] }>(
      await api.call("GET", `/nodecounts${next.search}`),
    );
    expect(rest.value.map((pool) => pool.poolId)).toEqual(["pool"]);
    await expectRefused(
      await api.call("GET", "/nodecounts?maxresults=11"),
      400,
      "InvalidQueryParameterValue",
      "maxresults",
    );
    await expectRefused(
      await api.call("GET", `/nodecounts?$filter=${encodeURIComponent("state eq 'idle'")}`),
      400,
      "InvalidQueryParameterValue",
      "$filter",
    );
  });

  it("replaces a pool's updatable properties with updateproperties, clearing those left out", async () => {
    await addPool(api, "pool", {
      startTask: { commandLine: "/bin/setup" },
      metadata: [{ name: "team", value: "data" }],
    });
    const before = json<CloudPool>(await api.call("GET", "/pools/pool"));
    const updated = await api.call("POST", "/pools/pool/updateproperties", {
      certificateReferences: [],
      applicationPackageReferences: [],
      metadata: [{ name: "owner", value: "ops" }],
    });
    expect(updated.statusCode, updated.body).toBe(204);
    expect(updated.headers.etag).not.toBe(before.eTag);
    const after = json<CloudPool>(await api.call("GET", "/pools/pool"));
    expect(after.startTask).toBeUndefined();
    expect(after.metadata).toEqual([{ name: "owner", value: "ops" }]);
    expect(after).toMatchObject({ vmSize: before.vmSize, targetDedicatedNodes: 1 });

    await api.call("POST", "/pools/pool/updateproperties", {
      startTask: { commandLine: "/bin/setup2", waitForSuccess: false },
      certificateReferences: [],
      applicationPackageReferences: [],
      metadata: [],
    });
    const again = json<CloudPool>(await api.call("GET", "/pools/pool"));
    expect(again.startTask).toMatchObject({ commandLine: "/bin/setup2", waitForSuccess: false });
    expect(again.metadata).toBeUndefined();
  });

  it("refuses bad updateproperties bodies, naming the property, and changes nothing", async () => {
    await addPool(api, "pool", { metadata: [{ name: "team", value: "data" }] });
    const before = json<CloudPool>(await api.call("GET", "/pools/pool"));
    await expectRefused(
      await api.call("POST", "/pools/pool/updateproperties", {
        certificateReferences: [],
        applicationPackageReferences: [],
      }),
      400,
      "MissingRequiredProperty",
      "metadata",
    );
    await expectRefused(
      await api.call("POST", "/pools/pool/updateproperties", {
        certificateReferences: [],
        applicationPackageReferences: [],
        metadata: [],
        startTask: { commandLine: "x", maxTaskRetryCount: -2 },
      }),
      400,
      "InvalidPropertyValue",
      "startTask.maxTaskRetryCount",
    );
    const unknownPool = await api.call("POST", "/pools/nope/updateproperties", {
      certificateReferences: [],
      applicationPackageReferences: [],
      metadata: [],
    });
    expect(json<ErrorBody>(unknownPool).code).toBe("PoolNotFound");
    expect(json<CloudPool>(await api.call("GET", "/pools/pool"))).toEqual(before);
  });
});
