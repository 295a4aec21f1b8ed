// The server's missed-fire policy (`sluice server|up --missed-fires`), on both dialects: a
// real server is stopped while an hourly schedule falls due, and started again later. By
// default (skip, as ADF) only the fire due now runs; with catchUp every missed one runs once,
// oldest first. A bad flag value is refused naming the flag, before anything starts.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../src/app/index.js";
import { runServer } from "../../src/cli/server-command.js";
import { runUp } from "../../src/cli/up-command.js";
import { ManualClock } from "../../src/core/index.js";
import type { MissedFirePolicy } from "../../src/scheduler/index.js";
import { describeEachDialect } from "../support/databases.js";
import { waitFor } from "../e2e/e2e-kit.js";
import { scheduleTrigger, whenPipeline } from "./trigger-api-kit.js";

describeEachDialect("missed schedule fires", (target) => {
  let dataDir: string;
  const factory = `f-${randomUUID().slice(0, 8)}`;
  const clock = new ManualClock(Date.parse("2024-01-01T00:30:00Z"));

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "sluice-missed-fires-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  async function server(missedFires?: MissedFirePolicy): Promise<RunningServer> {
    const config = target.config;
    return startServer({
      dataDir,
      port: 0,
      clock,
      localPools: false,
      ...(config.kind === "postgres" ? { db: config.url } : {}),
      ...(missedFires === undefined ? {} : { missedFires }),
    });
  }

  async function call(running: RunningServer, method: string, path: string, body?: unknown) {
    const reply = await fetch(`${running.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${running.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!reply.ok) throw new Error(`${method} ${path}: ${reply.status} ${await reply.text()}`);
    const text = await reply.text();
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  }

  async function fireTimes(running: RunningServer): Promise<string[]> {
    const page = (await call(running, "POST", `/factories/${factory}/queryTriggerRuns`, {
      orderBy: [{ orderBy: "TriggerRunTimestamp", order: "ASC" }],
    })) as { value: { properties: { scheduledTime: string } }[] };
    return page.value.map((run) => run.properties.scheduledTime).sort();
  }

  it("skips fires missed while down by default; catchUp runs each once", async () => {
    let running = await server();
    try {
      await call(running, "POST", `/factories/${factory}/sluice/deploy`, {
        pipelines: [whenPipeline],
        triggers: [scheduleTrigger("Hourly")],
      });
      await call(running, "POST", `/factories/${factory}/triggers/Hourly/start`);
    } finally {
      await running.close();
    }
    // Down from 00:30 to 05:00:10: 01:00 to 04:00 are missed; 05:00 is due now.
    clock.set(Date.parse("2024-01-01T05:00:10Z"));
    running = await server();
    try {
      await waitFor(
        async () => ((await fireTimes(running)).length >= 1 ? true : undefined),
        60_000,
        async () => `fires: ${(await fireTimes(running)).join(", ")}`,
      );
      expect(await fireTimes(running)).toEqual(["2024-01-01T05:00:00.000Z"]);
    } finally {
      await running.close();
    }
    // Down again from 05:00:10 to 09:00:10, now with catch-up: 06:00 to 09:00 all run.
    clock.set(Date.parse("2024-01-01T09:00:10Z"));
    running = await server("catchUp");
    try {
      await waitFor(
        async () => ((await fireTimes(running)).length >= 5 ? true : undefined),
        60_000,
        async () => `fires: ${(await fireTimes(running)).join(", ")}`,
      );
      expect(await fireTimes(running)).toEqual([
        "2024-01-01T05:00:00.000Z",
        "2024-01-01T06:00:00.000Z",
        "2024-01-01T07:00:00.000Z",
        "2024-01-01T08:00:00.000Z",
        "2024-01-01T09:00:00.000Z",
      ]);
    } finally {
      await running.close();
    }
  }, 180_000);
});

it("sluice server and sluice up refuse a bad --missed-fires, naming it", async () => {
  const io = { out: () => undefined, err: () => undefined, readFile: () => Promise.resolve("") };
  const never = new Promise<void>(() => undefined);
  for (const run of [runServer, runUp]) {
    await expect(
      run(["--missed-fires", "sometimes", "--port", "0"], io, never),
    ).rejects.toMatchObject({
      code: "InvalidArgument",
      message: expect.stringMatching(/--missed-fires must be 'skip'.* or 'catch-up'.*'sometimes'/),
    });
  }
});
