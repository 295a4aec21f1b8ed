// Application packages end to end: uploaded to the real server, referenced by a pool and a
// task, installed by a real agent process once per version, and found by the task through
// Batch's AZ_BATCH_APP_PACKAGE_* variables. A reference that cannot resolve fails the task
// with a pre-processing error.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { startServer } from "../../src/app/index.js";
import { BatchClient, SluiceClient } from "../../src/client/index.js";
import { zipOf } from "../support/zip.js";
import { eventually } from "./fixture-server.js";

const entry = new URL("./node-cli-entry.ts", import.meta.url).pathname;

interface TaskView {
  state: string;
  executionInfo?: {
    exitCode?: number;
    result?: string;
    failureInfo?: { code: string; message: string };
  };
}

it("installs pool and task packages and points the variables at them", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "sluice-app-packages-"));
  const server = await startServer({ dataDir, port: 0 });
  const client = new SluiceClient({ url: server.url, token: server.token });
  const batch = new BatchClient({ url: server.url, token: server.token });
  await batch.uploadApplicationPackage("Tool-A", "1.0", await zipOf({ "hello.txt": "from A\n" }));
  await batch.uploadApplicationPackage("toolb", "2", await zipOf({ "bin/b.txt": "from B\n" }));
  await batch.patchApplication("toolb", { defaultVersion: "2" });
  await client.request("POST", "/pools", {
    id: "p1",
    vmSize: "standard_d2s_v3",
    targetDedicatedNodes: 1,
    sluiceExternalNodes: true,
    applicationPackageReferences: [{ applicationId: "Tool-A", version: "1.0" }],
  });
  const args = ["--server", server.url, "--pool", "p1", "--root", join(dataDir, "n0")];
  const agent = spawn(process.execPath, ["--import", "tsx", entry, "node", ...args], {
    env: { ...process.env, SLUICE_TOKEN: server.token },
    stdio: "ignore",
  });
  const exited = new Promise((resolve) => agent.once("exit", resolve));
  const task = (id: string) => client.request<TaskView>("GET", `/jobs/j1/tasks/${id}`);
  const stdout = (id: string) =>
    fetch(`${server.url}/jobs/j1/tasks/${id}/files/stdout.txt`, {
      headers: { authorization: `Bearer ${server.token}` },
    }).then((response) => response.text());
  try {
    await client.request("POST", "/jobs", { id: "j1", poolInfo: { poolId: "p1" } });
    await client.request("POST", "/jobs/j1/addtaskcollection", {
      value: [
        {
          id: "uses",
          commandLine:
            "/bin/sh -c 'cat $AZ_BATCH_APP_PACKAGE_tool_a_1_0/hello.txt $AZ_BATCH_APP_PACKAGE_toolb/bin/b.txt $AZ_BATCH_APP_PACKAGE_toolb_2/bin/b.txt'",
          applicationPackageReferences: [{ applicationId: "toolb" }],
        },
        {
          id: "missing",
          commandLine: "/bin/true",
          applicationPackageReferences: [{ applicationId: "nope", version: "1" }],
        },
      ],
    });
    await eventually(async () => (await task("uses")).state === "completed", "uses", 60_000);
    await eventually(async () => (await task("missing")).state === "completed", "missing", 60_000);
    expect((await task("uses")).executionInfo).toMatchObject({ exitCode: 0, result: "success" });
    expect(await stdout("uses")).toBe("from A\nfrom B\nfrom B\n");
    const missing = (await task("missing")).executionInfo;
    expect(missing?.result).toBe("failure");
    expect(missing?.failureInfo?.code).toBe("ApplicationPackageNotFound");
    expect(missing?.failureInfo?.message).toContain("Application 'nope' does not exist");
  } finally {
    agent.kill("SIGTERM");
    await exited;
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}, 120_000);
