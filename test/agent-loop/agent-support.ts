import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAgent, type AgentEvent, type AgentOptions } from "../../src/agent/index.js";
import { systemClock } from "../../src/core/index.js";
import { eventually, fixtureToken, type FixtureServer } from "./fixture-server.js";

/** An agent running in this process against a fixture server. */
export interface TestAgent {
  readonly root: string;
  readonly events: AgentEvent[];
  /** Resolves (or rejects) when runAgent returns. */
  readonly done: Promise<void>;
  /** Aborts the agent's signal (as SIGTERM does) and waits for it to return. */
  stop(): Promise<void>;
  /** The outcome the agent reported for a task, once it ended. */
  ended(claimToken: string): Promise<Extract<AgentEvent, { kind: "taskEnded" }>>;
}

/** Starts `runAgent` in-process with a fresh root (or `root`), fast intervals for tests. */
export async function startTestAgent(
  fixture: FixtureServer,
  extra: Partial<AgentOptions> = {},
): Promise<TestAgent> {
  const root = extra.root ?? (await mkdtemp(join(tmpdir(), "sluice-agent-")));
  const controller = new AbortController();
  const events: AgentEvent[] = [];
  const done = runAgent(
    {
      serverUrl: fixture.url,
      token: fixtureToken,
      poolId: fixture.poolId,
      claimWaitMs: 2000,
      logIntervalMs: 50,
      maxRetryDelayMs: 200,
      shutdownGraceMs: 5000,
      ...extra,
      root,
    },
    { clock: systemClock, signal: controller.signal, onEvent: (event) => events.push(event) },
  );
  done.catch(() => undefined); // observed by the tests that expect a rejection
  return {
    root,
    events,
    done,
    stop: async () => {
      controller.abort();
      await done;
    },
    ended: async (claimToken) => {
      const find = () =>
        events.find(
          (event): event is Extract<AgentEvent, { kind: "taskEnded" }> =>
            event.kind === "taskEnded" && event.task.claimToken === claimToken,
        );
      await eventually(() => find() !== undefined, `task ${claimToken} ended`);
      return find()!;
    },
  };
}

export async function removeRoot(agent: TestAgent): Promise<void> {
  await rm(agent.root, { recursive: true, force: true });
}

/** The node id the agent keeps in its root. */
export async function storedNodeId(root: string): Promise<string> {
  return (await readFile(join(root, "node-id"), "utf8")).trim();
}

/** A task with defaults for everything but the command line. */
export function task(taskId: string, commandLine: string, extra: object = {}) {
  return {
    jobId: "job1",
    taskId,
    commandLine,
    environmentSettings: [],
    resourceFiles: [],
    outputFiles: [],
    requiredSlots: 1,
    ...extra,
  };
}
