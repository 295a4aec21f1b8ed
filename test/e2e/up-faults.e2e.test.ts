// `sluice up` killed with SIGKILL mid-run, then started again on the same data directory:
// its local agents outlive it, finish and report their running tasks to the restarted server,
// so the run finishes with each Custom activity's command run once; none of them is left
// running afterwards. Uses the built CLI: `npm run build` first.
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BatchClient } from "../../src/client/index.js";
import { processAlive, waitFor } from "./e2e-kit.js";
import { expectQuickstartSummary } from "./quickstart-summary.js";
import { freePort } from "./server-process.js";
import {
  callServer,
  expectNoneLeft,
  killAllUsing,
  killHard,
  printed,
  runEnded,
  startUp,
  type UpProcess,
} from "./up-process.js";

const root = new URL("../..", import.meta.url).pathname;

// Appends a line per start to the counter file, then works long enough to be interrupted.
const countScript = `
const fs = require("node:fs");
fs.appendFileSync(process.argv[2], "started " + process.pid + "\\n");
setTimeout(() => fs.writeFileSync("outputs.json", JSON.stringify({ finished: true })), 6000);
`;

/** A factory folder (ADF git layout) whose pipeline `counted` runs countScript on a local pool. */
async function writeFactory(dir: string, counter: string): Promise<void> {
  const json = async (path: string, value: unknown) => {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), JSON.stringify(value, null, 2));
  };
  await json("factory/ops.json", { name: "ops", properties: {} });
  await json("linkedService/storage.json", {
    name: "storage",
    properties: {
      type: "AzureBlobStorage",
      typeProperties: { connectionString: "UseLocalStorage=true" },
    },
  });
  const storageRef = { referenceName: "storage", type: "LinkedServiceReference" };
  await json("linkedService/batch.json", {
    name: "batch",
    properties: {
      type: "AzureBatch",
      typeProperties: {
        accountName: "sluice",
        batchUri: "http://127.0.0.1",
        poolName: "counted-pool",
        linkedServiceName: storageRef,
      },
    },
  });
  await json("pipeline/counted.json", {
    name: "counted",
    properties: {
      variables: { done: { type: "String" } },
      activities: [
        {
          name: "Work",
          type: "Custom",
          linkedServiceName: { referenceName: "batch", type: "LinkedServiceReference" },
          typeProperties: {
            command: `node count.js ${counter}`,
            resourceLinkedService: storageRef,
            folderPath: "code",
          },
        },
        {
          name: "After",
          type: "SetVariable",
          dependsOn: [{ activity: "Work", dependencyConditions: ["Succeeded"] }],
          typeProperties: {
            variableName: "done",
            value: "@string(activity('Work').output.customOutput.finished)",
          },
        },
      ],
    },
  });
  await mkdir(join(dir, "storage", "code"), { recursive: true });
  await writeFile(join(dir, "storage", "code", "count.js"), countScript);
}

/** The process ids in the agents' `agent.pid` files under the data directory. */
async function recordedAgents(dataDir: string): Promise<number[]> {
  const pids: number[] = [];
  const nodes = join(dataDir, "nodes");
  for (const pool of await readdir(nodes).catch(() => [])) {
    for (const index of await readdir(join(nodes, pool)).catch(() => [])) {
      const text = await readFile(join(nodes, pool, index, "agent.pid"), "utf8").catch(() => "");
      if (text.trim() !== "") pids.push(Number(text.trim()));
    }
  }
  return pids;
}

/** Ctrl-C: `sluice up` must stop cleanly (exit 0) within a minute, leaving no agent behind. */
async function stopCleanly(up: UpProcess, dataDir: string): Promise<void> {
  up.child.kill("SIGINT");
  const code = await waitFor(
    async () => (up.child.exitCode !== null ? up.child.exitCode : undefined),
    60_000,
    () => `sluice up did not stop after SIGINT: ${up.output()}`,
  );
  expect(code).toBe(0);
  await expectNoneLeft(dataDir);
}

