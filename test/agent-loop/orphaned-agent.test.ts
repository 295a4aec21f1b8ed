// An embedded agent whose server was killed (AgentContext.orphaned): it claims nothing more,
// finishes and reports its running task when the server is back, then exits; with the server
// gone for good it gives up after the grace period. Real HTTP to the fixture server, real tasks.
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  agentPidPath,
  runAgent,
  taskLayout,
  type AgentEvent,
  type AgentOptions,
} from "../../src/agent/index.js";
import { systemClock } from "../../src/core/index.js";
import { task } from "./agent-support.js";
import { eventually, FixtureServer, fixtureToken } from "./fixture-server.js";

const waitForGo = "/bin/sh -c 'echo started; while [ ! -f go ]; do sleep 0.02; done; echo done'";

interface Orphanable {
  readonly root: string;
  readonly events: AgentEvent[];
  orphan(): void;
  stop(): void;
  ended(): boolean;
  readonly done: Promise<void>;
}

describe("node agent orphaned by its server", () => {
  let fixture: FixtureServer;
  let agent: Orphanable | undefined;

  beforeEach(async () => {
    fixture = new FixtureServer({ slots: 2 });
    await fixture.start();
  });

  afterEach(async () => {
    agent?.stop();
    await agent?.done.catch(() => undefined);
    if (agent) await rm(agent.root, { recursive: true, force: true });
    agent = undefined;
    await fixture.dispose();
  });

  async function start(extra: Partial<AgentOptions> = {}): Promise<Orphanable> {
    const root = await mkdtemp(join(tmpdir(), "sluice-orphaned-"));
    const signal = new AbortController();
    const orphaned = new AbortController();
    const events: AgentEvent[] = [];
    let ended = false;
    const done = runAgent(
      {
        serverUrl: fixture.url,
        token: fixtureToken,
        poolId: fixture.poolId,
        root,
        claimWaitMs: 2000,
        logIntervalMs: 50,
        maxRetryDelayMs: 200,
        shutdownGraceMs: 5000,
        ...extra,
      },
      {
        clock: systemClock,
        signal: signal.signal,
        orphaned: orphaned.signal,
        onEvent: (event) => events.push(event),
      },
    ).finally(() => (ended = true));
    done.catch(() => undefined);
    return {
      root,
      events,
      done,
      orphan: () => orphaned.abort(),
      stop: () => signal.abort(),
      ended: () => ended,
    };
  }

  const endedAs = (events: AgentEvent[], claim: string) =>
    events.find(
      (event): event is Extract<AgentEvent, { kind: "taskEnded" }> =>
        event.kind === "taskEnded" && event.task.claimToken === claim,
    )?.reported;

  it("finishes its task, reports it when the server is back, claims nothing more, and exits", async () => {
    agent = await start();
    const claim = fixture.addTask(task("t1", waitForGo));
    await eventually(() => fixture.log(claim, "stdout.txt") === "started\n", "started", 30_000);
    expect(existsSync(agentPidPath(agent.root))).toBe(true);

    await fixture.close();
    agent.orphan();
    fixture.addTask(task("t2", "/bin/true"));
    const wd = taskLayout(agent.root, "task", "job1", "t1").workingDir;
    await writeFile(join(wd, "go"), "");
    await eventually(
      () => agent!.events.some((event) => event.kind === "serverUnreachable"),
      "the agent notices the server is gone",
      30_000,
    );
    expect(agent.ended()).toBe(false);

    await fixture.start();
    await eventually(() => agent!.ended(), "the orphaned agent exits once idle", 30_000);
    await agent.done;
    expect(endedAs(agent.events, claim)).toBe("completed");
    expect(fixture.state.completions.get(claim)?.result).toBe("success");
    expect(agent.events).toContainEqual({ kind: "stopping", reason: "orphaned" });
    // t2 waits for another agent: the orphan took nothing new.
    expect(fixture.state.queue.map((queued) => queued.taskId)).toEqual(["t2"]);
    expect(existsSync(agentPidPath(agent.root))).toBe(false);
  });

  it("cancels its task and exits when the server stays away for the grace period", async () => {
    agent = await start({ orphanGraceMs: 300 });
    const claim = fixture.addTask(task("t1", waitForGo));
    await eventually(() => fixture.log(claim, "stdout.txt") === "started\n", "started", 30_000);
    await fixture.close();
    agent.orphan();
    await eventually(() => agent!.ended(), "the orphaned agent gives up", 30_000);
    await agent.done;
    expect(endedAs(agent.events, claim)).toBe("cancelled");
    expect(fixture.state.completions.has(claim)).toBe(false);
  });

  it("exits at once when orphaned before it could register", async () => {
    await fixture.close();
    agent = await start();
    await eventually(
      () => agent!.events.some((event) => event.kind === "serverUnreachable"),
      "retrying",
      30_000,
    );
    agent.orphan();
    await eventually(() => agent!.ended(), "the agent exits", 30_000);
    await agent.done;
    expect(agent.events.some((event) => event.kind === "registered")).toBe(false);
  });
});
