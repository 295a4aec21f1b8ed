// ADF's trigger run cancel and rerun of tumbling windows over REST, on both dialects: a
// waiting window is cancelled at once, a running one with its pipeline run, the freed slot
// goes to the next window, a cancelled window reruns; an ended window or a schedule fire is
// refused with a message naming it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../support/databases.js";
import {
  scheduleTrigger,
  slowPipeline,
  startTriggerApi,
  tumblingTrigger,
  whenPipeline,
  type TriggerApi,
} from "./trigger-api-kit.js";

const t0 = Date.parse("2024-01-01T03:30:00Z");

type View = { triggerRunId: string; windowStartTime: string; status: string; runId: string };

describeEachDialect("trigger run cancel", (target) => {
  let api: TriggerApi;
  let factory: string;
  const path = (rest: string) => `/factories/${factory}${rest}`;
  const windows = async () =>
    (await api.call("GET", path("/triggers/Windows/sluice/windows"))).json<{ value: View[] }>()
      .value;
  const cancel = (trigger: string, runId: string) =>
    api.call("POST", path(`/triggers/${trigger}/triggerRuns/${runId}/cancel`));

  beforeAll(async () => {
    api = await startTriggerApi(await target.open(), t0);
    factory = `f-${randomUUID().slice(0, 8)}`;
    const windowsTrigger = tumblingTrigger("Windows", { maxConcurrency: 1 }, "Slow");
    await api.factories.deploy(
      {
        pipelines: [whenPipeline, slowPipeline(600)],
        triggers: [scheduleTrigger("Hourly"), windowsTrigger],
      },
      { factory },
    );
  });
  afterAll(() => api.close());

  it("cancels a waiting window and a running one with its pipeline run; both rerun", async () => {
    expect((await api.call("POST", path("/triggers/Windows/start"))).statusCode).toBe(200);
    await api.tickUntil(async () => (await windows())[0]?.status === "Running");
    const [first, second, third] = await windows();
    expect([first?.status, second?.status, third?.status]).toEqual([
      "Running",
      "Waiting",
      "Waiting",
    ]);

    expect((await cancel("Windows", second!.triggerRunId)).statusCode).toBe(200);
    expect((await windows())[1]?.status).toBe("Cancelled");

    expect((await cancel("Windows", first!.triggerRunId)).statusCode).toBe(200);
    expect((await windows())[0]?.status).toBe("Cancelled");
    const run = async (runId: string) =>
      (await api.call("GET", path(`/pipelineruns/${runId}`))).json<{ status: string }>();
    await api.tickUntil(async () => (await run(first!.runId)).status === "Cancelled");
    // The slot went to the next waiting window (maxConcurrency 1), not to the cancelled one.
    await api.tickUntil(async () => (await windows())[2]?.status === "Running");
    expect((await windows()).map((w) => w.status)).toEqual(["Cancelled", "Cancelled", "Running"]);

    const again = await cancel("Windows", second!.triggerRunId);
    expect(again.statusCode).toBe(400);
    expect(again.json<{ error: { message: string } }>().error.message).toMatch(
      new RegExp(`${second!.triggerRunId}.*Cancelled`),
    );

    // A cancelled window keeps its place and reruns (it waits behind the running one).
    const rerun = await api.call(
      "POST",
      path(`/triggers/Windows/triggerRuns/${second!.triggerRunId}/rerun`),
    );
    expect(rerun.statusCode).toBe(200);
    expect((await windows())[1]?.status).toBe("Waiting");
    expect((await cancel("Windows", third!.triggerRunId)).statusCode).toBe(200);
    await api.tickUntil(async () => (await windows())[1]?.status === "Running");
    expect((await windows())[1]?.runId).not.toBe(second!.runId);
    expect((await api.call("POST", path("/triggers/Windows/stop"))).statusCode).toBe(200);
    expect((await cancel("Windows", second!.triggerRunId)).statusCode).toBe(200);
  }, 90_000);

  it("refuses to cancel a schedule fire, and a run of another trigger", async () => {
    const fired = await api.call("POST", path("/triggers/Hourly/sluice/backfill"), {
      startTime: "2024-01-01T00:00:00Z",
      endTime: "2024-01-01T01:00:00Z",
    });
    expect(fired.json()).toEqual({ fired: 1 });
    const fire = (
      await api.call("POST", path("/queryTriggerRuns"), {
        filters: [{ operand: "TriggerName", operator: "Equals", values: ["Hourly"] }],
      })
    ).json<{ value: { triggerRunId: string }[] }>().value[0]!;
    const refused = await cancel("Hourly", fire.triggerRunId);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(
      /ScheduleTrigger fire.*only a tumbling window/,
    );
    expect((await cancel("Windows", fire.triggerRunId)).statusCode).toBe(404);
    expect((await cancel("Nope", fire.triggerRunId)).statusCode).toBe(404);
  });
});
