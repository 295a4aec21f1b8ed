// Job preparation and release tasks through the agent protocol, on the real service and store.
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import {
  agentPaths,
  type CloudTask,
  type HeartbeatResponse,
  type TaskAssignment,
} from "../../src/api/index.js";
import type { JobPreparationAndReleaseTaskStatus } from "../../src/batch/index.js";
import { createHttpServer } from "../../src/server/index.js";
import { jobPreparationRoutes } from "../../src/server/routes/job-preparation-routes.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { TestAgent, exitWith, ok } from "./agent-kit.js";
import {
  addJob,
  addPool,
  addTasks,
  json,
  startBatchApi,
  token,
  type BatchApi,
} from "./batch-api-kit.js";

const prepJob = (prep: object = {}, extra: object = {}) => ({
  jobPreparationTask: { commandLine: "/bin/sh -c 'echo prep'", ...prep },
  jobReleaseTask: { commandLine: "/bin/sh -c 'echo release'" },
  ...extra,
});

describeEachDialect("Batch job preparation and release tasks", (target) => {
  let database: Database;
  let api: BatchApi;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    api = await startBatchApi(database);
    await addPool(api, "pool", { targetDedicatedNodes: 2, taskSlotsPerNode: 2 });
  });
  afterEach(() => api.close());

  const state = async (taskId: string) =>
    json<CloudTask>(await api.call("GET", `/jobs/job/tasks/${taskId}`));
  const status = async (): Promise<readonly JobPreparationAndReleaseTaskStatus[]> =>
    (await api.service.preparationStatus("job", "http://sluice")).value;
  const someTasks = (...ids: string[]) =>
    addTasks(
      api,
      "job",
      ids.map((id) => ({ id, commandLine: "/bin/true" })),
    );

  it("hands the preparation task out with the job's first tasks on a node, which wait for it", async () => {
    await addJob(api, "job", prepJob());
    await someTasks("a", "b", "c");
    const agent = await TestAgent.register(api);
    const claimed = await agent.claim(2);
    expect(claimed.map((task) => task.taskId)).toEqual(["a", "b"]);
    const prep = claimed[0]!.jobPreparationTask!;
    expect(prep).toMatchObject({
      kind: "jobPreparationTask",
      jobId: "job",
      taskId: "jobpreparation",
      commandLine: "/bin/sh -c 'echo prep'",
      waitForSuccess: true,
      maxTaskRetryCount: 0,
    });
    expect(claimed[1]!.jobPreparationTask?.claimToken).toBe(prep.claimToken);
    expect(claimed[0]!.jobPreparationTaskId).toBe("jobpreparation");
    expect((await state("a")).state).toBe("preparing");
    expect(await status()).toEqual([
      expect.objectContaining({
        poolId: "pool",
        nodeId: agent.nodeId,
        nodeUrl: `http://sluice/pools/pool/nodes/${agent.nodeId}`,
        jobPreparationTaskExecutionInfo: expect.objectContaining({
          state: "running",
          retryCount: 0,
          taskRootDirectory: "workitems/job/job-1/jobpreparation",
        }) as object,
      }),
    ]);

    expect((await agent.complete(prep.claimToken, ok)).statusCode).toBe(204);
    expect((await state("a")).state).toBe("running");
    const [entry] = await status();
    expect(entry?.jobPreparationTaskExecutionInfo).toMatchObject({
      state: "completed",
      result: "success",
      exitCode: 0,
      taskRootDirectoryUrl: `http://sluice/pools/pool/nodes/${agent.nodeId}/files/workitems/job/job-1/jobpreparation`,
    });
    // Prepared: the next claims on this node carry no preparation task.
    expect((await agent.complete(claimed[0]!.claimToken)).statusCode).toBe(204);
    const [c] = await agent.claim(1);
    expect(c?.taskId).toBe("c");
    expect(c?.jobPreparationTask).toBeUndefined();
    expect((await state("c")).state).toBe("running");
    // A completion of the same run again is a lost lease.
    expect((await agent.complete(prep.claimToken, ok)).statusCode).toBe(409);
  });

  it("keeps a job off a node whose preparation failed with waitForSuccess; others run it", async () => {
    await addJob(api, "job", prepJob({ constraints: { maxTaskRetryCount: 2 } }));
    await someTasks("a");
    const first = await TestAgent.register(api);
    const [a] = await first.claim(1);
    expect(a?.jobPreparationTask?.maxTaskRetryCount).toBe(2);
    const failed = { ...exitWith(3), retryCount: 2 };
    expect((await first.complete(a!.jobPreparationTask!.claimToken, failed)).statusCode).toBe(204);
    const requeued = await state("a");
    expect(requeued).toMatchObject({ state: "active" });
    expect(requeued.executionInfo?.requeueCount).toBe(1);
    expect(await first.claim(1)).toEqual([]);
    const [entry] = await status();
    expect(entry?.jobPreparationTaskExecutionInfo).toMatchObject({
      state: "completed",
      result: "failure",
      exitCode: 3,
      retryCount: 2,
    });

    const second = await TestAgent.register(api);
    const [again] = await second.claim(1);
    expect(again?.taskId).toBe("a");
    expect(again?.jobPreparationTask).toBeDefined();
  });

  it("runs the tasks after a failed preparation when waitForSuccess is false", async () => {
    await addJob(api, "job", prepJob({ waitForSuccess: false }));
    await someTasks("a");
    const agent = await TestAgent.register(api);
    const [a] = await agent.claim(1);
    expect(a?.jobPreparationTask?.waitForSuccess).toBe(false);
    await agent.complete(a!.jobPreparationTask!.claimToken, exitWith(1));
    expect((await state("a")).state).toBe("running");
    expect((await agent.complete(a!.claimToken)).statusCode).toBe(204);
  });

  it("runs the release task on each node that ran the preparation task when the job ends", async () => {
    await addJob(api, "job", prepJob());
    await someTasks("a");
    const worker = await TestAgent.register(api);
    const idle = await TestAgent.register(api);
    const [a] = await worker.claim(1);
    await worker.complete(a!.jobPreparationTask!.claimToken, ok);
    await worker.complete(a!.claimToken, ok);
    expect((await worker.heartbeat()).jobReleaseTasks).toBeUndefined();

    const terminated = await api.call("POST", "/jobs/job/terminate", {});
    expect(terminated.statusCode).toBe(202);
    expect((await idle.heartbeat()).jobReleaseTasks).toBeUndefined();
    const releases = (await worker.heartbeat()).jobReleaseTasks ?? [];
    expect(releases).toHaveLength(1);
    const release = releases[0] as TaskAssignment;
    expect(release).toMatchObject({
      kind: "jobReleaseTask",
      jobId: "job",
      taskId: "jobrelease",
      commandLine: "/bin/sh -c 'echo release'",
      maxWallClockTimeMs: 15 * 60_000,
      jobPreparationTaskId: "jobpreparation",
    });
    // Listed until it is completed, with the same claim token.
    expect((await worker.heartbeat()).jobReleaseTasks?.[0]?.claimToken).toBe(release.claimToken);
    expect((await status())[0]?.jobReleaseTaskExecutionInfo?.state).toBe("running");

    expect((await worker.complete(release.claimToken, ok)).statusCode).toBe(204);
    expect((await worker.heartbeat()).jobReleaseTasks).toBeUndefined();
    expect((await status())[0]?.jobReleaseTaskExecutionInfo).toMatchObject({
      state: "completed",
      result: "success",
      exitCode: 0,
      taskRootDirectory: "workitems/job/job-1/jobrelease",
    });
    // Deleting a terminated job does not run it again.
    expect((await api.call("DELETE", "/jobs/job")).statusCode).toBe(202);
    expect((await worker.heartbeat()).jobReleaseTasks).toBeUndefined();
  });

  it("runs the release task when a job is deleted without being terminated", async () => {
    await addJob(api, "job", prepJob());
    await someTasks("a");
    const agent = await TestAgent.register(api);
    const [a] = await agent.claim(1);
    await agent.complete(a!.jobPreparationTask!.claimToken, ok);
    expect((await api.call("DELETE", "/jobs/job")).statusCode).toBe(202);
    const answer: HeartbeatResponse = await agent.heartbeat([a!.claimToken]);
    expect(answer.cancelClaims).toEqual([a!.claimToken]);
    expect(answer.jobReleaseTasks?.map((task) => task.jobId)).toEqual(["job"]);
  });

  it("runs the preparation task again after the node rejoins, unless told not to", async () => {
    await addJob(api, "job", prepJob());
    await someTasks("a", "b");
    const agent = await TestAgent.register(api);
    const [a] = await agent.claim(1);
    await agent.complete(a!.jobPreparationTask!.claimToken, ok);
    await agent.complete(a!.claimToken, ok);
    api.clock.advance(1000);
    await TestAgent.register(api, "pool", { nodeId: agent.nodeId });
    const [b] = await agent.claim(1);
    expect(b?.taskId).toBe("b");
    expect(b?.jobPreparationTask).toBeDefined();
    expect(b?.jobPreparationTask?.claimToken).not.toBe(a!.jobPreparationTask!.claimToken);
  });

  it("answers the status list over HTTP in Batch's shape, and JobNotFound", async () => {
    const app = createHttpServer({ token, routes: [jobPreparationRoutes(api.service)] });
    await app.ready();
    try {
      await addJob(api, "job", prepJob());
      await someTasks("a");
      const agent = await TestAgent.register(api);
      await agent.claim(1);
      const get = (path: string) =>
        app.inject({ method: "GET", url: path, headers: { authorization: `Bearer ${token}` } });
      const response = await get("/jobs/job/jobpreparationandreleasetaskstatus");
      expect(response.statusCode).toBe(200);
      const body = json<{ value: JobPreparationAndReleaseTaskStatus[] }>(response);
      expect(body.value.map((entry) => entry.nodeId)).toEqual([agent.nodeId]);
      expect(body.value[0]?.jobPreparationTaskExecutionInfo?.state).toBe("running");
      const missing = await get("/jobs/nope/jobpreparationandreleasetaskstatus");
      expect(missing.statusCode).toBe(404);
      expect(json(missing)).toMatchObject({ code: "JobNotFound" });
    } finally {
      await app.close();
    }
  });

  it("leaves jobs without a preparation task as they were", async () => {
    await addJob(api, "job");
    await someTasks("a");
    const agent = await TestAgent.register(api);
    const [a] = await agent.claim(1);
    expect(a?.jobPreparationTask).toBeUndefined();
    expect(a?.jobPreparationTaskId).toBeUndefined();
    expect((await state("a")).state).toBe("running");
    expect(await status()).toEqual([]);
    const complete = await api.call("POST", agentPaths.complete(agent.nodeId, a!.claimToken), ok);
    expect(complete.statusCode).toBe(204);
  });
});
