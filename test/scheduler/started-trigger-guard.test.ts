// As ADF, a started trigger cannot be changed: a PUT or deploy that would change one is
// refused with a message naming it and what to do, and stores nothing; the same definition
// written again passes (a restarted `sluice up` redeploys its factory), and once stopped the
// change goes through. On both dialects, over REST.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../support/databases.js";
import {
  scheduleTrigger,
  startTriggerApi,
  whenPipeline,
  type TriggerApi,
} from "./trigger-api-kit.js";

const t0 = Date.parse("2024-01-01T03:30:00Z");

type Stored = {
  etag: string;
  properties: { typeProperties: { recurrence: { interval: number } } };
};

describeEachDialect("changing a started trigger", (target) => {
  let api: TriggerApi;
  let factory: string;
  const path = (rest: string) => `/factories/${factory}${rest}`;
  const stored = async () => (await api.call("GET", path("/triggers/Hourly"))).json<Stored>();
  const message = (reply: { json<T>(): T }) =>
    reply.json<{ error: { message: string } }>().error.message;

  beforeAll(async () => {
    api = await startTriggerApi(await target.open(), t0);
    factory = `f-${randomUUID().slice(0, 8)}`;
    await api.factories.deploy(
      {
        pipelines: [whenPipeline],
        triggers: [scheduleTrigger("Hourly"), scheduleTrigger("Other")],
      },
      { factory },
    );
    expect((await api.call("POST", path("/triggers/Hourly/start"))).statusCode).toBe(200);
  });
  afterAll(() => api.close());

  it("refuses a PUT that changes it, naming it; the same definition again passes", async () => {
    const before = await stored();
    const changed = await api.call("PUT", path("/triggers/Hourly"), scheduleTrigger("Hourly", 30));
    expect(changed.statusCode).toBe(400);
    expect(message(changed)).toMatch(/Trigger "Hourly" of factory .* is started/);
    expect(message(changed)).toMatch(/sluice trigger stop Hourly/);
    expect(message(changed)).toMatch(/nothing was stored/);
    const after = await stored();
    expect(after.etag).toBe(before.etag);
    expect(after.properties.typeProperties.recurrence.interval).toBe(60);
    // What GET returns (with the read-only runtimeState) is the same definition.
    const same = await api.call("PUT", path("/triggers/Hourly"), { properties: after.properties });
    expect(same.statusCode).toBe(200);
    // A stopped trigger changes freely.
    const other = await api.call("PUT", path("/triggers/Other"), scheduleTrigger("Other", 15));
    expect(other.statusCode).toBe(200);
  });

  it("refuses a deploy that changes it, storing nothing of the deploy", async () => {
    const before = await stored();
    const changedPipeline = {
      ...whenPipeline,
      properties: { ...whenPipeline.properties, description: "new" },
    };
    const deploy = (triggers: unknown[]) =>
      api.call("POST", path("/sluice/deploy"), { pipelines: [changedPipeline], triggers });
    const refused = await deploy([scheduleTrigger("Hourly", 5), scheduleTrigger("Other", 15)]);
    expect(refused.statusCode).toBe(400);
    expect(message(refused)).toMatch(/"Hourly"/);
    expect((await stored()).etag).toBe(before.etag);
    const pipeline = (await api.call("GET", path("/pipelines/P"))).json<{
      properties: { description?: string };
    }>();
    expect(pipeline.properties.description).toBeUndefined();
    // Redeploying with the started trigger unchanged (as a restarted `sluice up` does) works.
    const same = await deploy([scheduleTrigger("Hourly"), scheduleTrigger("Other", 15)]);
    expect(same.statusCode).toBe(200);
    expect(
      (await api.call("GET", path("/triggers/Hourly"))).json<{
        properties: { runtimeState: string };
      }>().properties.runtimeState,
    ).toBe("Started");
    // Stop, change, start: what the error says to do.
    expect((await api.call("POST", path("/triggers/Hourly/stop"))).statusCode).toBe(200);
    expect((await deploy([scheduleTrigger("Hourly", 5)])).statusCode).toBe(200);
    expect((await stored()).properties.typeProperties.recurrence.interval).toBe(5);
    expect((await api.call("POST", path("/triggers/Hourly/start"))).statusCode).toBe(200);
  });
});
