// A node agent killed with SIGKILL cannot end the task processes it started (each runs in its
// own process group). The process group ledger under the node root lets the next agent at
// that root, or the supervisor that sees its agent die, end them.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ledgerGroups } from "../../src/agent/index.js";
import {
  startLocalPoolSupervisor,
  type LocalPoolSupervisor,
  type SpawnAgent,
} from "../../src/app/index.js";
import { systemClock } from "../../src/core/index.js";
import { isDead } from "../agent/runner-support.js";
import { task } from "./agent-support.js";
import { eventually, FixtureServer, fixtureToken } from "./fixture-server.js";

const entry = new URL("./node-cli-entry.ts", import.meta.url).pathname;
const repo = new URL("../..", import.meta.url).pathname;

/** `sluice node` as its own process at `root`. */
function startAgent(serverUrl: string, root: string, poolId = "pool1"): ChildProcess {
  const args = ["--import", "tsx", entry, "node", "--server", serverUrl, "--pool", poolId];
  return spawn(process.execPath, [...args, "--root", root], {
    cwd: repo,
    env: { ...process.env, SLUICE_TOKEN: fixtureToken },
    stdio: "ignore",
  });
}

const exitOf = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

/** The process group the agent at `root` records for its running task. */
async function recordedGroup(root: string): Promise<number> {
  let groups: number[] = [];
  await eventually(
    () => {
      groups = ledgerGroups(root);
      return groups.length === 1;
    },
    "the task's process group is in the ledger",
    60_000,
  );
  return Number(groups[0]);
}

describe("orphaned task process groups", () => {
  let fixture: FixtureServer;
  let dataDir: string;
  const children: ChildProcess[] = [];
  const groups: number[] = [];
  let supervisor: LocalPoolSupervisor | undefined;

  beforeEach(async () => {
    fixture = new FixtureServer({ slots: 1 });
    await fixture.start();
    dataDir = await mkdtemp(join(tmpdir(), "sluice-orphans-"));
  });

  afterEach(async () => {
    await supervisor?.stop();
    supervisor = undefined;
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exitOf(child);
    }
    // A failed test must not leave its sleep behind: these are the groups this test started.
    for (const pgid of groups.splice(0)) {
      if (!(await isDead(pgid))) process.kill(-pgid, "SIGKILL");
    }
    await fixture.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("an agent started at the root of one killed with SIGKILL ends its task processes", async () => {
    const root = join(dataDir, "node");
    const first = startAgent(fixture.url, root);
    children.push(first);
    fixture.addTask(task("t1", "/bin/sleep 1000"));
    const pgid = await recordedGroup(root);
    groups.push(pgid);
    expect(await isDead(pgid)).toBe(false);

    first.kill("SIGKILL");
    await exitOf(first);
    // Nothing ended it: this is the orphan the ledger exists for.
    expect(await isDead(pgid)).toBe(false);

    const second = startAgent(fixture.url, root);
    children.push(second);
    await eventually(() => isDead(pgid), "the orphaned task's process group is gone", 60_000);
    // Its ledger entry goes too (just after the kill; a task the new agent runs has its own).
    await eventually(
      () => !ledgerGroups(root).includes(pgid),
      "the orphan's ledger entry is removed",
      10_000,
    );
    second.kill("SIGTERM");
    await exitOf(second);
  }, 120_000);

  it("the local pool supervisor ends the task processes of an agent that died", async () => {
    let spawned = 0;
    // The first agent is real; any restart is a stand-in that never cleans up, so only the
    // supervisor can have ended the orphan.
    const spawnAgent: SpawnAgent = (request) => {
      spawned += 1;
      if (spawned === 1) return startAgent(request.serverUrl, request.root, request.poolId);
      return spawn(process.execPath, ["-e", "setInterval(() => undefined, 1000)"], {
        stdio: "ignore",
      });
    };
    supervisor = startLocalPoolSupervisor({
      listPools: async () => [
        { poolId: "pool1", targetDedicatedNodes: 1, external: false, deleting: false },
      ],
      serverUrl: fixture.url,
      token: fixtureToken,
      dataDir,
      spawnAgent,
      clock: systemClock,
      intervalMs: 50,
      maxRestartDelayMs: 100,
      killGraceMs: 5000,
    });
    fixture.addTask(task("t1", "/bin/sleep 1000"));
    const pgid = await recordedGroup(join(dataDir, "nodes", "pool1", "0"));
    groups.push(pgid);
    const [agentPid] = supervisor.agents().get("pool1") ?? [];
    expect(agentPid).toBeGreaterThan(0);

    process.kill(agentPid!, "SIGKILL");
    await eventually(() => isDead(pgid), "the dead agent's task process group is gone", 60_000);
    await eventually(() => spawned === 2, "the agent is restarted after the cleanup", 60_000);
  }, 120_000);
});
