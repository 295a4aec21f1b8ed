// The engine with the built-in executors: a WebActivity against a real HTTP server on
// loopback, its output read by the next activity, its Basic password never shown.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  createBuiltinExecutors,
  createWebhookCallbacks,
  type PipelineEngine,
} from "../../src/factory/index.js";
import { systemClock, systemRandom } from "../../src/core/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { a, activityRuns, clearFactories, deploy, runToEnd, startEngine } from "./engine-kit.js";

describeEachDialect("pipeline engine with the built-in executors", (target) => {
  let database: Database;
  let engine: PipelineEngine;
  let http: Server;
  let url = "";
  const seen: string[] = [];
  beforeAll(async () => {
    database = await target.open();
    await clearFactories(database);
    http = createServer((request, response) => {
      seen.push(request.headers.authorization ?? "");
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ count: 3, path: request.url }));
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const executors = createBuiltinExecutors({
      clock: systemClock,
      random: systemRandom,
      callbacks: createWebhookCallbacks(),
      callbackBaseUrl: "http://127.0.0.1:1",
    });
    ({ engine } = startEngine(database, { executors }));
  });
  afterAll(async () => {
    await engine?.stop();
    await new Promise((resolve) => http?.close(resolve));
  });

  it("calls the endpoint, hands its JSON to the next activity, and masks the password", async () => {
    await deploy(database, "f", {
      web: {
        variables: { count: { type: "String" } },
        activities: [
          {
            name: "Call",
            type: "WebActivity",
            typeProperties: {
              method: "GET",
              url: `${url}/items?x=@{pipeline().parameters.x}`,
              authentication: {
                type: "Basic",
                username: "ada",
                password: { type: "SecureString", value: "pa55word" },
              },
            },
          },
          a.set("Count", "count", "@string(activity('Call').output.count)", [
            a.after("Call", "Succeeded"),
          ]),
        ],
        parameters: { x: { type: "String" } },
      },
    });
    const run = await runToEnd(engine, "f", "web", { x: "7" });
    expect(run.status).toBe("Succeeded");
    expect(run.variables).toEqual({ count: "3" });
    expect(seen.at(-1)).toBe(`Basic ${Buffer.from("ada:pa55word").toString("base64")}`);
    const call = (await activityRuns(database, run.runId))[0];
    expect(call?.output).toMatchObject({ count: 3, path: "/items?x=7" });
    expect(JSON.stringify(call?.input)).not.toContain("pa55word");
  });

  it("fails an Until that passes its timeout", { timeout: 30_000 }, async () => {
    await deploy(database, "f", {
      forever: {
        activities: [
          {
            name: "Loop",
            type: "Until",
            typeProperties: {
              expression: { value: "@equals(1, 2)", type: "Expression" },
              timeout: "0.00:02:00",
              activities: [a.wait("Tick", 1)],
            },
          },
        ],
      },
    });
    const run = await runToEnd(engine, "f", "forever");
    expect(run.status).toBe("Failed");
    const loop = (await activityRuns(database, run.runId)).find(
      (row) => row.activityName === "Loop",
    );
    expect(loop?.error?.errorCode).toBe("ActionTimedOut");
    const ticks = (await activityRuns(database, run.runId)).filter(
      (row) => row.activityName === "Tick",
    );
    expect(ticks.length).toBeGreaterThanOrEqual(2);
  });
});
