import type { ChildProcess } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BatchClient, type CloudTask, type TaskAddParameter } from "../../src/client/index.js";
import { describeEachDialect } from "../support/databases.js";
import { processAlive, startE2eServer, waitFor, type E2eServer } from "./e2e-kit.js";
import { freePort, startServerProcess } from "./server-process.js";

/**
 * The Batch issue's fault tests: a node agent killed with SIGKILL mid-job, and the server
 * killed with SIGKILL mid-job and started again. Every acknowledged task still completes,
 * exactly the tasks that were running are requeued, and no process is left behind.
 */

function shortTasks(count: number): TaskAddParameter[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `t${i}`,
    commandLine: "/bin/sh -c 'sleep 0.2'",
  }));
}

async function completedCount(client: BatchClient, job: string): Promise<number> {
  return (await client.getTaskCounts(job)).taskCounts.completed;
}

function expectAllSucceeded(tasks: CloudTask[], count: number): void {
  expect(tasks).toHaveLength(count);
  const notSucceeded = tasks.filter(
    (task) => task.state !== "completed" || task.executionInfo?.result !== "success",
  );
  expect(notSucceeded.map((task) => task.id)).toEqual([]);
}

describeEachDialect("a node agent killed with SIGKILL mid-job", (target) => {
  let e2e: E2eServer;
  beforeAll(async () => {
    e2e = await startE2eServer(target.config);
  }, 60_000);
  afterAll(async () => e2e?.close(), 60_000);

  it("loses no task: the lost node's tasks are requeued and counted", async () => {
    const { client, server } = e2e;
    await client.addPool({
      id: "p",
      vmSize: "local",
      targetDedicatedNodes: 2,
      taskSlotsPerNode: 4,
    });
    await client.addJob({ id: "j", poolInfo: { poolId: "p" } });
    await client.addTasks("j", shortTasks(200));
    await waitFor(
      async () => ((await completedCount(client, "j")) >= 30 ? true : undefined),
      120_000,
      () => "30 tasks",
    );

    const victim = server.localAgents().get("p")?.[0];
    expect(victim).toBeDefined();
    process.kill(victim!, "SIGKILL");

    await waitFor(
      async () => ((await completedCount(client, "j")) === 200 ? true : undefined),
      180_000,
      async () => JSON.stringify((await client.getTaskCounts("j")).taskCounts),
    );
    const tasks = await client.listAllTasks("j");
    expectAllSucceeded(tasks, 200);
    const requeued = tasks.filter((task) => (task.executionInfo?.requeueCount ?? 0) > 0);
    expect(requeued.length).toBeGreaterThan(0);
    expect(tasks.every((task) => task.executionInfo?.retryCount === 0)).toBe(true);
    expect(processAlive(victim!)).toBe(false);
  }, 300_000);
});

/** The server's node agents: its children running `sluice node` (not, say, tsx's esbuild). */
async function agentPids(serverPid: number): Promise<number[]> {
  const { execFile } = await import("node:child_process");
  const children = await new Promise<number[]>((resolve) => {
    execFile("ps", ["-o", "pid=", "--ppid", String(serverPid)], (_error, stdout) =>
      resolve(
        stdout
          .split("\n")
          .map(Number)
          .filter((pid) => pid > 0),
      ),
    );
  });
  const agents: number[] = [];
  for (const pid of children) {
    const commandLine = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (commandLine.includes("--pool")) agents.push(pid);
  }
  return agents;
}

describeEachDialect("the server killed with SIGKILL mid-job and started again", (target) => {
  let server: ChildProcess | undefined;
  afterAll(() => {
    if (server?.exitCode === null) server.kill("SIGTERM");
  });

  it("completes the job with no acknowledged task lost and no agent orphaned", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "sluice-e2e-restart-"));
    const port = await freePort();
    server = await startServerProcess(dataDir, port, target.config);
    const token = (await readFile(join(dataDir, "token"), "utf8")).trim();
    const client = new BatchClient({ url: `http://127.0.0.1:${port}`, token });
    await client.addPool({
      id: "p",
      vmSize: "local",
      targetDedicatedNodes: 2,
      taskSlotsPerNode: 4,
    });
    await client.addJob({ id: "j", poolInfo: { poolId: "p" } });
    await client.addTasks("j", shortTasks(200));
    await waitFor(
      async () => ((await completedCount(client, "j")) >= 30 ? true : undefined),
      120_000,
      () => "30 tasks",
    );

    // Embedded agents outlive a killed server (their running tasks finish and report to the
    // restarted one); the restarted server adopts them and starts fresh agents once they exit.
    const orphans = await agentPids(server.pid!);
    expect(orphans.length).toBeGreaterThanOrEqual(2);
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGKILL");
    await exited;

    server = await startServerProcess(dataDir, port, target.config);
    await waitFor(
      async () => ((await completedCount(client, "j")) === 200 ? true : undefined),
      180_000,
      async () => JSON.stringify((await client.getTaskCounts("j")).taskCounts),
    );
    expectAllSucceeded(await client.listAllTasks("j"), 200);
    await waitFor(
      async () => (orphans.some(processAlive) ? undefined : true),
      90_000,
      () => `agents ${orphans} of the killed server still alive`,
    );

    const stopped = new Promise((resolve) => server!.once("exit", resolve));
    const agents = await agentPids(server.pid!);
    server.kill("SIGTERM");
    await stopped;
    expect(agents.length).toBeGreaterThanOrEqual(2);
    await waitFor(
      async () => (agents.some(processAlive) ? undefined : true),
      30_000,
      () => `agents ${agents} still alive`,
    );
  }, 300_000);
});
