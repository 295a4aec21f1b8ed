import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import {
  agentPaths,
  type CloudTask,
  type ClaimResponse,
  type CompleteManyResponse,
} from "../../src/api/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { TestAgent, ok } from "./agent-kit.js";
import { addJob, addPool, addTasks, json, startBatchApi, type BatchApi } from "./batch-api-kit.js";

/** A completion that also claims the freed slots' next work (`claimSlots`). */
describeEachDialect("Batch agent protocol: complete and claim in one call", (target) => {
  let database: Database;
  let api: BatchApi;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    api = await startBatchApi(database);
    await addPool(api, "pool", { taskSlotsPerNode: 2 });
  });
  afterEach(() => api.close());
  afterAll(() => undefined);

  const completeAndClaim = (agent: TestAgent, claimToken: string, claimSlots: number) =>
    api.call("POST", agentPaths.complete(agent.nodeId, claimToken), { ...ok, claimSlots });
  const state = async (taskId: string) =>
    json<CloudTask>(await api.call("GET", `/jobs/job/tasks/${taskId}`)).state;

  it("answers the next tasks, bounded by the node's free slots, then none", async () => {
    await addJob(api, "job");
    await addTasks(
      api,
      "job",
      ["a", "b", "c", "d"].map((id) => ({ id, commandLine: "/bin/true" })),
    );
    const agent = await TestAgent.register(api);
    const [a] = await agent.claim(1);
    expect(a?.taskId).toBe("a");

    const first = await completeAndClaim(agent, a!.claimToken, 1);
    expect(first.statusCode).toBe(200);
    const [b] = json<ClaimResponse>(first).tasks;
    expect(b?.taskId).toBe("b");
    expect(await state("a")).toBe("completed");
    expect(await state("b")).toBe("running");

    // Asking for more than the node has free gets only what fits: b's slot is freed, 2 in all.
    const second = json<ClaimResponse>(await completeAndClaim(agent, b!.claimToken, 5)).tasks;
    expect(second.map((task) => task.taskId)).toEqual(["c", "d"]);

    await completeAndClaim(agent, second[0]!.claimToken, 1);
    const last = await completeAndClaim(agent, second[1]!.claimToken, 1);
    expect(json<ClaimResponse>(last)).toEqual({ tasks: [] });
  });

  it("claims nothing for a stale claim, and answers 204 without claimSlots", async () => {
    await addJob(api, "job");
    await addTasks(
      api,
      "job",
      ["a", "b"].map((id) => ({ id, commandLine: "/bin/true" })),
    );
    const agent = await TestAgent.register(api);
    const [a] = await agent.claim(1);
    expect((await agent.complete(a!.claimToken, ok)).statusCode).toBe(204);
    expect(await state("b")).toBe("active");

    const stale = await completeAndClaim(agent, a!.claimToken, 1);
    expect(stale.statusCode).toBe(409);
    expect(json(stale)).toMatchObject({ code: "LeaseLost" });
    expect(await state("b")).toBe("active");
  });

  const completeMany = (agent: TestAgent, body: object) =>
    api.call("POST", agentPaths.completeMany(agent.nodeId), body);

  it("completes several claims in one call, a stale one alone refused, and claims for all", async () => {
    await addJob(api, "job");
    await addTasks(
      api,
      "job",
      ["a", "b", "c", "d"].map((id) => ({ id, commandLine: "/bin/true" })),
    );
    const agent = await TestAgent.register(api);
    const [a, b] = await agent.claim(2);
    expect((await agent.complete(a!.claimToken, ok)).statusCode).toBe(204);
    const response = await completeMany(agent, {
      completions: [
        { ...ok, claimToken: a!.claimToken },
        { ...ok, claimToken: b!.claimToken, exitCode: 0 },
      ],
      claimSlots: 2,
    });
    expect(response.statusCode, response.body).toBe(200);
    const answer = json<CompleteManyResponse>(response);
    expect(answer.results).toEqual([
      { claimToken: a!.claimToken, result: "leaseLost" },
      { claimToken: b!.claimToken, result: "completed" },
    ]);
    // a's slot was freed by its own completion, b's by this call: two slots of work.
    expect(answer.tasks.map((task) => task.taskId)).toEqual(["c", "d"]);
    expect(await state("b")).toBe("completed");
    expect(await state("c")).toBe("running");
  });

  it("retries and completes per completion in a call, and claims nothing without claimSlots", async () => {
    await addJob(api, "job");
    await addTasks(api, "job", [
      { id: "flaky", commandLine: "/bin/false", constraints: { maxTaskRetryCount: 1 } },
      { id: "fine", commandLine: "/bin/true" },
    ]);
    const agent = await TestAgent.register(api);
    const [flaky, fine] = await agent.claim(2);
    const failed = { ...ok, exitCode: 1, result: "failure", failureKind: "exitCode" };
    const answer = json<CompleteManyResponse>(
      await completeMany(agent, {
        completions: [
          { ...failed, claimToken: flaky!.claimToken },
          { ...ok, claimToken: fine!.claimToken },
        ],
      }),
    );
    expect(answer.results.map((result) => result.result)).toEqual(["completed", "completed"]);
    expect(answer.tasks).toEqual([]);
    expect(await state("flaky")).toBe("active");
    expect(await state("fine")).toBe("completed");
  });

  it("refuses a malformed call whole, naming the property", async () => {
    const agent = await TestAgent.register(api);
    const response = await completeMany(agent, { completions: [{ result: "success" }] });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("claimToken");
  });
});
