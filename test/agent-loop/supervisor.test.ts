import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  cliAgentSpawner,
  startLocalPoolSupervisor,
  type LocalPoolSupervisor,
  type SupervisedPool,
} from "../../src/app/index.js";
import { liveAgentAt } from "../../src/agent/index.js";
import { systemClock } from "../../src/core/index.js";
import { isDead } from "../agent/runner-support.js";
import { eventually, FixtureServer, fixtureToken } from "./fixture-server.js";

const entry = new URL("./node-cli-entry.ts", import.meta.url).pathname;
const spawnAgent = cliAgentSpawner({ file: process.execPath, args: ["--import", "tsx", entry] });

/** An agent at `root` that this test started itself: as one a killed server left behind. */
function foreignAgent(serverUrl: string, root: string): ChildProcess {
  const args = ["--import", "tsx", entry, "node", "--server", serverUrl, "--pool", "pool1"];
  return spawn(process.execPath, [...args, "--root", root], {
    env: { ...process.env, SLUICE_TOKEN: fixtureToken },
    stdio: "ignore",
  });
}

describe("local pool supervisor", () => {
  let fixture: FixtureServer;
  let dataDir: string;
  let supervisor: LocalPoolSupervisor | undefined;
  let pools: SupervisedPool[];
  const foreign: ChildProcess[] = [];

  beforeEach(async () => {
    fixture = new FixtureServer({ slots: 1 });
    await fixture.start();
    dataDir = await mkdtemp(join(tmpdir(), "sluice-supervisor-"));
    pools = [];
  });

  afterEach(async () => {
    await supervisor?.stop();
    supervisor = undefined;
    for (const child of foreign.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await eventually(() => isDead(child.pid!), "the test's own agent is gone", 30_000);
    }
    await fixture.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = (extra = {}) =>
    (supervisor = startLocalPoolSupervisor({
      listPools: async () => pools,
      serverUrl: fixture.url,
      token: fixtureToken,
      dataDir,
      spawnAgent,
      clock: systemClock,
      intervalMs: 50,
      maxRestartDelayMs: 100,
      killGraceMs: 5000,
      ...extra,
    }));

  const pids = (): number[] => [...(supervisor?.agents().get("pool1") ?? [])];

  it("starts N agents, restarts a killed one as the same node, and stops all", async () => {
    pools = [
      { poolId: "pool1", targetDedicatedNodes: 2, external: false, deleting: false },
      { poolId: "remote", targetDedicatedNodes: 3, external: true, deleting: false },
    ];
    start();
    await eventually(() => fixture.state.nodes.size === 2, "two nodes registered", 60_000);
    const first = pids();
    expect(first).toHaveLength(2);
    expect(supervisor!.agents().has("remote")).toBe(false);
    for (const pid of first) {
      const commandLine = await readFile(`/proc/${pid}/cmdline`, "utf8");
      expect(commandLine).toContain(join(dataDir, "nodes", "pool1"));
      expect(commandLine).not.toContain(fixtureToken);
    }

    const victim = first[0]!;
    process.kill(victim, "SIGKILL");
    await eventually(
      () => pids().length === 2 && !pids().includes(victim),
      "the killed agent is replaced",
      60_000,
    );
    // The agent keeps its node id before it first registers, so a kill at any moment after the
    // server saw it leaves an id to rejoin with (it once wrote the id after the answer, and a
    // loaded machine killed it in between: a third node). A restart through tsx on a loaded
    // machine can take a minute: the deadline is generous.
    await eventually(
      () => [...fixture.state.nodes.values()].some((node) => node.registrations === 2),
      "the restarted agent rejoins as its node",
      120_000,
    );
    expect(fixture.state.nodes.size).toBe(2);

    const all = pids();
    await supervisor!.stop();
    for (const pid of all) expect(await isDead(pid)).toBe(true);
    expect(supervisor!.agents().size).toBe(0);
  }, 300_000);

  it("stops a deleted pool's agents after the grace period", async () => {
    pools = [{ poolId: "pool1", targetDedicatedNodes: 1, external: false, deleting: false }];
    start({ deleteGraceMs: 100 });
    await eventually(() => pids().length === 1, "one agent", 60_000);
    const [pid] = pids();
    pools = [{ poolId: "pool1", targetDedicatedNodes: 1, external: false, deleting: true }];
    await eventually(() => isDead(pid!), "the agent is stopped", 60_000);
    await eventually(() => pids().length === 0, "the supervisor saw it exit");
  }, 150_000);

  it("adopts an agent left running at a root, and starts a fresh one there once it exits", async () => {
    pools = [{ poolId: "pool1", targetDedicatedNodes: 1, external: false, deleting: false }];
    const root = join(dataDir, "nodes", "pool1", "0");
    const left = foreignAgent(fixture.url, root);
    foreign.push(left);
    await eventually(() => liveAgentAt(root) === left.pid, "the agent records itself", 60_000);
    await eventually(() => fixture.state.nodes.size === 1, "the agent registered", 60_000);

    start();
    await supervisor!.reconcile();
    await supervisor!.reconcile();
    // No second agent at the root (it would rejoin as the same node, requeuing its tasks).
    expect(pids()).toEqual([left.pid]);
    expect([...fixture.state.nodes.values()].map((node) => node.registrations)).toEqual([1]);

    left.kill("SIGTERM");
    await eventually(
      () => pids().length === 1 && !pids().includes(left.pid!),
      "a fresh agent replaces the adopted one",
      60_000,
    );
    await eventually(
      () => [...fixture.state.nodes.values()].some((node) => node.registrations === 2),
      "the fresh agent rejoins as the node",
      60_000,
    );
    expect(fixture.state.nodes.size).toBe(1);
  }, 150_000);

  it("stops an adopted agent with the others", async () => {
    pools = [{ poolId: "pool1", targetDedicatedNodes: 1, external: false, deleting: false }];
    const root = join(dataDir, "nodes", "pool1", "0");
    const left = foreignAgent(fixture.url, root);
    foreign.push(left);
    await eventually(() => liveAgentAt(root) === left.pid, "the agent records itself", 60_000);
    start();
    await supervisor!.reconcile();
    expect(pids()).toEqual([left.pid]);
    await supervisor!.stop();
    expect(await isDead(left.pid!)).toBe(true);
  }, 150_000);
});
