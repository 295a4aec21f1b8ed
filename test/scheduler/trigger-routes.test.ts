// The trigger REST paths in ADF's shapes over real stores on both dialects: runtimeState on
// GET, start/stop, queryTriggerRuns, a tumbling window's rerun, and Sluice's nextFires,
// backfill and windows, with ADF's CloudError replies naming the field of a bad request.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../support/databases.js";
import {
  scheduleTrigger,
  startTriggerApi,
  tumblingTrigger,
  whenPipeline,
  type TriggerApi,
} from "./trigger-api-kit.js";

const t0 = Date.parse("2024-01-01T03:30:00Z");

describeEachDialect("trigger routes", (target) => {
  let api: TriggerApi;
  let factory: string;
  const path = (rest: string) => `/factories/${factory}${rest}`;

  beforeAll(async () => {
    api = await startTriggerApi(await target.open(), t0);
    factory = `f-${randomUUID().slice(0, 8)}`;
    await api.factories.deploy(
      {
        pipelines: [whenPipeline],
        triggers: [scheduleTrigger("Hourly"), tumblingTrigger("Windows")],
      },
      { factory },
    );
  });
  afterAll(() => api.close());

  it("shows runtimeState Stopped until started, Started after, Stopped after stop", async () => {
    const get = async () =>
      (await api.call("GET", path("/triggers/Hourly"))).json<{
        properties: { runtimeState: string; type: string };
      }>().properties;
    expect(await get()).toMatchObject({ runtimeState: "Stopped", type: "ScheduleTrigger" });
    expect((await api.call("POST", path("/triggers/Hourly/start"))).statusCode).toBe(200);
    expect((await get()).runtimeState).toBe("Started");
    const list = (await api.call("GET", path("/triggers"))).json<{
      value: { name: string; properties: { runtimeState: string } }[];
    }>();
    expect(Object.fromEntries(list.value.map((t) => [t.name, t.properties.runtimeState]))).toEqual({
      Hourly: "Started",
      Windows: "Stopped",
    });
    expect((await api.call("POST", path("/triggers/Hourly/stop"))).statusCode).toBe(200);
    expect((await get()).runtimeState).toBe("Stopped");
    // Pipelines are not decorated.
    const pipeline = (await api.call("GET", path("/pipelines/P"))).json<{
      properties: Record<string, unknown>;
    }>();
    expect(pipeline.properties.runtimeState).toBeUndefined();
  });

  it("answers an unknown trigger or factory with ADF's 404", async () => {
    const missing = await api.call("POST", path("/triggers/Nope/start"));
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: "ResourceNotFound" } });
    expect(missing.json<{ error: { message: string } }>().error.message).toMatch(/Nope/);
    const noFactory = await api.call("POST", "/factories/no-such-factory/queryTriggerRuns", {});
    expect(noFactory.statusCode).toBe(404);
    const noPath = await api.call("GET", path("/triggers/Hourly/sluice/nothing"));
    expect(noPath.statusCode).toBe(404);
  });

  it("lists next fire times; refuses a bad count naming it", async () => {
    const next = await api.call("GET", path("/triggers/Hourly/sluice/nextFires?count=3"));
    expect(next.json()).toEqual({
      value: ["2024-01-01T04:00:00.000Z", "2024-01-01T05:00:00.000Z", "2024-01-01T06:00:00.000Z"],
    });
    const windows = await api.call("GET", path("/triggers/Windows/sluice/nextFires?count=1"));
    expect(windows.json()).toEqual({ value: ["2024-01-01T04:00:00.000Z"] });
    const bad = await api.call("GET", path("/triggers/Hourly/sluice/nextFires?count=0"));
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/count is "0"/);
  });

  it("backfills a schedule trigger once per fire time and queries its trigger runs", async () => {
    const range = { startTime: "2024-01-01T00:00:00Z", endTime: "2024-01-01T03:00:00Z" };
    const fired = await api.call("POST", path("/triggers/Hourly/sluice/backfill"), range);
    expect(fired.json()).toEqual({ fired: 3 });
    const again = await api.call("POST", path("/triggers/Hourly/sluice/backfill"), range);
    expect(again.json()).toEqual({ fired: 0 });
    const query = async (body: unknown) =>
      (await api.call("POST", path("/queryTriggerRuns"), body)).json<{
        value: {
          triggerName: string;
          status: string;
          properties: { scheduledTime: string };
          triggeredPipelines: Record<string, string>;
        }[];
      }>().value;
    const runs = await query({
      lastUpdatedAfter: "2023-12-31T00:00:00Z",
      lastUpdatedBefore: "2024-01-02T00:00:00Z",
      filters: [{ operand: "TriggerName", operator: "Equals", values: ["Hourly"] }],
      orderBy: [{ orderBy: "TriggerRunTimestamp", order: "ASC" }],
    });
    expect(runs.map((r) => r.properties.scheduledTime)).toEqual([
      "2024-01-01T00:00:00.000Z",
      "2024-01-01T01:00:00.000Z",
      "2024-01-01T02:00:00.000Z",
    ]);
    expect(runs.every((r) => r.status === "Succeeded" && r.triggeredPipelines.P)).toBe(true);
    expect(
      await query({ filters: [{ operand: "Status", operator: "NotIn", values: ["Succeeded"] }] }),
    ).toEqual([]);
    expect(
      await query({
        filters: [{ operand: "TriggerName", operator: "NotEquals", values: ["hourly"] }],
      }),
    ).toEqual([]);
    expect(await query({ lastUpdatedAfter: "2025-01-01T00:00:00Z" })).toEqual([]);
    const cases: [unknown, RegExp][] = [
      [
        { filters: [{ operand: "Pipeline", operator: "In", values: ["x"] }] },
        /filters\[0\]\.operand/,
      ],
      [
        { filters: [{ operand: "Status", operator: "In", values: ["Done"] }] },
        /filters\[0\]\.values\[0\]/,
      ],
      [
        { filters: [{ operand: "TriggerRunTimestamp", operator: "In", values: ["x"] }] },
        /lastUpdatedAfter/,
      ],
      [{ orderBy: [{ orderBy: "TriggerRunTimestamp", order: "up" }] }, /orderBy\[0\]\.order/],
      [{ lastUpdatedAfter: "yesterday" }, /lastUpdatedAfter/],
    ];
    for (const [body, message] of cases) {
      const refused = await api.call("POST", path("/queryTriggerRuns"), body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json<{ error: { message: string } }>().error.message).toMatch(message);
    }
    const badRange = await api.call("POST", path("/triggers/Hourly/sluice/backfill"), {
      startTime: "2024-01-01T03:00:00Z",
    });
    expect(badRange.statusCode).toBe(400);
    expect(badRange.json<{ error: { message: string } }>().error.message).toMatch(/endTime/);
    const onWindows = await api.call("POST", path("/triggers/Windows/sluice/backfill"), range);
    expect(onWindows.statusCode).toBe(400);
  });

  it("lists tumbling windows and reruns an ended one with a new pipeline run", async () => {
    expect((await api.call("POST", path("/triggers/Windows/start"))).statusCode).toBe(200);
    type View = { triggerRunId: string; windowStartTime: string; status: string; runId: string };
    const windows = async () =>
      (await api.call("GET", path("/triggers/Windows/sluice/windows"))).json<{ value: View[] }>()
        .value;
    await api.tickUntil(
      async () => (await windows()).filter((w) => w.status === "Succeeded").length === 3,
    );
    const before = await windows();
    expect(before.map((w) => w.windowStartTime)).toEqual([
      "2024-01-01T00:00:00.000Z",
      "2024-01-01T01:00:00.000Z",
      "2024-01-01T02:00:00.000Z",
    ]);
    const first = before[0]!;
    const rerun = await api.call(
      "POST",
      path(`/triggers/Windows/triggerRuns/${first.triggerRunId}/rerun`),
    );
    expect(rerun.statusCode).toBe(200);
    expect((await windows())[0]?.status).toBe("Waiting");
    await api.tickUntil(async () => (await windows())[0]?.status === "Succeeded");
    const after = (await windows())[0]!;
    expect(after.runId).not.toBe(first.runId);
    const run = (await api.call("GET", path(`/pipelineruns/${after.runId}`))).json<{
      parameters: { when: string };
    }>();
    expect(run.parameters.when).toBe("2024-01-01T00:00:00.000Z");
    const hourlyRun = (
      await api.call("POST", path("/queryTriggerRuns"), {
        filters: [{ operand: "TriggerName", operator: "In", values: ["Hourly"] }],
      })
    ).json<{ value: { triggerRunId: string }[] }>().value[0]!;
    const notWindow = await api.call(
      "POST",
      path(`/triggers/Hourly/triggerRuns/${hourlyRun.triggerRunId}/rerun`),
    );
    expect(notWindow.statusCode).toBe(400);
    expect(notWindow.json<{ error: { message: string } }>().error.message).toMatch(
      /tumbling window/,
    );
    const elsewhere = await api.call(
      "POST",
      path(`/triggers/Windows/triggerRuns/${hourlyRun.triggerRunId}/rerun`),
    );
    expect(elsewhere.statusCode).toBe(404);
    expect((await api.call("POST", path("/triggers/Windows/stop"))).statusCode).toBe(200);
  }, 60_000);
});
