// Batch loses a task's stdout/stderr with its node; Sluice keeps them on the server (agents
// stream them there as the task runs), so they stay readable after the node is gone.
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { TestAgent } from "./agent-kit.js";
import { addJob, addPool, addTasks, startBatchApi, type BatchApi } from "./batch-api-kit.js";

describeEachDialect("Task logs outlive their node", (target) => {
  let database: Database;
  let api: BatchApi;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    api = await startBatchApi(database);
  });
  afterEach(() => api.close());

  it("serves stdout.txt and stderr.txt after the node that ran the task was removed", async () => {
    await addPool(api);
    await addJob(api);
    await addTasks(api, "job", [{ id: "t", commandLine: "/bin/echo hello" }]);
    const agent = await TestAgent.register(api);
    const [task] = await agent.claim();
    for (const [name, text] of [
      ["stdout.txt", "hello\n"],
      ["stderr.txt", "warn\n"],
    ] as const) {
      const appended = await agent.append(task!.claimToken, name, 0, text);
      expect(appended.statusCode, appended.body).toBeLessThan(300);
    }
    expect((await agent.complete(task!.claimToken)).statusCode).toBe(204);

    const removed = await api.call("POST", "/pools/pool/removenodes", {
      nodeList: [agent.nodeId],
    });
    expect(removed.statusCode, removed.body).toBe(202);
    expect((await agent.heartbeat()).command).toBe("leave");
    // The agent is gone: its heartbeat lease runs out and the sweep removes the node.
    api.clock.advance(120_000);
    await api.service.sweep();
    expect((await api.call("GET", `/pools/pool/nodes/${agent.nodeId}`)).statusCode).toBe(404);

    const stdout = await api.call("GET", "/jobs/job/tasks/t/files/stdout.txt");
    expect(stdout.statusCode).toBe(200);
    expect(stdout.body).toBe("hello\n");
    const stderr = await api.call("GET", "/jobs/job/tasks/t/files/stderr.txt");
    expect(stderr.body).toBe("warn\n");
  });
});
