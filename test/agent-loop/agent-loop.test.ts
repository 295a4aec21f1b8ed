import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { taskLayout } from "../../src/agent/index.js";
import { isDead, readPid } from "../agent/runner-support.js";
import { removeRoot, startTestAgent, storedNodeId, task, type TestAgent } from "./agent-support.js";
import { eventually, FixtureServer } from "./fixture-server.js";

const sh = (script: string): string => `/bin/sh -c '${script}'`;

describe("node agent loop", () => {
  let fixture: FixtureServer;
  const agents: TestAgent[] = [];

  beforeEach(async () => {
    fixture = new FixtureServer({ slots: 2 });
    await fixture.start();
  });

  afterEach(async () => {
    for (const agent of agents.splice(0)) {
      await agent.stop().catch(() => undefined);
      await removeRoot(agent);
    }
    await fixture.dispose();
  });

  const start = async (extra = {}) => {
    const agent = await startTestAgent(fixture, extra);
    agents.push(agent);
    return agent;
  };

  it("registers, runs a task, completes it, and rejoins as the same node after a restart", async () => {
    const first = await start();
    const claim = fixture.addTask(task("t1", sh("echo hello; echo oops >&2; exit 3")));
    const ended = await first.ended(claim);
    expect(ended.reported).toBe("completed");
    const outcome = fixture.state.completions.get(claim);
    expect(outcome).toMatchObject({ result: "failure", exitCode: 3, failureKind: "exitCode" });
    expect(outcome?.failureInfo?.code).toBe("FailureExitCode");
    expect(fixture.log(claim, "stdout.txt")).toBe("hello\n");
    expect(fixture.log(claim, "stderr.txt")).toBe("oops\n");
    const nodeId = await storedNodeId(first.root);
    expect([...fixture.state.nodes.keys()]).toEqual([nodeId]);
    const heartbeat = fixture.state.nodes.get(nodeId)?.heartbeats[0];
    expect(heartbeat?.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(heartbeat?.memoryBytes).toBeGreaterThan(0);

    await first.stop();
    const again = await start({ root: first.root });
    await eventually(() => again.events.some((e) => e.kind === "registered"), "re-registered");
    expect(fixture.state.nodes.size).toBe(1);
    expect(fixture.state.nodes.get(nodeId)?.registrations).toBe(2);
  });

  it("runs the pool's start task first and reports it in heartbeats", async () => {
    await fixture.close();
    fixture = new FixtureServer({
      startTask: task("start", sh("echo ready > $AZ_BATCH_NODE_SHARED_DIR/ready"), {
        jobId: undefined,
        taskId: undefined,
      }),
    });
    await fixture.start();
    const claim = fixture.addTask(task("t1", sh("cat $AZ_BATCH_NODE_SHARED_DIR/ready")));
    const agent = await start();
    expect((await agent.ended(claim)).outcome.result).toBe("success");
    expect(fixture.log(claim, "stdout.txt")).toBe("ready\n");
    const node = [...fixture.state.nodes.values()][0]!;
    await eventually(
      () => node.heartbeats.some((h) => h.startTask?.state === "completed"),
      "the start task is reported completed",
    );
    const report = node.heartbeats.find((h) => h.startTask?.state === "completed")?.startTask;
    expect(report?.result).toMatchObject({ result: "success", exitCode: 0 });
    const kinds = agent.events.filter((e) => e.kind === "taskStarted").map((e) => e.task.kind);
    expect(kinds).toEqual(["startTask", "task"]);
  });

  it("cancels a task the server lists in cancelClaims and drops its result", async () => {
    const agent = await start();
    const claim = fixture.addTask(task("t1", sh("echo $$ > pid; exec sleep 30")));
    const wd = taskLayout(agent.root, "task", "job1", "t1").workingDir;
    await eventually(async () => (await readPid(join(wd, "pid")).catch(() => 0)) > 0, "pid");
    const pid = await readPid(join(wd, "pid"));
    const nodeId = await storedNodeId(agent.root);
    fixture.state.nodes.get(nodeId)!.cancel.add(claim);
    expect((await agent.ended(claim)).reported).toBe("cancelled");
    expect(await isDead(pid)).toBe(true);
    expect(fixture.state.completions.has(claim)).toBe(false);
  });

  it("drops a result whose lease was lost (409 LeaseLost)", async () => {
    const agent = await start();
    const claim = fixture.addTask(task("t1", sh("while [ ! -f go ]; do sleep 0.02; done")));
    await eventually(() => fixture.state.claims.has(claim), "claimed");
    fixture.state.claims.get(claim)!.lost = true;
    const wd = taskLayout(agent.root, "task", "job1", "t1").workingDir;
    await eventually(
      async () =>
        writeFile(join(wd, "go"), "").then(
          () => true,
          () => false,
        ),
      "go",
    );
    expect((await agent.ended(claim)).reported).toBe("leaseLost");
    expect(fixture.state.completions.has(claim)).toBe(false);
  });

  it("appends stdout to the server while the task runs, and the rest before completing", async () => {
    const agent = await start();
    const script = "echo first; while [ ! -f go ]; do sleep 0.02; done; echo second";
    const claim = fixture.addTask(task("t1", sh(script)));
    await eventually(() => fixture.log(claim, "stdout.txt") === "first\n", "first line appended");
    expect(fixture.state.completions.has(claim)).toBe(false);
    const wd = taskLayout(agent.root, "task", "job1", "t1").workingDir;
    await writeFile(join(wd, "go"), "");
    await agent.ended(claim);
    expect(fixture.log(claim, "stdout.txt")).toBe("first\nsecond\n");
  });

  it("runs no more tasks at once than its slots, counting requiredSlots", async () => {
    const agent = await start({ slots: 2 });
    const wait = sh("while [ ! -f $AZ_BATCH_NODE_SHARED_DIR/go ]; do sleep 0.02; done");
    const big = fixture.addTask(task("big", wait, { requiredSlots: 2 }));
    const small = fixture.addTask(task("small", sh("true")));
    await eventually(() => fixture.state.claims.has(big), "the big task claimed");
    expect(fixture.state.claims.has(small)).toBe(false);
    const go = join(agent.root, "shared", "go");
    await eventually(
      async () =>
        writeFile(go, "").then(
          () => true,
          () => false,
        ),
      "go",
    );
    await agent.ended(small);
    expect(fixture.state.completions.get(big)?.result).toBe("success");
  });
});
