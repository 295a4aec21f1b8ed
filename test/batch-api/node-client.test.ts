// The typed client's node calls against the real Batch API over a loopback socket.
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { agentPaths, type RegisterNodeResponse } from "../../src/api/index.js";
import { ApiError, BatchClient } from "../../src/client/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { TestAgent } from "./agent-kit.js";
import {
  addJob,
  addPool,
  addTasks,
  json,
  startBatchApi,
  token,
  type BatchApi,
} from "./batch-api-kit.js";

describeEachDialect("BatchClient node calls", (target) => {
  let database: Database;
  let api: BatchApi;
  let client: BatchClient;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    api = await startBatchApi(database);
    const address = await api.app.listen({ host: "127.0.0.1", port: 0 });
    client = new BatchClient({ url: address, token });
  });
  afterEach(() => api.close());

  it("lists and reads node files, toggles scheduling, counts nodes and updates properties", async () => {
    await addPool(api, "pool", { startTask: { commandLine: "/bin/setup", waitForSuccess: false } });
    const registration = json<RegisterNodeResponse>(
      await api.call("POST", agentPaths.register("pool"), { hostname: "h", agentVersion: "1" }),
    );
    const agent = new TestAgent(api, registration.nodeId);
    await agent.append(registration.startTask!.claimToken, "stdout.txt", 0, "ready to go\n");
    await addJob(api, "job");
    await addTasks(api, "job", [{ id: "t1", commandLine: "/bin/sleep 9" }]);
    const [claimed] = await agent.claim();
    await agent.append(claimed!.claimToken, "stdout.txt", 0, "working\n");

    const files = await client.listNodeFiles("pool", agent.nodeId, {
      recursive: true,
      prefix: "workitems/job/job-1/t1/",
    });
    expect(files.map((file) => file.name)).toEqual(["workitems/job/job-1/t1/stdout.txt"]);
    const part = await client.readNodeFile("pool", agent.nodeId, "startup/stdout.txt", {
      start: 6,
      end: 7,
    });
    expect(new TextDecoder().decode(part.content)).toBe("to");
    expect(part.totalLength).toBe(12);

    await client.disableNodeScheduling("pool", agent.nodeId, "taskcompletion");
    expect(await client.getNode("pool", agent.nodeId)).toMatchObject({
      schedulingState: "disabled",
      state: "running",
    });
    const [counts] = await client.listPoolNodeCounts("pool");
    expect(counts).toMatchObject({ poolId: "pool", dedicated: { running: 1, total: 1 } });
    await client.enableNodeScheduling("pool", agent.nodeId);
    await expect(client.enableNodeScheduling("pool", agent.nodeId)).rejects.toMatchObject({
      batchCode: "NodeAlreadyInTargetSchedulingState",
    });

    await client.updatePoolProperties("pool", {
      certificateReferences: [],
      applicationPackageReferences: [],
      metadata: [{ name: "k", value: "v" }],
    });
    const pool = await client.getPool("pool");
    expect(pool.startTask).toBeUndefined();
    expect(pool.metadata).toEqual([{ name: "k", value: "v" }]);
    await expect(client.readNodeFile("pool", agent.nodeId, "shared/x")).rejects.toBeInstanceOf(
      ApiError,
    );
  });
});
