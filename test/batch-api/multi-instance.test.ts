// Multi-instance tasks (Batch's MPI tasks) through the REST API and the agent protocol, on the
// real service and store: validation, gang scheduling, coordination, subtasksinfo, node loss.
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import {
  agentPaths,
  type CloudTask,
  type CloudTaskListSubtasksResult,
  type GangResponse,
  type TaskAssignment,
  type TaskRunOutcome,
} from "../../src/api/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { TestAgent, exitWith, ok } from "./agent-kit.js";
import { addJob, addPool, json, startBatchApi, type BatchApi } from "./batch-api-kit.js";

const mpiTask = (id = "mpi", instances = 3, extra: object = {}) => ({
  id,
  commandLine: "/bin/sh -c 'mpirun app'",
  resourceFiles: [{ httpUrl: "http://files.example/app", filePath: "app" }],
  outputFiles: [
    {
      filePattern: "out.txt",
      destination: { container: { containerUrl: "http://files.example/out" } },
      uploadOptions: { uploadCondition: "tasksuccess" },
    },
  ],
  multiInstanceSettings: {
    numberOfInstances: instances,
    coordinationCommandLine: "/bin/sh -c 'echo ready > $AZ_BATCH_TASK_SHARED_DIR/ready'",
    commonResourceFiles: [{ httpUrl: "http://files.example/common", filePath: "common" }],
  },
  ...extra,
});

