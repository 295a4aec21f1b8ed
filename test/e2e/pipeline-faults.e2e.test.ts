// The pipelines issue's fault test: the server is killed with SIGKILL while a Custom activity's
// task runs on a node; started again, the run re-attaches to the same task and finishes, and
// the command ran exactly once.
import type { ChildProcess } from "node:child_process";
import { chmod, mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { BatchClient } from "../../src/client/index.js";
import { describeEachDialect } from "../support/databases.js";
import { waitFor } from "./e2e-kit.js";
import { freePort, startAgentProcess, startServerProcess } from "./server-process.js";

// Leaves one marker file per start, then works long enough to be interrupted.
const slowScript = `
const fs = require("node:fs");
const path = require("node:path");
const markers = process.argv[2];
fs.writeFileSync(path.join(markers, "start-" + process.pid + "-" + Date.now()), "");
setTimeout(() => {
  fs.writeFileSync("outputs.json", JSON.stringify({ finished: true }));
}, 4000);
`;

function definition(markers: string) {
  return {
    factory: { name: "ops", properties: {} },
    linkedServices: [
      {
        name: "storage",
        properties: {
          type: "AzureBlobStorage",
          typeProperties: { connectionString: "UseLocalStorage=true" },
        },
      },
      {
        name: "batch",
        properties: {
          type: "AzureBatch",
          typeProperties: {
            accountName: "sluice",
            batchUri: "http://127.0.0.1",
            poolName: "outside",
            linkedServiceName: { referenceName: "storage", type: "LinkedServiceReference" },
          },
        },
      },
    ],
    pipelines: [
      {
        name: "long",
        properties: {
          variables: { done: { type: "String" } },
          activities: [
            {
              name: "Work",
              type: "Custom",
              linkedServiceName: { referenceName: "batch", type: "LinkedServiceReference" },
              typeProperties: {
                command: `node slow.js ${markers}`,
                resourceLinkedService: { referenceName: "storage", type: "LinkedServiceReference" },
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
      },
    ],
    datasets: [],
    triggers: [],
    others: [],
  };
}

describeEachDialect("the server killed with SIGKILL during a Custom activity", (target) => {
  let server: ChildProcess | undefined;
  let agent: ChildProcess | undefined;
  afterAll(async () => {
    // Stop what this test started; a server slow to stop is killed rather than left behind.
    for (const child of [agent, server]) {
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
  }, 30_000);

  it(
    "re-attaches to the running task after a restart; the command runs once",
    { timeout: 180_000 },
    async () => {
      await target.open();
      const dataDir = await mkdtemp(join(tmpdir(), "sluice-e2e-pipeline-restart-"));
      const markers = await mkdtemp(join(tmpdir(), "sluice-e2e-markers-"));
      // Tasks run as their own unprivileged users when the agent is root (task isolation).
      await chmod(markers, 0o777);
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      server = await startServerProcess(dataDir, port, target.config);
      const token = (await readFile(join(dataDir, "token"), "utf8")).trim();
      const call = async (method: string, path: string, body?: unknown) => {
        const response = await fetch(`${url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          ...(body === undefined
            ? {}
            : { body: typeof body === "string" ? body : JSON.stringify(body) }),
        });
        const text = await response.text();
        return {
          status: response.status,
          body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
        };
      };
      // A pool of nodes that run outside the server, as remote machines do: they outlive it.
      const batch = new BatchClient({ url, token });
      await batch.addPool({
        id: "outside",
        vmSize: "local",
        targetDedicatedNodes: 1,
        sluiceExternalNodes: true,
      });
      agent = startAgentProcess(
        url,
        token,
        "outside",
        await mkdtemp(join(tmpdir(), "sluice-node-")),
      );
      const put = await fetch(`${url}/sluice/storage/code/slow.js`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
        body: slowScript,
      });
      expect(put.ok).toBe(true);
      expect((await call("POST", "/factories/ops/sluice/deploy", definition(markers))).status).toBe(
        200,
      );

      const created = await call("POST", "/factories/ops/pipelines/long/createRun", {});
      const runId = String(created.body.runId);
      await waitFor(
        async () => ((await readdir(markers)).length > 0 ? true : undefined),
        60_000,
        () => "the command to start",
      );

      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGKILL");
      await exited;
      server = await startServerProcess(dataDir, port, target.config);

      const run = await waitFor(
        async () => {
          const reply = await call("GET", `/factories/ops/pipelineruns/${runId}`);
          return ["Succeeded", "Failed", "Cancelled"].includes(String(reply.body.status))
            ? reply.body
            : undefined;
        },
        120_000,
        async () =>
          JSON.stringify((await call("GET", `/factories/ops/pipelineruns/${runId}`)).body),
      );
      expect(run.status).toBe("Succeeded");
      expect((await readdir(markers)).length).toBe(1);
      const activities = await call(
        "POST",
        `/factories/ops/pipelineruns/${runId}/queryActivityruns`,
        {},
      );
      const rows = activities.body.value as { activityName: string; activityRunId: string }[];
      expect(rows.map((row) => row.activityName)).toEqual(["Work", "After"]);
      const task = await batch.getTask("adfv2-outside", rows[0]!.activityRunId);
      expect(task.executionInfo?.requeueCount ?? 0).toBe(0);
      expect(task.executionInfo?.retryCount).toBe(0);
    },
  );
});
