import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { taskLayout } from "../../src/agent/index.js";
import { ApiError } from "../../src/client/index.js";
import { removeRoot, startTestAgent, storedNodeId, task, type TestAgent } from "./agent-support.js";
import { eventually, FixtureServer } from "./fixture-server.js";

const waitForGo = "/bin/sh -c 'echo started; while [ ! -f go ]; do sleep 0.02; done; echo done'";

describe("node agent: server restarts, commands and shutdown", () => {
  let fixture: FixtureServer;
  let agent: TestAgent | undefined;

  beforeEach(async () => {
    fixture = new FixtureServer({ slots: 2 });
    await fixture.start();
  });

  afterEach(async () => {
    if (agent !== undefined) {
      await agent.stop().catch(() => undefined);
      await removeRoot(agent);
      agent = undefined;
    }
    await fixture.dispose();
  });

  const release = async (root: string, taskId: string) => {
    const wd = taskLayout(root, "task", "job1", taskId).workingDir;
    await eventually(
      async () =>
        writeFile(join(wd, "go"), "").then(
          () => true,
          () => false,
        ),
      "go",
    );
  };

  it("keeps a task running while the server is down and completes it when it is back", async () => {
    agent = await startTestAgent(fixture);
    const claim = fixture.addTask(task("t1", waitForGo));
    await eventually(() => fixture.log(claim, "stdout.txt") === "started\n", "started");
    await fixture.close();
    await release(agent.root, "t1");
    await eventually(
      () => agent!.events.some((e) => e.kind === "serverUnreachable"),
      "the agent notices the server is down",
    );
    expect(fixture.state.completions.has(claim)).toBe(false);
    await fixture.start();
    expect((await agent.ended(claim)).reported).toBe("completed");
    expect(fixture.state.completions.get(claim)?.result).toBe("success");
    expect(fixture.log(claim, "stdout.txt")).toBe("started\ndone\n");
    expect(agent.events.some((e) => e.kind === "serverReachable")).toBe(true);
  });

  it("re-registers as the same node when the server forgot it", async () => {
    agent = await startTestAgent(fixture);
    await eventually(() => fixture.state.nodes.size === 1, "registered");
    const nodeId = await storedNodeId(agent.root);
    fixture.forgetNodes();
    await eventually(() => fixture.state.nodes.has(nodeId), "registered again");
    const claim = fixture.addTask(task("t1", "/bin/true"));
    expect((await agent.ended(claim)).reported).toBe("completed");
  });

  it("waits for the server at start, then registers", async () => {
    const port = fixture.port;
    await fixture.close();
    agent = await startTestAgent(fixture);
    await eventually(() => agent!.events.some((e) => e.kind === "serverUnreachable"), "retrying");
    fixture.port = port;
    await fixture.start();
    await eventually(() => agent!.events.some((e) => e.kind === "registered"), "registered");
  });

  it("fails with the server's refusal when the pool does not exist", async () => {
    agent = await startTestAgent(fixture, { poolId: "nope" });
    const error = await agent.done.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).batchCode).toBe("PoolNotFound");
  });

  it("on leave, stops claiming, finishes its task and returns", async () => {
    agent = await startTestAgent(fixture);
    const claim = fixture.addTask(task("t1", waitForGo));
    await eventually(() => fixture.state.claims.has(claim), "claimed");
    const node = [...fixture.state.nodes.values()][0]!;
    node.command = "leave";
    await eventually(() => agent!.events.some((e) => e.kind === "stopping"), "leaving");
    // The fixture notices the agent dropped its long-poll before it queues more work.
    await eventually(() => fixture.pendingClaims === 0, "no claim is held open");
    const queued = fixture.addTask(task("t2", "/bin/true"));
    await release(agent.root, "t1");
    await agent.done;
    expect(fixture.state.completions.get(claim)?.result).toBe("success");
    expect(fixture.state.claims.has(queued)).toBe(false);
  });

  it("on reboot, cancels its tasks and runs the start task again", async () => {
    await fixture.close();
    fixture = new FixtureServer({
      startTask: task("s", "/bin/sh -c 'echo x >> $AZ_BATCH_NODE_SHARED_DIR/starts'", {
        jobId: undefined,
        taskId: undefined,
      }),
    });
    await fixture.start();
    agent = await startTestAgent(fixture);
    const claim = fixture.addTask(task("t1", waitForGo));
    await eventually(() => fixture.state.claims.has(claim), "claimed");
    const node = [...fixture.state.nodes.values()][0]!;
    node.command = "reboot";
    expect((await agent.ended(claim)).reported).toBe("cancelled");
    node.command = "none";
    const startTaskRuns = () =>
      agent!.events.filter((e) => e.kind === "taskEnded" && e.task.kind === "startTask").length;
    await eventually(() => startTaskRuns() >= 2, "the start task ran again");
    const shared = join(agent.root, "shared", "starts");
    expect((await readFile(shared, "utf8")).split("\n").length).toBeGreaterThanOrEqual(3);
    const after = fixture.addTask(task("t2", "/bin/true"));
    expect((await agent.ended(after)).reported).toBe("completed");
  });

  it("on shutdown, lets a running task finish within the grace period", async () => {
    agent = await startTestAgent(fixture, { shutdownGraceMs: 20_000 });
    const claim = fixture.addTask(task("t1", waitForGo));
    // Running on the agent, not only handed out: a claim answer the agent has not read yet
    // when it stops is left to its lease, and this test is about a task that runs.
    await eventually(
      () => agent!.events.some((e) => e.kind === "taskStarted" && e.task.claimToken === claim),
      "started",
    );
    const stopped = agent.stop();
    await eventually(() => agent!.events.some((e) => e.kind === "stopping"), "stopping");
    await release(agent.root, "t1");
    await stopped;
    expect(fixture.state.completions.get(claim)?.result).toBe("success");
  });

  it("on shutdown, cancels a task still running after the grace period and does not complete it", async () => {
    agent = await startTestAgent(fixture, { shutdownGraceMs: 0 });
    const claim = fixture.addTask(task("t1", waitForGo));
    await eventually(() => fixture.log(claim, "stdout.txt") === "started\n", "started");
    await agent.stop();
    expect(agent.events.some((e) => e.kind === "taskEnded" && e.reported === "cancelled")).toBe(
      true,
    );
    expect(fixture.state.completions.has(claim)).toBe(false);
  });
});
