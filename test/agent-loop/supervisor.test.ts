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
import { systemClock } from "../../src/core/index.js";
import { isDead } from "../agent/runner-support.js";
import { eventually, FixtureServer, fixtureToken } from "./fixture-server.js";

const entry = new URL("./node-cli-entry.ts", import.meta.url).pathname;
const spawnAgent = cliAgentSpawner({ file: process.execPath, args: ["--import", "tsx", entry] });

describe("local pool supervisor", () => {
  let fixture: FixtureServer;
  let dataDir: string;
  let supervisor: LocalPoolSupervisor | undefined;
  let pools: SupervisedPool[];

  beforeEach(async () => {
    fixture = new FixtureServer({ slots: 1 });
    await fixture.start();
    dataDir = await mkdtemp(join(tmpdir(), "sluice-supervisor-"));
    pools = [];
  });

  afterEach(async () => {
    await supervisor?.stop();
    supervisor = undefined;
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
    await eventually(
      () => [...fixture.state.nodes.values()].some((node) => node.registrations === 2),
      "the restarted agent rejoins as its node",
      60_000,
    );
    expect(fixture.state.nodes.size).toBe(2);

    const all = pids();
    await supervisor!.stop();
    for (const pid of all) expect(await isDead(pid)).toBe(true);
    expect(supervisor!.agents().size).toBe(0);
  }, 150_000);

  it("stops a deleted pool's agents after the grace period", async () => {
    pools = [{ poolId: "pool1", targetDedicatedNodes: 1, external: false, deleting: false }];
    start({ deleteGraceMs: 100 });
    await eventually(() => pids().length === 1, "one agent", 60_000);
    const [pid] = pids();
    pools = [{ poolId: "pool1", targetDedicatedNodes: 1, external: false, deleting: true }];
    await eventually(() => isDead(pid!), "the agent is stopped", 60_000);
    await eventually(() => pids().length === 0, "the supervisor saw it exit");
  }, 150_000);
});
