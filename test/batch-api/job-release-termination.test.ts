// A terminated job with a release task stays `terminating` until the release task has run on
// every node that ran its preparation task, as in Batch; then it completes with its reason.
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import type { CloudJob, TaskAssignment } from "../../src/api/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { TestAgent, ok } from "./agent-kit.js";
import { addJob, addPool, addTasks, json, startBatchApi, type BatchApi } from "./batch-api-kit.js";

const prepJob = {
  jobPreparationTask: { commandLine: "/bin/sh -c 'echo prep'" },
  jobReleaseTask: { commandLine: "/bin/sh -c 'echo release'" },
};

describeEachDialect("Batch job termination with release tasks", (target) => {
  let database: Database;
  let api: BatchApi;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    api = await startBatchApi(database);
    await addPool(api, "pool", { targetDedicatedNodes: 3, taskSlotsPerNode: 1 });
  });
  afterEach(() => api.close());

  const job = async () => json<CloudJob>(await api.call("GET", "/jobs/job"));

  /** Two nodes that each ran the job's preparation task and one task; a third that ran none. */
  async function preparedOnTwoNodes(): Promise<TestAgent[]> {
    await addJob(api, "job", prepJob);
    await addTasks(api, "job", [
      { id: "a", commandLine: "/bin/true" },
      { id: "b", commandLine: "/bin/true" },
    ]);
    const workers = [await TestAgent.register(api), await TestAgent.register(api)];
    await TestAgent.register(api);
    for (const worker of workers) {
      const [task] = await worker.claim(1);
      expect(task?.jobPreparationTask).toBeDefined();
      await worker.complete(task!.jobPreparationTask!.claimToken, ok);
      await worker.complete(task!.claimToken, ok);
    }
    return workers;
  }

  async function releaseOf(worker: TestAgent): Promise<TaskAssignment> {
    const releases = (await worker.heartbeat()).jobReleaseTasks ?? [];
    expect(releases).toHaveLength(1);
    return releases[0]!;
  }

  it("stays terminating until each node that ran the preparation task ran the release task", async () => {
    const [first, second] = await preparedOnTwoNodes();
    const terminated = await api.call("POST", "/jobs/job/terminate", { terminateReason: "enough" });
    expect(terminated.statusCode, terminated.body).toBe(202);
    const terminating = await job();
    expect(terminating.state).toBe("terminating");
    // Batch sets endTime and terminateReason only once the job completes.
    expect(terminating.executionInfo).not.toHaveProperty("terminateReason");
    expect(terminating.executionInfo).not.toHaveProperty("endTime");
    expect(JSON.stringify(terminating)).not.toContain("$sluice");

    const firstRelease = await releaseOf(first!);
    const secondRelease = await releaseOf(second!);
    expect((await first!.complete(firstRelease.claimToken, ok)).statusCode).toBe(204);
    expect((await job()).state).toBe("terminating");
    // A sweep meanwhile changes nothing: the second release has not run.
    await api.service.sweep();
    expect((await job()).state).toBe("terminating");

    expect((await second!.complete(secondRelease.claimToken, ok)).statusCode).toBe(204);
    const completed = await job();
    expect(completed).toMatchObject({
      state: "completed",
      previousState: "terminating",
      executionInfo: { terminateReason: "enough" },
    });
    expect(completed.executionInfo?.endTime).toBeDefined();
    expect(JSON.stringify(completed)).not.toContain("$sluice");
  });

  it("completes a terminating job once the nodes that owe a release are removed", async () => {
    const [first, second] = await preparedOnTwoNodes();
    await api.call("POST", "/jobs/job/terminate", {});
    const release = await releaseOf(first!);
    expect((await first!.complete(release.claimToken, ok)).statusCode).toBe(204);
    expect((await job()).state).toBe("terminating");
    // The second node stops heartbeating: unusable after a lease, removed a lease later.
    for (let lease = 0; lease < 2; lease++) {
      api.clock.advance(31_000);
      await first!.heartbeat();
      await api.service.sweep();
    }
    expect((await api.call("GET", `/pools/pool/nodes/${second!.nodeId}`)).statusCode).toBe(404);
    await api.service.sweep();
    expect(await job()).toMatchObject({
      state: "completed",
      executionInfo: { terminateReason: "UserTerminate" },
    });
  });

  it("completes a job whose preparation task ran nowhere at once", async () => {
    await addJob(api, "job", prepJob);
    await addTasks(api, "job", [{ id: "a", commandLine: "/bin/true" }]);
    await api.call("POST", "/jobs/job/terminate", {});
    expect(await job()).toMatchObject({
      state: "completed",
      executionInfo: { terminateReason: "UserTerminate" },
    });
  });
});
