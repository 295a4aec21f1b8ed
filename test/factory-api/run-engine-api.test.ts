// createRun, cancel and reruns through the real server (engine, routes, stores) over loopback,
// and the CLI's `sluice run --wait` / `sluice runs rerun` against it.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runRun, runRuns, type BatchIO } from "../../src/cli/commands/index.js";
import { describeEachDialect } from "../support/databases.js";
import { startE2eServer, type E2eServer } from "../e2e/e2e-kit.js";

async function waitFor<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const wait = (name: string, seconds: number, deps: unknown[] = []) => ({
  name,
  type: "Wait",
  dependsOn: deps,
  typeProperties: { waitTimeInSeconds: seconds },
});

const definition = {
  factory: { name: "shop", properties: {} },
  pipelines: [
    {
      name: "greet",
      properties: {
        parameters: { who: { type: "String" }, times: { type: "Int", defaultValue: 1 } },
        variables: { message: { type: "String" } },
        activities: [
          {
            name: "Compose",
            type: "SetVariable",
            typeProperties: {
              variableName: "message",
              value: "@concat('hello ', pipeline().parameters.who)",
            },
          },
        ],
      },
    },
    {
      name: "flaky",
      properties: {
        activities: [
          wait("First", 0),
          {
            name: "Gate",
            type: "IfCondition",
            dependsOn: [{ activity: "First", dependencyConditions: ["Succeeded"] }],
            typeProperties: {
              expression: {
                value: "@equals(pipeline().RunId, pipeline().GroupId)",
                type: "Expression",
              },
              ifTrueActivities: [
                {
                  name: "Boom",
                  type: "Fail",
                  typeProperties: { message: "first time", errorCode: "X" },
                },
              ],
            },
          },
        ],
      },
    },
    { name: "slow", properties: { activities: [wait("Long", 3600)] } },
  ],
  datasets: [],
  linkedServices: [],
  triggers: [],
  others: [],
};

describeEachDialect("pipeline runs through the server", (target) => {
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
  const finished = (runId: string) =>
    waitFor(
      () => call("GET", `/factories/shop/pipelineruns/${runId}`),
      (reply) => ["Succeeded", "Failed", "Cancelled"].includes(String(reply.body.status)),
      30_000,
    );
  const cli = async (
    command: (argv: readonly string[], io: BatchIO) => Promise<number>,
    argv: string[],
  ) => {
    let out = "";
    const io: BatchIO = {
      out: (text) => (out += `${text}\n`),
      err: (text) => (out += `${text}\n`),
      write: (text) => (out += text),
      readFile: (path) => readFile(path, "utf8"),
      env: { SLUICE_URL: e2e.server.url, SLUICE_TOKEN: e2e.server.token },
      cwd: "/nonexistent-cwd",
      isTTY: false,
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50))),
    };
    return { code: await command(argv, io), out };
  };

  beforeAll(async () => {
    await target.open(); // creates and migrates the test database
    e2e = await startE2eServer(target.config);
    const deployed = await call("POST", "/factories/shop/sluice/deploy", definition);
    expect(deployed.status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it("creates a run with parameters and reports it and its activities in ADF's shapes", async () => {
    const created = await call("POST", "/factories/shop/pipelines/greet/createRun", { who: "ada" });
    expect(created.status).toBe(200);
    const runId = String(created.body.runId);
    const run = await finished(runId);
    expect(run.body).toMatchObject({
      runId,
      pipelineName: "greet",
      status: "Succeeded",
      parameters: { who: "ada", times: 1 },
      invokedBy: { invokedByType: "Manual" },
    });
    const activities = await call(
      "POST",
      `/factories/shop/pipelineruns/${runId}/queryActivityruns`,
      {},
    );
    expect(activities.body.value).toMatchObject([
      {
        activityName: "Compose",
        status: "Succeeded",
        output: { name: "message", value: "hello ada" },
      },
    ]);
  });

  it("refuses bad parameters and unknown pipelines, storing nothing", async () => {
    const before = await call("POST", "/factories/shop/queryPipelineRuns", {});
    const missing = await call("POST", "/factories/shop/pipelines/greet/createRun", {});
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain("who");
    const wrongType = await call("POST", "/factories/shop/pipelines/greet/createRun", {
      who: "x",
      times: "many",
    });
    expect(wrongType.status).toBe(400);
    const unknown = await call("POST", "/factories/shop/pipelines/nope/createRun", {});
    expect(unknown.status).toBe(404);
    const after = await call("POST", "/factories/shop/queryPipelineRuns", {});
    expect((after.body.value as unknown[]).length).toBe((before.body.value as unknown[]).length);
  });

  it("cancels a running run", async () => {
    const { body } = await call("POST", "/factories/shop/pipelines/slow/createRun", {});
    const runId = String(body.runId);
    await waitFor(
      () => call("POST", `/factories/shop/pipelineruns/${runId}/queryActivityruns`, {}),
      (reply) => (reply.body.value as unknown[]).length === 1,
      30_000,
    );
    const cancel = await call(
      "POST",
      `/factories/shop/pipelineruns/${runId}/cancel?isRecursive=true`,
    );
    expect(cancel.status).toBe(200);
    expect((await finished(runId)).body.status).toBe("Cancelled");
  });

  it("runs with `sluice run --wait` and reruns from failure with `sluice runs rerun`", async () => {
    const first = await cli(runRun, ["flaky", "--factory", "shop", "--wait"]);
    expect(first.code).toBe(1);
    expect(first.out).toContain("Failed");
    const runs = await call("POST", "/factories/shop/queryPipelineRuns", {
      filters: [{ operand: "PipelineName", operator: "Equals", values: ["flaky"] }],
    });
    const failedId = String((runs.body.value as { runId: string }[])[0]?.runId);
    const rerun = await cli(runRuns, [
      "rerun",
      failedId,
      "--factory",
      "shop",
      "--from-failure",
      "--wait",
    ]);
    expect(rerun.code).toBe(0);
    const all = await call("POST", "/factories/shop/queryPipelineRuns", {
      filters: [{ operand: "PipelineName", operator: "Equals", values: ["flaky"] }],
    });
    const latest = (all.body.value as { runId: string; status: string; runGroupId: string }[]).find(
      (run) => run.runId !== failedId,
    );
    expect(latest?.status).toBe("Succeeded");
    expect(latest?.runGroupId).toBe(failedId);
    const activities = await call(
      "POST",
      `/factories/shop/pipelineruns/${latest?.runId}/queryActivityruns`,
      {},
    );
    // First succeeded before: the rerun reuses it and runs only the failed Gate again.
    expect(
      (activities.body.value as { activityName: string }[]).map((a) => a.activityName),
    ).toEqual(["Gate"]);
  });
});
