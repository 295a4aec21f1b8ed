// The triggers issue's fault test: `sluice server` is killed with SIGKILL while a tumbling
// window trigger backfills 60 one-minute windows; started again, every window ends with
// exactly one successful pipeline run and none is skipped.
import type { ChildProcess } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeEachDialect } from "../support/databases.js";
import { waitFor } from "./e2e-kit.js";
import { freePort, startServerProcess } from "./server-process.js";

const windowCount = 60;

function definition(startTime: string, endTime: string) {
  return {
    factory: { name: "ops", properties: {} },
    pipelines: [
      {
        name: "load",
        properties: {
          parameters: { when: { type: "String" } },
          activities: [{ name: "Work", type: "Wait", typeProperties: { waitTimeInSeconds: 2 } }],
        },
      },
    ],
    triggers: [
      {
        name: "minutes",
        properties: {
          type: "TumblingWindowTrigger",
          typeProperties: {
            frequency: "Minute",
            interval: 1,
            startTime,
            endTime,
            maxConcurrency: 5,
          },
          pipeline: {
            pipelineReference: { type: "PipelineReference", referenceName: "load" },
            parameters: { when: "@trigger().outputs.windowStartTime" },
          },
        },
      },
    ],
    datasets: [],
    linkedServices: [],
    others: [],
  };
}

interface Window {
  readonly windowStartTime: string;
  readonly status: string;
}

describeEachDialect(
  "the server killed with SIGKILL during a tumbling window backfill",
  (target) => {
    let server: ChildProcess | undefined;
    afterAll(() => {
      if (server?.exitCode === null) server.kill("SIGTERM");
    });

    it(
      "ends every window with exactly one successful run after a restart, none skipped",
      { timeout: 240_000 },
      async () => {
        await target.open();
        const dataDir = await mkdtemp(join(tmpdir(), "sluice-e2e-trigger-kill-"));
        const port = await freePort();
        const url = `http://127.0.0.1:${port}`;
        server = await startServerProcess(dataDir, port, target.config);
        const token = (await readFile(join(dataDir, "token"), "utf8")).trim();
        const call = async (method: string, path: string, body?: unknown) => {
          const response = await fetch(`${url}${path}`, {
            method,
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          const text = await response.text();
          return {
            status: response.status,
            body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
          };
        };
        const windows = async () =>
          (await call("GET", "/factories/ops/triggers/minutes/sluice/windows")).body
            .value as Window[];
        const succeeded = async () =>
          (await windows()).filter((w) => w.status === "Succeeded").length;

        // 60 whole minutes that all ended before now: the trigger backfills them at once.
        const end = Math.floor(Date.now() / 60_000) * 60_000;
        const start = end - windowCount * 60_000;
        const deployed = await call(
          "POST",
          "/factories/ops/sluice/deploy",
          definition(new Date(start).toISOString(), new Date(end).toISOString()),
        );
        expect(deployed.status).toBe(200);
        expect((await call("POST", "/factories/ops/triggers/minutes/start")).status).toBe(200);

        await waitFor(
          async () => ((await succeeded()) >= 10 ? true : undefined),
          90_000,
          async () => JSON.stringify(await windows()),
        );
        const exited = new Promise((resolve) => server!.once("exit", resolve));
        server.kill("SIGKILL");
        await exited;
        server = await startServerProcess(dataDir, port, target.config);
        const atRestart = await windows();
        // Killed mid-backfill: windows were left running or not yet started.
        expect(atRestart.filter((w) => w.status === "Succeeded").length).toBeLessThan(windowCount);

        await waitFor(
          async () => ((await succeeded()) === windowCount ? true : undefined),
          180_000,
          async () => JSON.stringify((await windows()).filter((w) => w.status !== "Succeeded")),
        );
        const final = await windows();
        expect(final.map((w) => w.windowStartTime)).toEqual(
          Array.from({ length: windowCount }, (_, i) => new Date(start + i * 60_000).toISOString()),
        );
        const runs = (
          await call("POST", "/factories/ops/queryPipelineRuns", {
            filters: [{ operand: "TriggerName", operator: "Equals", values: ["minutes"] }],
          })
        ).body as {
          value: { status: string; parameters: { when: string } }[];
          continuationToken?: string;
        };
        expect(runs.continuationToken).toBeUndefined();
        const successes = new Map<string, number>();
        for (const run of runs.value)
          if (run.status === "Succeeded")
            successes.set(run.parameters.when, (successes.get(run.parameters.when) ?? 0) + 1);
        expect(successes.size).toBe(windowCount);
        expect([...successes.values()].every((n) => n === 1)).toBe(true);
        // No window started a second pipeline run at all (a crash must not double a window).
        expect(runs.value).toHaveLength(windowCount);
      },
    );
  },
);
