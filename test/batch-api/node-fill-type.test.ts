// taskSchedulingPolicy.nodeFillType enforced where nodes claim work: `spread` shares a job's
// tasks evenly over the pool's nodes, `pack` lets the first node fill its slots.
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { agentPaths, type ClaimResponse, type TaskAssignment } from "../../src/api/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { TestAgent, ok } from "./agent-kit.js";
import { addJob, addPool, addTasks, json, startBatchApi, type BatchApi } from "./batch-api-kit.js";

describeEachDialect("Batch nodeFillType on claims", (target) => {
  let database: Database;
  let api: BatchApi;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    api = await startBatchApi(database);
  });
  afterEach(() => api.close());

  async function poolOfTwo(fill: "spread" | "pack"): Promise<[TestAgent, TestAgent]> {
    await addPool(api, "pool", {
      targetDedicatedNodes: 2,
      taskSlotsPerNode: 4,
      taskSchedulingPolicy: { nodeFillType: fill },
    });
    await addJob(api, "job");
    return [await TestAgent.register(api), await TestAgent.register(api)];
  }

  const fourTasks = () =>
    addTasks(
      api,
      "job",
      ["t1", "t2", "t3", "t4"].map((id) => ({ id, commandLine: "/bin/true" })),
    );

  /** Both nodes long-poll with 4 free slots while the 4 tasks are added. */
  async function bothPolling(agents: [TestAgent, TestAgent], waitMs: number) {
    const polls = agents.map((agent) => agent.claim(4, waitMs));
    await fourTasks();
    return (await Promise.all(polls)).map((tasks) => tasks.length).sort();
  }

  it("spread: a 4-task job on 2 idle nodes of 4 slots runs 2 + 2", async () => {
    const [a, b] = await poolOfTwo("spread");
    await fourTasks();
    expect((await a.claim(4)).length).toBe(2);
    // a has its share: it waits while b takes the other half.
    expect(await a.claim(4)).toEqual([]);
    expect((await b.claim(4)).length).toBe(2);
  });

  it("spread: two nodes long-polling when the tasks arrive get 2 each", async () => {
    const agents = await poolOfTwo("spread");
    const polls = agents.map((agent) => agent.claim(4, 10_000));
    await fourTasks();
    const first = (await Promise.all(polls)).map((tasks) => tasks.length);
    // On PostgreSQL two claims racing may leave one node a task short for a round (each
    // counts the other's load before it commits); its next claim takes the rest.
    const second = await Promise.all(agents.map((agent) => agent.claim(4, 100)));
    const totals = first.map((count, i) => count + (second[i]?.length ?? 0)).sort();
    expect(totals).toEqual([2, 2]);
  });

  it("pack: the node claiming first fills its slots, the other gets none", async () => {
    const [a, b] = await poolOfTwo("pack");
    await fourTasks();
    expect((await a.claim(4)).length).toBe(4);
    expect(await b.claim(4)).toEqual([]);
  });

  it("pack: two nodes long-polling when the tasks arrive run 4 + 0", async () => {
    const agents = await poolOfTwo("pack");
    // The node that loses the race waits out its (short) poll with nothing.
    expect(await bothPolling(agents, 300)).toEqual([0, 4]);
  });

  it("spread: a busy node gets work only once the other catches up, and all of it when the other is full", async () => {
    const [a, b] = await poolOfTwo("spread");
    await addTasks(
      api,
      "job",
      Array.from({ length: 10 }, (_, i) => ({ id: `t${i}`, commandLine: "/bin/true" })),
    );
    // 10 tasks fill both nodes: each may take all its slots.
    const first = await a.claim(4);
    expect(first.length).toBe(4);
    expect((await b.claim(4)).length).toBe(4);
    // 2 left, both nodes full. a finishes 3 and claims in the same call: only the even share.
    const next: TaskAssignment[] = [];
    for (const task of first.slice(0, 3)) {
      const response = await api.call("POST", agentPaths.complete(a.nodeId, task.claimToken), {
        ...ok,
        claimSlots: 1,
      });
      next.push(...json<ClaimResponse>(response).tasks);
    }
    // a runs 1 and b 4: the level holding 2 more is a at 3, so a takes both.
    expect(next.length).toBe(2);
  });

  it("spread ignores nodes that may not run tasks (an unusable node)", async () => {
    const [a, b] = await poolOfTwo("spread");
    // b stops heartbeating: past its lease the sweep marks it unusable.
    api.clock.advance(api.service.settings.leaseMs + 1);
    await a.heartbeat();
    await api.service.sweep();
    const nodes = json<{ value: { id: string; state: string }[] }>(
      await api.call("GET", "/pools/pool/nodes"),
    ).value;
    expect(nodes.find((node) => node.id === b.nodeId)?.state).toBe("unusable");
    await fourTasks();
    expect((await a.claim(4)).length).toBe(4);
  });
});
