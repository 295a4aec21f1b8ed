// The Custom activity end to end: a real server, a local pool with a real agent, the
// command's files staged from the embedded storage, activity.json read by the command, its
// outputs.json reaching the next activity as customOutput, logs kept under adfjobs/.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../support/databases.js";
import { startE2eServer, type E2eServer } from "./e2e-kit.js";

const computeScript = `
const fs = require("node:fs");
const activity = JSON.parse(fs.readFileSync("activity.json", "utf8"));
const services = JSON.parse(fs.readFileSync("linkedServices.json", "utf8"));
const props = activity.typeProperties.extendedProperties;
console.log("computing for", props.label);
console.error("a warning on stderr");
// The embedded storage, reached as an Azure SAS URI is: <base>/<container>/<path>?<sas>.
const sas = new URL(services[0].properties.typeProperties.sasUri);
const at = (path) => sas.origin + sas.pathname + "/" + path + sas.search;
(async () => {
  const input = await (await fetch(at("data/input.txt"))).text();
  await fetch(at("results/upper.txt"), { method: "PUT", body: input.toUpperCase() });
  fs.writeFileSync("outputs.json", JSON.stringify({
    doubled: props.factor * 2,
    secret: props.token.value,
    helper: fs.readFileSync("helper.txt", "utf8").trim(),
    services: services.map((s) => s.name),
    input,
  }));
})();
`;

const failingScript = `
console.error("line one");
console.error("the real reason: disk on fire");
process.exit(3);
`;

const custom = (name: string, command: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: "Custom",
  linkedServiceName: { referenceName: "batch", type: "LinkedServiceReference" },
  typeProperties: {
    command,
    resourceLinkedService: { referenceName: "storage", type: "LinkedServiceReference" },
    folderPath: "scripts/app",
    ...extra,
  },
});

const definition = {
  factory: { name: "lab", properties: {} },
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
          poolName: "workers",
          accessKey: { type: "SecureString", value: "unused" },
          linkedServiceName: { referenceName: "storage", type: "LinkedServiceReference" },
        },
      },
    },
  ],
  pipelines: [
    {
      name: "compute",
      properties: {
        variables: { result: { type: "String" } },
        activities: [
          custom("Compute", "node compute.js", {
            referenceObjects: {
              linkedServices: [{ referenceName: "storage", type: "LinkedServiceReference" }],
            },
            extendedProperties: {
              label: "batch-1",
              factor: 21,
              token: { type: "SecureString", value: "s3cr3t-token" },
            },
          }),
          {
            name: "Keep",
            type: "SetVariable",
            dependsOn: [{ activity: "Compute", dependencyConditions: ["Succeeded"] }],
            typeProperties: {
              variableName: "result",
              value:
                "@{activity('Compute').output.customOutput.doubled}/@{activity('Compute').output.customOutput.helper}",
            },
          },
        ],
      },
    },
    { name: "broken", properties: { activities: [custom("Fails", "node failing.js")] } },
    {
      name: "slow",
      properties: {
        activities: [
          {
            ...custom("Sleeps", "sleep 30"),
            policy: { timeout: "0.00:00:02", retry: 1, retryIntervalInSeconds: 0 },
          },
        ],
      },
    },
  ],
  datasets: [],
  triggers: [],
  others: [],
};

