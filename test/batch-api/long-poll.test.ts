import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import type { ClaimResponse, RegisterNodeResponse } from "../../src/api/index.js";
import { agentPaths } from "../../src/api/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { addJob, addPool, startBatchApi, token, type BatchApi } from "./batch-api-kit.js";

describeEachDialect("Batch claim long poll over a real socket", (target) => {
  let database: Database;
  let api: BatchApi;
  let url: string;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    // A long recheck interval: only the in-process signal can wake the claim in time.
    api = await startBatchApi(database, { claimRecheckMs: 60_000 });
    url = await api.app.listen({ host: "127.0.0.1", port: 0 });
    await addPool(api);
    await addJob(api, "job");
  });
  afterEach(() => api.close());

  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBeLessThan(300);
    return (await response.json()) as T;
  };

  it("holds a claim open until a task is added, then hands it over at once", async () => {
    const node = await post<RegisterNodeResponse>(agentPaths.register("pool"), {
      hostname: "h",
      agentVersion: "1",
    });
    let settled = false;
    const claim = post<ClaimResponse>(agentPaths.claim(node.nodeId), {
      freeSlots: 1,
      waitMs: 30_000,
    }).finally(() => (settled = true));
    // Another request round trip: the claim is still held open meanwhile.
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(settled).toBe(false);
    const added = await fetch(`${url}/jobs/job/tasks`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ id: "late", commandLine: "/bin/true" }),
    });
    expect(added.status).toBe(201);
    const started = Date.now();
    const { tasks } = await claim;
    expect(tasks.map((task) => task.taskId)).toEqual(["late"]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("returns no tasks when the wait ends", async () => {
    const node = await post<RegisterNodeResponse>(agentPaths.register("pool"), {
      hostname: "h",
      agentVersion: "1",
    });
    const { tasks } = await post<ClaimResponse>(agentPaths.claim(node.nodeId), {
      freeSlots: 1,
      waitMs: 50,
    });
    expect(tasks).toEqual([]);
  });
});
