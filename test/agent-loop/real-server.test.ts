import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { startServer } from "../../src/app/index.js";
import { SluiceClient } from "../../src/client/index.js";
import { eventually } from "./fixture-server.js";

const entry = new URL("./node-cli-entry.ts", import.meta.url).pathname;

interface TaskView {
  state: string;
  executionInfo?: { exitCode?: number; result?: string };
}

// The agent against the Batch service itself, as a process (its connections end with it).
it("runs a start task and a task against the real server, with its stdout through the API", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "sluice-agent-real-"));
  const server = await startServer({ dataDir, port: 0 });
  const client = new SluiceClient({ url: server.url, token: server.token });
  await client.request("POST", "/pools", {
    id: "p1",
    vmSize: "standard_d2s_v3",
    targetDedicatedNodes: 1,
    sluiceExternalNodes: true,
    startTask: { commandLine: "/bin/sh -c 'echo up > $AZ_BATCH_NODE_SHARED_DIR/up'" },
  });
  const args = ["--server", server.url, "--pool", "p1", "--root", join(dataDir, "n0")];
  const agent = spawn(process.execPath, ["--import", "tsx", entry, "node", ...args], {
    env: { ...process.env, SLUICE_TOKEN: server.token },
    stdio: "ignore",
  });
  const exited = new Promise((resolve) => agent.once("exit", resolve));
  try {
    await client.request("POST", "/jobs", { id: "j1", poolInfo: { poolId: "p1" } });
    await client.request("POST", "/jobs/j1/tasks", {
      id: "t1",
      commandLine: "/bin/sh -c 'cat $AZ_BATCH_NODE_SHARED_DIR/up; exit 2'",
    });
    const task = () => client.request<TaskView>("GET", "/jobs/j1/tasks/t1");
    await eventually(async () => (await task()).state === "completed", "t1 completed", 60_000);
    expect((await task()).executionInfo).toMatchObject({ exitCode: 2, result: "failure" });
    const stdout = await fetch(`${server.url}/jobs/j1/tasks/t1/files/stdout.txt`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(await stdout.text()).toBe("up\n");
  } finally {
    agent.kill("SIGTERM");
    expect(await exited).toBe(0);
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}, 120_000);
