import { afterAll, beforeAll, beforeEach, afterEach, expect, it } from "vitest";
import type { CloudJob, CloudTask, ComputeNode, TaskCountsResult } from "../../src/api/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { TestAgent, exitWith, ok } from "./agent-kit.js";
import { addJob, addPool, addTasks, json, startBatchApi, type BatchApi } from "./batch-api-kit.js";

describeEachDialect("Batch agent protocol", (target) => {
  let database: Database;
  let api: BatchApi;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    api = await startBatchApi(database);
    await addPool(api);
  });
  afterEach(() => api.close());
  afterAll(() => undefined);

  const getTask = async (jobId: string, taskId: string) =>
    json<CloudTask>(await api.call("GET", `/jobs/${jobId}/tasks/${taskId}`));

  it("walks register, claim, heartbeat, log append and complete", async () => {
    await addJob(api, "job", { commonEnvironmentSettings: [{ name: "A", value: "job" }] });
    await addTasks(api, "job", [
      {
        id: "t1",
        commandLine: "/bin/echo hi",
        environmentSettings: [{ name: "B", value: "task" }],
        resourceFiles: [{ autoStorageContainerName: "inputs", blobPrefix: "in/" }],
        constraints: { maxWallClockTime: "PT1M" },
      },
    ]);
    const agent = await TestAgent.register(api);
    const node = json<ComputeNode>(await api.call("GET", `/pools/pool/nodes/${agent.nodeId}`));
    expect(node).toMatchObject({ state: "idle", schedulingState: "enabled", runningTasksCount: 0 });

    const [task] = await agent.claim(2);
    expect(task).toMatchObject({
      kind: "task",
      jobId: "job",
      taskId: "t1",
      poolId: "pool",
      commandLine: "/bin/echo hi",
      environmentSettings: [
        { name: "A", value: "job" },
        { name: "B", value: "task" },
      ],
      resourceFiles: [{ source: { sluiceContainer: "inputs", blobPrefix: "in/" } }],
      maxWallClockTimeMs: 60_000,
      requiredSlots: 1,
    });
    expect(await getTask("job", "t1")).toMatchObject({
      state: "running",
      nodeInfo: { nodeId: agent.nodeId, poolId: "pool" },
    });
    expect(
      json<ComputeNode>(await api.call("GET", `/pools/pool/nodes/${agent.nodeId}`)),
    ).toMatchObject({
      state: "running",
      runningTasksCount: 1,
      runningTaskSlotsCount: 1,
    });

    expect(await agent.heartbeat([task!.claimToken])).toEqual({
      cancelClaims: [],
      command: "none",
    });
    expect((await agent.append(task!.claimToken, "stdout.txt", 0, "hello ")).statusCode).toBe(200);
    expect((await agent.append(task!.claimToken, "stdout.txt", 6, "world\n")).statusCode).toBe(200);
    const mismatch = await agent.append(task!.claimToken, "stdout.txt", 3, "again");
    expect(mismatch.statusCode).toBe(409);
    expect(json(mismatch)).toMatchObject({ code: "AppendOffsetMismatch" });
    expect((await api.call("GET", "/jobs/job/tasks/t1/files/stdout.txt")).body).toBe(
      "hello world\n",
    );

    expect((await agent.complete(task!.claimToken, ok)).statusCode).toBe(204);
    expect(await getTask("job", "t1")).toMatchObject({
      state: "completed",
      executionInfo: { exitCode: 0, result: "success", retryCount: 0, requeueCount: 0 },
    });
    const again = await agent.complete(task!.claimToken, ok);
    expect(again.statusCode).toBe(409);
    expect(json(again)).toMatchObject({ code: "LeaseLost" });
    expect(
      json<ComputeNode>(await api.call("GET", `/pools/pool/nodes/${agent.nodeId}`)),
    ).toMatchObject({
      state: "idle",
      totalTasksRun: 1,
      totalTasksSucceeded: 1,
    });
  });

  it("retries a failing exit code up to maxTaskRetryCount, then succeeds", async () => {
    await addJob(api, "job", { constraints: { maxTaskRetryCount: 2 } });
    await addTasks(api, "job", [{ id: "flaky", commandLine: "/bin/false" }]);
    const agent = await TestAgent.register(api);
    await agent.runOne(exitWith(3));
    expect(await getTask("job", "flaky")).toMatchObject({
      state: "active",
      executionInfo: { retryCount: 1 },
    });
    await agent.runOne(exitWith(3));
    await agent.runOne(ok);
    expect(await getTask("job", "flaky")).toMatchObject({
      state: "completed",
      executionInfo: { retryCount: 2, result: "success", exitCode: 0 },
    });
  });

  it("completes a pre-processing error without retrying it", async () => {
    await addJob(api, "job", { constraints: { maxTaskRetryCount: -1 } });
    await addTasks(api, "job", [{ id: "t", commandLine: "/bin/true" }]);
    const agent = await TestAgent.register(api);
    await agent.runOne({
      ...ok,
      result: "failure",
      exitCode: undefined,
      failureKind: "preProcessingError",
      failureInfo: { category: "usererror", code: "BlobNotFound", message: "no such blob" },
    } as never);
    expect(await getTask("job", "t")).toMatchObject({
      state: "completed",
      executionInfo: {
        retryCount: 0,
        result: "failure",
        failureInfo: { category: "usererror", code: "BlobNotFound" },
      },
    });
  });

  it("runs a dependency chain in order, and blocks dependents of a failure", async () => {
    await addJob(api, "job", { usesTaskDependencies: true });
    await addTasks(api, "job", [
      { id: "c", commandLine: "/bin/true", dependsOn: { taskIds: ["b"] } },
      { id: "b", commandLine: "/bin/true", dependsOn: { taskIds: ["a"] } },
      { id: "a", commandLine: "/bin/true" },
      { id: "x", commandLine: "/bin/false" },
      { id: "y", commandLine: "/bin/true", dependsOn: { taskIds: ["x"] } },
    ]);
    const agent = await TestAgent.register(api);
    const order: string[] = [];
    for (;;) {
      const [task] = await agent.claim();
      if (task === undefined) break;
      order.push(task.taskId!);
      await agent.complete(task.claimToken, task.taskId === "x" ? exitWith(1) : ok);
    }
    // Oldest ready task first: b was added before x and is ready once a completes.
    expect(order).toEqual(["a", "b", "c", "x"]);
    expect((await getTask("job", "y")).state).toBe("active");
  });

  it("applies exit conditions: dependencyAction satisfy and jobAction terminate", async () => {
    await addJob(api, "job", {
      usesTaskDependencies: true,
      onTaskFailure: "performexitoptionsjobaction",
    });
    await addTasks(api, "job", [
      {
        id: "soft",
        commandLine: "/bin/false",
        exitConditions: {
          exitCodes: [{ code: 2, exitOptions: { dependencyAction: "satisfy", jobAction: "none" } }],
        },
      },
      { id: "after", commandLine: "/bin/true", dependsOn: { taskIds: ["soft"] } },
      { id: "fatal", commandLine: "/bin/false", dependsOn: { taskIds: ["after"] } },
      { id: "never", commandLine: "/bin/true", dependsOn: { taskIds: ["fatal"] } },
    ]);
    const agent = await TestAgent.register(api);
    await agent.runOne(exitWith(2));
    expect((await agent.runOne(ok)).taskId).toBe("after");
    expect((await agent.runOne(exitWith(9))).taskId).toBe("fatal");
    const job = json<CloudJob>(await api.call("GET", "/jobs/job"));
    expect(job).toMatchObject({
      state: "completed",
      executionInfo: { terminateReason: "TaskFailed" },
    });
    expect(await agent.claim()).toEqual([]);
  });

  it("requeues a lost node's tasks without counting a retry, and removes the node later", async () => {
    await addJob(api, "job");
    await addTasks(api, "job", [{ id: "t", commandLine: "/bin/sleep 100" }]);
    const lost = await TestAgent.register(api);
    const [task] = await lost.claim();
    api.clock.advance(31_000);
    expect((await api.service.sweep()).lostNodes).toBe(1);
    expect(json<ComputeNode>(await api.call("GET", `/pools/pool/nodes/${lost.nodeId}`)).state).toBe(
      "unusable",
    );
    expect(await getTask("job", "t")).toMatchObject({
      state: "active",
      executionInfo: { retryCount: 0, requeueCount: 1 },
    });
    const stale = await lost.complete(task!.claimToken);
    expect(json(stale)).toMatchObject({ code: "LeaseLost" });
    const healthy = await TestAgent.register(api);
    await healthy.runOne();
    expect(await getTask("job", "t")).toMatchObject({
      state: "completed",
      executionInfo: { requeueCount: 1, retryCount: 0 },
    });
    api.clock.advance(31_000);
    await healthy.heartbeat();
    expect((await api.service.sweep()).removedNodes).toBe(1);
    expect((await api.call("GET", `/pools/pool/nodes/${lost.nodeId}`)).statusCode).toBe(404);
  });

  it("cancels claims of terminated tasks at the next heartbeat", async () => {
    await addJob(api, "job");
    await addTasks(api, "job", [{ id: "t", commandLine: "/bin/sleep 100" }]);
    const agent = await TestAgent.register(api);
    const [task] = await agent.claim();
    expect((await api.call("POST", "/jobs/job/tasks/t/terminate")).statusCode).toBe(204);
    expect(await agent.heartbeat([task!.claimToken])).toEqual({
      cancelClaims: [task!.claimToken],
      command: "none",
    });
    expect(await getTask("job", "t")).toMatchObject({
      state: "completed",
      executionInfo: { result: "failure", failureInfo: { code: "TaskEnded" } },
    });
  });

  it("terminates a job with onAllTasksComplete when its last task completes", async () => {
    await addJob(api, "job");
    await addTasks(api, "job", [
      { id: "a", commandLine: "/bin/true" },
      { id: "b", commandLine: "/bin/true" },
    ]);
    expect(
      (await api.call("PATCH", "/jobs/job", { onAllTasksComplete: "terminatejob" })).statusCode,
    ).toBe(200);
    const agent = await TestAgent.register(api);
    await agent.runOne();
    expect(json<CloudJob>(await api.call("GET", "/jobs/job")).state).toBe("active");
    await agent.runOne();
    expect(json<CloudJob>(await api.call("GET", "/jobs/job"))).toMatchObject({
      state: "completed",
      executionInfo: { terminateReason: "AllTasksComplete" },
    });
    expect(json<TaskCountsResult>(await api.call("GET", "/jobs/job/taskcounts"))).toEqual({
      taskCounts: { active: 0, running: 0, completed: 2, succeeded: 2, failed: 0 },
      taskSlotCounts: { active: 0, running: 0, completed: 2, succeeded: 2, failed: 0 },
    });
  });

  it("holds a node until its start task succeeds, or marks it starttaskfailed", async () => {
    await api.call("PATCH", "/pools/pool", {
      startTask: { commandLine: "/bin/setup", waitForSuccess: true },
    });
    await addJob(api, "job");
    await addTasks(api, "job", [{ id: "t", commandLine: "/bin/true" }]);
    const good = await TestAgent.register(api);
    const nodeState = async (agent: TestAgent) =>
      json<ComputeNode>(await api.call("GET", `/pools/pool/nodes/${agent.nodeId}`)).state;
    expect(await nodeState(good)).toBe("waitingforstarttask");
    expect(await good.claim()).toEqual([]);
    await good.heartbeat([], { startTask: { state: "completed", result: ok } });
    expect(await nodeState(good)).toBe("idle");
    const bad = await TestAgent.register(api);
    await bad.heartbeat([], { startTask: { state: "completed", result: exitWith(1) } });
    expect(await nodeState(bad)).toBe("starttaskfailed");
    expect(await bad.claim()).toEqual([]);
    expect((await good.claim()).map((task) => task.taskId)).toEqual(["t"]);
  });

  it("tells a removed node to leave, requeueing its task", async () => {
    await addJob(api, "job");
    await addTasks(api, "job", [{ id: "t", commandLine: "/bin/sleep 100" }]);
    const agent = await TestAgent.register(api);
    const [task] = await agent.claim();
    const removed = await api.call("POST", "/pools/pool/removenodes", { nodeList: [agent.nodeId] });
    expect(removed.statusCode, removed.body).toBe(202);
    expect(await agent.heartbeat([task!.claimToken])).toEqual({
      cancelClaims: [task!.claimToken],
      command: "leave",
    });
    expect(await getTask("job", "t")).toMatchObject({
      state: "active",
      executionInfo: { requeueCount: 1 },
    });
    expect(json(await api.call("GET", "/pools/pool"))).toMatchObject({
      allocationState: "steady",
      currentDedicatedNodes: 0,
      targetDedicatedNodes: 0,
    });
  });
});