describe("sluice up killed with SIGKILL and started again", () => {
  const dataDirs: string[] = [];
  afterEach(async () => {
    // Whatever a failed test left running on its data directories: only this test's processes.
    for (const dataDir of dataDirs.splice(0)) await killAllUsing(dataDir);
  });

  /** `sluice up` with the counted factory and its run, once the command has started. */
  async function startCounted(prefix: string) {
    const home = await mkdtemp(join(tmpdir(), prefix));
    const dataDir = join(home, ".sluice");
    dataDirs.push(dataDir);
    // Tasks run as their own unprivileged users when the agent is root (task isolation): the
    // counter lives in a folder they may write, not in the 0700 temp folder.
    const shared = join(home, "shared");
    await mkdir(shared);
    await chmod(shared, 0o777);
    const counter = join(shared, "counter.txt");
    await writeFactory(join(home, "factory"), counter);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const args = [join(home, "factory"), "--data-dir", dataDir, "--port", String(port)];
    const first = startUp([...args, "--nodes", "1", "--run", "counted"]);
    const [, runId] = await printed(first, /Run (\S+) of 'counted' started/);
    await waitFor(
      async () => ((await readFile(counter, "utf8").catch(() => "")) !== "" ? true : undefined),
      120_000,
      first.output,
    );
    return { dataDir, counter, url, args, first, runId: runId! };
  }

  it(
    "lets a running Custom activity finish: the run succeeds and the command ran once",
    { timeout: 300_000 },
    async () => {
      const { dataDir, counter, url, args, first, runId } = await startCounted("sluice-up-kill-");
      const agents = await recordedAgents(dataDir);
      expect(agents).toHaveLength(1);

      await killHard(first);
      // The agent outlives its server: its task keeps running.
      expect(processAlive(agents[0]!)).toBe(true);

      const second = startUp([...args, "--nodes", "1"]);
      await printed(second, /Sluice is up at/);
      const run = await runEnded(url, dataDir, "ops", runId);
      expect(run.status).toBe("Succeeded");
      expect((await readFile(counter, "utf8")).trim().split("\n")).toHaveLength(1);
      const activities = await callServer(
        url,
        dataDir,
        "POST",
        `/factories/ops/pipelineruns/${runId}/queryActivityruns`,
        {},
      );
      const rows = activities.body.value as { activityName: string; activityRunId: string }[];
      expect(rows.map((row) => row.activityName).sort()).toEqual(["After", "Work"]);
      const token = (await readFile(join(dataDir, "token"), "utf8")).trim();
      const work = rows.find((row) => row.activityName === "Work")!;
      const task = await new BatchClient({ url, token }).getTask(
        "adfv2-counted-pool",
        work.activityRunId,
      );
      expect(task.executionInfo?.requeueCount ?? 0).toBe(0);

      // The old agent exits once idle; the restarted server runs a fresh one at its root.
      await waitFor(
        async () => (processAlive(agents[0]!) ? undefined : true),
        120_000,
        () => `the agent from before the kill (${agents[0]}) is still running`,
      );
      await stopCleanly(second, dataDir);
    },
  );

  it(
    "stops cleanly on Ctrl-C while a Custom activity runs; the next start finishes the run",
    { timeout: 300_000 },
    async () => {
      const { dataDir, counter, url, args, first, runId } = await startCounted("sluice-up-stop-");
      // The task gets its grace period (10 s; it needs 6) and finishes; nothing is left running.
      await stopCleanly(first, dataDir);

      const second = startUp([...args, "--nodes", "1"]);
      const run = await runEnded(url, dataDir, "ops", runId);
      expect(run.status).toBe("Succeeded");
      expect((await readFile(counter, "utf8")).trim().split("\n")).toHaveLength(1);
      await stopCleanly(second, dataDir);
    },
  );

  it(
    "finishes the example's run after a kill during process-sales",
    { timeout: 400_000 },
    async () => {
      const home = await mkdtemp(join(tmpdir(), "sluice-up-kill-example-"));
      await cp(join(root, "examples/quickstart"), join(home, "quickstart"), { recursive: true });
      const dataDir = join(home, ".sluice");
      dataDirs.push(dataDir);
      const args = [join(home, "quickstart"), "--data-dir", dataDir, "--nodes", "2"];

      const port = await freePort();
      const first = startUp([
        ...args,
        "--port",
        String(port),
        "--run",
        "prepare-sample-data",
        "--run",
        "process-sales",
      ]);
      const [, runId] = await printed(first, /Run (\S+) of 'process-sales' started/, 180_000);
      // Mid-run: once the first file's total is written, while the others are on the pool.
      const totals = join(dataDir, "storage", "output", "totals");
      await waitFor(
        async () => ((await readdir(totals).catch(() => [])).length > 0 ? true : undefined),
        120_000,
        first.output,
      );
      await killHard(first);
      expect(first.output()).not.toContain("'process-sales': Succeeded");

      // Started again as a user would: same data directory, same port.
      const second = startUp([...args, "--port", String(port)]);
      await printed(second, /Sluice is up at/);
      const url = `http://127.0.0.1:${port}`;
      const run = await runEnded(url, dataDir, "quickstart", runId!, 240_000);
      expect(run.status).toBe("Succeeded");
      await expectQuickstartSummary(dataDir);
      await stopCleanly(second, dataDir);
    },
  );
});