describeEachDialect("the Custom activity on a local pool", (target) => {
  let e2e: E2eServer;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${e2e.server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${e2e.server.token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
    };
  };
  const runToEnd = async (pipeline: string) => {
    const created = await call("POST", `/factories/lab/pipelines/${pipeline}/createRun`, {});
    expect(created.status).toBe(200);
    const runId = String(created.body.runId);
    const run = await e2e.server.engine.waitForEnd(runId, AbortSignal.timeout(60_000));
    const activities = await call(
      "POST",
      `/factories/lab/pipelineruns/${runId}/queryActivityruns`,
      {},
    );
    return { run, activities: activities.body.value as Record<string, unknown>[] };
  };

  beforeAll(async () => {
    await target.open();
    e2e = await startE2eServer(target.config);
    await e2e.upload("scripts", "app/compute.js", computeScript);
    await e2e.upload("scripts", "app/failing.js", failingScript);
    await e2e.upload("scripts", "app/deeper/helper.txt", "from a subfolder\n");
    await e2e.upload("data", "input.txt", "hello storage");
    await e2e.client.addPool({
      id: "workers",
      vmSize: "local",
      targetDedicatedNodes: 1,
      taskSlotsPerNode: 2,
    });
    expect((await call("POST", "/factories/lab/sluice/deploy", definition)).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await e2e?.close();
  }, 60_000);

  it(
    "runs the command with its files and activity.json; outputs.json becomes customOutput",
    {
      timeout: 60_000,
    },
    async () => {
      const { run, activities } = await runToEnd("compute");
      expect(run.status).toBe("Succeeded");
      expect(run.variables).toEqual({ result: "42/from a subfolder" });
      const compute = activities.find((a) => a.activityName === "Compute") as {
        activityRunId: string;
        output: { exitcode: number; outputs: string[]; customOutput: Record<string, unknown> };
        input: unknown;
      };
      expect(compute.output.exitcode).toBe(0);
      expect(compute.output.customOutput).toMatchObject({
        doubled: 42,
        services: ["storage"],
        input: "hello storage",
      });
      // The task wrote through its shared access URL; without one (or with a forged one) the
      // storage stays closed.
      expect(await readFile(join(e2e.dataDir, "storage", "results", "upper.txt"), "utf8")).toBe(
        "HELLO STORAGE",
      );
      const open = await fetch(`${e2e.server.url}/sluice/storage/data/input.txt`);
      expect(open.status).toBe(401);
      const forged = await fetch(
        `${e2e.server.url}/sluice/storage/data/input.txt?sv=sluice-2026-11&sr=a&sp=r&se=2999-01-01T00:00:00.000Z&sig=AAAA`,
      );
      expect(forged.status).toBe(401);
      // The task received the secret; monitoring shows neither it nor... the input's SecureString.
      expect(compute.output.customOutput.secret).toBe("s3cr3t-token");
      expect(JSON.stringify(compute.input)).not.toContain("s3cr3t-token");
      expect(compute.output.outputs[0]).toBe(
        `${e2e.server.url}/sluice/storage/adfjobs/${compute.activityRunId}/output/stdout.txt`,
      );
      const stdout = await readFile(
        join(e2e.dataDir, "storage", "adfjobs", compute.activityRunId, "output", "stdout.txt"),
        "utf8",
      );
      expect(stdout).toContain("computing for batch-1");
      const runtime = join(e2e.dataDir, "storage", "adfjobs", compute.activityRunId, "runtime");
      expect(JSON.parse(await readFile(join(runtime, "activity.json"), "utf8"))).toMatchObject({
        name: "Compute",
        typeProperties: { command: "node compute.js" },
      });
      const task = await e2e.client.getTask("adfv2-workers", compute.activityRunId);
      expect(task.executionInfo?.exitCode).toBe(0);
    },
  );

  it("fails with the exit code and the last lines of stderr", { timeout: 60_000 }, async () => {
    const { run, activities } = await runToEnd("broken");
    expect(run.status).toBe("Failed");
    const error = activities[0]?.error as { message: string; errorCode: string };
    expect(error.errorCode).toBe("CustomActivityExitCode");
    expect(error.message).toContain("exited with code 3");
    expect(error.message).toContain("the real reason: disk on fire");
    expect(run.message).toContain("Operation on target Fails failed");
  });

  it("cuts the command off at policy.timeout and runs each retry as a new task", async () => {
    const { run, activities } = await runToEnd("slow");
    expect(run.status).toBe("Failed");
    expect(activities.map((a) => [a.status, (a.error as { errorCode: string }).errorCode])).toEqual(
      [
        ["Failed", "ActionTimedOut"],
        ["Failed", "ActionTimedOut"],
      ],
    );
    for (const activity of activities) {
      const task = await e2e.client.getTask("adfv2-workers", String(activity.activityRunId));
      expect(task.state).toBe("completed");
    }
  }, 60_000);
});