describeEachDialect("Batch multi-instance tasks", (target) => {
  let database: Database;
  let api: BatchApi;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    api = await startBatchApi(database);
    await database.db.deleteFrom("gang_reservations").execute();
    await addPool(api, "pool", {
      targetDedicatedNodes: 3,
      taskSlotsPerNode: 1,
      enableInterNodeCommunication: true,
    });
    await addJob(api, "job", { constraints: { maxTaskRetryCount: 1 } });
  });
  afterEach(() => api.close());

  const addTask = (body: object) => api.call("POST", "/jobs/job/tasks", body);
  const getTask = async (id = "mpi") =>
    json<CloudTask>(await api.call("GET", `/jobs/job/tasks/${id}`));
  const subtasks = async (id = "mpi") =>
    json<CloudTaskListSubtasksResult>(await api.call("GET", `/jobs/job/tasks/${id}/subtasksinfo`))
      .value;
  const gang = async (agent: TestAgent, token: string, body: object): Promise<GangResponse> => {
    const response = await api.call("POST", agentPaths.gang(agent.nodeId, token), body);
    expect(response.statusCode, response.body).toBe(200);
    return json<GangResponse>(response);
  };
  /** Three agents; all claim until each holds its instance. */
  async function formGang(agents: TestAgent[]): Promise<Map<TestAgent, TaskAssignment>> {
    const held = new Map<TestAgent, TaskAssignment>();
    for (let round = 0; round < 3 && held.size < agents.length; round++) {
      for (const agent of agents) {
        if (held.has(agent)) continue;
        const [task] = await agent.claim();
        if (task !== undefined) held.set(agent, task);
      }
    }
    return held;
  }

  it("refuses a multi-instance task its pool can never run, and changes nothing", async () => {
    await addPool(api, "plain", { targetDedicatedNodes: 1, taskSlotsPerNode: 1 });
    await addPool(api, "wide", {
      targetDedicatedNodes: 1,
      taskSlotsPerNode: 2,
      enableInterNodeCommunication: true,
    });
    for (const [pool, reason] of [
      ["plain", "enableInterNodeCommunication"],
      ["wide", "taskSlotsPerNode 1"],
    ] as const) {
      await addJob(api, `on-${pool}`, { poolInfo: { poolId: pool } });
      const response = await api.call("POST", `/jobs/on-${pool}/tasks`, mpiTask());
      expect(response.statusCode).toBe(400);
      const body = json<{ code: string; message: { value: string }; values: object[] }>(response);
      expect(body.code).toBe("InvalidPropertyValue");
      expect(body.message.value).toContain(reason);
      expect(body.values).toContainEqual({ key: "PropertyName", value: "multiInstanceSettings" });
      expect((await api.call("GET", `/jobs/on-${pool}/tasks/mpi`)).statusCode).toBe(404);
    }
    const slots = await addTask({ ...mpiTask(), requiredSlots: 2 });
    expect(json(slots)).toMatchObject({ code: "InvalidPropertyValue" });
    const zero = await addTask(mpiTask("zero", 0));
    expect(zero.statusCode).toBe(400);
    expect(json<{ values: object[] }>(zero).values).toContainEqual({
      key: "PropertyName",
      value: "multiInstanceSettings.numberOfInstances",
    });
    const noCoordination = await addTask({
      id: "nc",
      commandLine: "/bin/true",
      multiInstanceSettings: { numberOfInstances: 2 },
    });
    expect(json(noCoordination)).toMatchObject({ code: "MissingRequiredProperty" });
    // A job manager task is never multi-instance (Batch's JobManagerTask has no such property).
    const manager = await api.call("POST", "/jobs", {
      id: "managed",
      poolInfo: { poolId: "pool" },
      jobManagerTask: {
        id: "m",
        commandLine: "/bin/true",
        multiInstanceSettings: { numberOfInstances: 2, coordinationCommandLine: "/bin/true" },
      },
    });
    expect(manager.statusCode).toBe(400);
    expect((await api.call("GET", "/jobs/managed")).statusCode).toBe(404);
  });

  it("starts the task on three nodes at once, primary on the master, and lists its subtasks", async () => {
    const agents = [
      await TestAgent.register(api, "pool", { ipAddress: "10.0.0.4" }),
      await TestAgent.register(api, "pool", { ipAddress: "10.0.0.5" }),
      await TestAgent.register(api, "pool", { ipAddress: "10.0.0.6" }),
    ];
    expect((await addTask(mpiTask())).statusCode).toBe(201);
    // The first two claims only hold their nodes: the task is still active.
    expect(await agents[0]!.claim()).toEqual([]);
    api.clock.advance(1);
    expect(await agents[1]!.claim()).toEqual([]);
    api.clock.advance(1);
    expect((await getTask()).state).toBe("active");
    const held = await formGang(agents);
    expect(held.size).toBe(3);
    const byInstance = [...held].sort(
      ([, a], [, b]) => (a.multiInstance?.instance ?? 0) - (b.multiInstance?.instance ?? 0),
    );
    const [[masterAgent, primary], [, sub1], [, sub2]] = byInstance as [
      [TestAgent, TaskAssignment],
      [TestAgent, TaskAssignment],
      [TestAgent, TaskAssignment],
    ];
    expect(masterAgent).toBe(agents[0]);
    expect(primary.multiInstance).toEqual({
      instance: 0,
      numberOfInstances: 3,
      coordinationCommandLine: "/bin/sh -c 'echo ready > $AZ_BATCH_TASK_SHARED_DIR/ready'",
      commonResourceFiles: [
        { source: { httpUrl: "http://files.example/common" }, filePath: "common" },
      ],
      hostList: ["10.0.0.4", "10.0.0.5", "10.0.0.6"],
      masterNode: "10.0.0.4:6000",
    });
    expect(primary.claimToken).toMatch(/^t\./);
    expect(primary.commandLine).toBe("/bin/sh -c 'mpirun app'");
    expect(primary.resourceFiles).toHaveLength(1);
    expect(primary.outputFiles).toHaveLength(1);
    // Subtasks only coordinate: no task resource files, no outputs.
    for (const [index, sub] of [sub1, sub2].entries()) {
      expect(sub.multiInstance?.instance).toBe(index + 1);
      expect(sub.claimToken).toMatch(/^m\./);
      expect(sub.resourceFiles).toEqual([]);
      expect(sub.outputFiles).toEqual([]);
    }
    const nodes = new Set([...held.keys()].map((agent) => agent.nodeId));
    expect(nodes.size).toBe(3);
    expect(await getTask()).toMatchObject({
      state: "running",
      nodeInfo: { nodeId: agents[0]!.nodeId },
    });

    // Heartbeats keep every instance's claim.
    for (const [agent, task] of held) {
      expect((await agent.heartbeat([task.claimToken])).cancelClaims).toEqual([]);
    }
    // Coordination: the application command waits for every instance.
    expect(await gang(masterAgent, primary.claimToken, { coordination: ok, waitMs: 0 })).toEqual({
      phase: "coordinating",
    });
    const subAgent = (task: TaskAssignment) => [...held].find(([, t]) => t === task)![0];
    await gang(subAgent(sub1), sub1.claimToken, { coordination: ok, waitMs: 0 });
    const waiting = gang(masterAgent, primary.claimToken, { waitWhile: "coordinating" });
    await gang(subAgent(sub2), sub2.claimToken, { coordination: exitWith(0), waitMs: 0 });
    expect(await waiting).toEqual({ phase: "running" });
    expect(await gang(subAgent(sub1), sub1.claimToken, { waitMs: 0 })).toEqual({
      phase: "running",
    });

    // The primary's end is the task's; then the subtasks end and complete.
    expect((await masterAgent.complete(primary.claimToken, exitWith(0))).statusCode).toBe(204);
    expect(await getTask()).toMatchObject({
      state: "completed",
      executionInfo: { exitCode: 0, result: "success" },
    });
    expect(await gang(subAgent(sub1), sub1.claimToken, { waitWhile: "running" })).toEqual({
      phase: "ended",
    });
    expect((await subAgent(sub1).complete(sub1.claimToken, ok)).statusCode).toBe(204);
    const listed = await subtasks();
    expect(listed.map((s) => [s.id, s.state, s.exitCode, s.result])).toEqual([
      [1, "completed", 0, "success"],
      // Not reported by its node yet: completed with the run.
      [2, "completed", 0, "success"],
    ]);
    expect(listed[0]).toMatchObject({
      nodeInfo: {
        nodeId: subAgent(sub1).nodeId,
        poolId: "pool",
        taskRootDirectory: "workitems/job/job-1/mpi",
      },
      previousState: "running",
    });
    expect(listed[0]?.startTime).toBeDefined();
    expect(listed[0]?.endTime).toBeDefined();
    // A stale subtask claim is LeaseLost, as a task's is.
    expect(json(await subAgent(sub1).complete(sub1.claimToken, ok))).toMatchObject({
      code: "LeaseLost",
    });
  });

  it("fails and retries the whole task when a subtask's coordination fails", async () => {
    const agents = [
      await TestAgent.register(api),
      await TestAgent.register(api),
      await TestAgent.register(api),
    ];
    await addTask(mpiTask("mpi", 2));
    const held = await formGang(agents.slice(0, 2));
    const [[, a], [bAgent, b]] = [...held].sort(
      ([, x], [, y]) => (x.multiInstance?.instance ?? 0) - (y.multiInstance?.instance ?? 0),
    ) as [[TestAgent, TaskAssignment], [TestAgent, TaskAssignment]];
    const failed: TaskRunOutcome = exitWith(7);
    expect(await gang(bAgent, b.claimToken, { coordination: failed, waitMs: 0 })).toEqual({
      phase: "ended",
    });
    expect(await getTask()).toMatchObject({ state: "active", executionInfo: { retryCount: 1 } });
    expect(a.claimToken).toMatch(/^t\./);
    // The retry gathers nodes again; this time the primary's own coordination fails it for good.
    const again = await formGang(agents);
    const primary = [...again].find(([, task]) => task.multiInstance?.instance === 0)!;
    await gang(primary[0], primary[1].claimToken, { coordination: exitWith(3), waitMs: 0 });
    expect((await primary[0].complete(primary[1].claimToken, exitWith(3))).statusCode).toBe(204);
    expect(await getTask()).toMatchObject({
      state: "completed",
      executionInfo: { exitCode: 3, result: "failure", retryCount: 1 },
    });
  });

  it("keeps the task active in a pool with fewer nodes, without holding them, until the pool grows", async () => {
    const agents = [await TestAgent.register(api), await TestAgent.register(api)];
    await addTask(mpiTask("mpi", 3));
    await addTask({ id: "plain", commandLine: "/bin/true" });
    // Two nodes cannot hold three instances: they take ordinary work instead.
    const claimed = [...(await agents[0]!.claim()), ...(await agents[1]!.claim())];
    expect(claimed.map((task) => task.taskId)).toEqual(["plain"]);
    expect((await getTask()).state).toBe("active");
    await agents[0]!.complete(claimed[0]!.claimToken, ok);
    agents.push(await TestAgent.register(api));
    const held = await formGang(agents);
    expect(held.size).toBe(3);
    expect((await getTask()).state).toBe("running");
  });

  it("requeues the whole task when a subtask's node is lost", async () => {
    const agents = [await TestAgent.register(api), await TestAgent.register(api)];
    await addTask(mpiTask("mpi", 2));
    const held = await formGang(agents);
    const primaryAgent = [...held].find(([, t]) => t.multiInstance?.instance === 0)![0];
    const primary = held.get(primaryAgent)!;
    // Only the primary's node keeps heartbeating.
    api.clock.advance(31_000);
    await primaryAgent.heartbeat([primary.claimToken]);
    await api.service.sweep();
    expect(await getTask()).toMatchObject({
      state: "active",
      executionInfo: { requeueCount: 1, retryCount: 0 },
    });
    expect(await gang(primaryAgent, primary.claimToken, { waitMs: 0 })).toEqual({ phase: "ended" });
    expect(json(await primaryAgent.complete(primary.claimToken, ok))).toMatchObject({
      code: "LeaseLost",
    });
  });

  it("requeues the whole task when a subtask's agent restarts (its processes are gone)", async () => {
    const agents = [await TestAgent.register(api), await TestAgent.register(api)];
    await addTask(mpiTask("mpi", 2));
    const held = await formGang(agents);
    const subAgent = [...held].find(([, t]) => t.multiInstance?.instance === 1)![0];
    await TestAgent.register(api, "pool", { nodeId: subAgent.nodeId });
    expect(await getTask()).toMatchObject({ state: "active", executionInfo: { requeueCount: 1 } });
  });

  it("sends a task's userIdentity with its assignment (and the start task's)", async () => {
    await addPool(api, "idp", {
      targetDedicatedNodes: 1,
      startTask: {
        commandLine: "/bin/true",
        userIdentity: { autoUser: { scope: "pool", elevationLevel: "admin" } },
      },
    });
    const starter = await api.call("POST", agentPaths.register("idp"), {
      hostname: "h",
      agentVersion: "0.1.0",
    });
    expect(json<{ startTask: TaskAssignment }>(starter).startTask.userIdentity).toEqual({
      autoUser: { scope: "pool", elevationLevel: "admin" },
    });
    const agent = await TestAgent.register(api);
    await addTask({
      id: "admin",
      commandLine: "/usr/bin/id -u",
      userIdentity: { autoUser: { elevationLevel: "admin" } },
    });
    await addTask({ id: "plain", commandLine: "/usr/bin/id -u" });
    const [admin] = await agent.claim();
    expect(admin?.userIdentity).toEqual({ autoUser: { elevationLevel: "admin" } });
    await agent.complete(admin!.claimToken, ok);
    const [plain] = await agent.claim();
    expect(plain?.taskId).toBe("plain");
    expect(plain?.userIdentity).toBeUndefined();
  });
});
