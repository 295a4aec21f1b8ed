import type { FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock, seededRandom } from "../../src/core/index.js";
import {
  createBuiltinExecutors,
  createWebhookCallbacks,
  type ActivityExecutor,
  type WebhookCallbacks,
} from "../../src/factory/index.js";
import { createHttpServer, webhookCallbackRoutes } from "../../src/server/index.js";
import {
  invocationOf,
  outputOf,
  sendJson,
  startTestServer,
  waitUntil,
  type ReceivedRequest,
  type TestServer,
} from "./activity-kit.js";

const token = "server-bearer-token";
let sluice: FastifyInstance;
let sluiceUrl: string;
let callbacks: WebhookCallbacks;
let clock: ManualClock;
let webhook: ActivityExecutor;
const services: TestServer[] = [];

beforeEach(async () => {
  callbacks = createWebhookCallbacks();
  sluice = createHttpServer({ token, routes: [webhookCallbackRoutes(callbacks)] });
  await sluice.listen({ port: 0, host: "127.0.0.1" });
  sluiceUrl = `http://127.0.0.1:${(sluice.server.address() as AddressInfo).port}`;
  clock = new ManualClock(Date.parse("2026-01-01T00:00:00Z"));
  const executors = createBuiltinExecutors({
    clock,
    random: seededRandom(7),
    callbacks,
    callbackBaseUrl: () => sluiceUrl,
  });
  webhook = executors.WebHook as ActivityExecutor;
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()));
  await sluice.close();
});

/** A fake external service: accepts the request, then POSTs `callback` to its callBackUri. */
async function externalService(callback: unknown, status = 202): Promise<TestServer> {
  const service = await startTestServer((request, response) => {
    response.writeHead(status);
    response.end();
    if (status >= 300) return;
    const uri = (JSON.parse(request.body) as { callBackUri: string }).callBackUri;
    void fetch(uri, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(callback),
    });
  });
  services.push(service);
  return service;
}

function bodyOf(request: ReceivedRequest | undefined): Record<string, unknown> {
  return JSON.parse(request?.body ?? "{}") as Record<string, unknown>;
}

describe("WebHook", () => {
  it("sends the body with callBackUri and succeeds with the callback's body as output", async () => {
    const service = await externalService({ output: { rows: 42 } });
    const invocation = invocationOf("WebHook", {
      method: "POST",
      url: `${service.url}/jobs`,
      headers: { "Content-Type": "application/json" },
      body: { job: "nightly" },
    });
    const outcome = await webhook.run(invocation);
    expect(outputOf(outcome)).toEqual({ output: { rows: 42 } });
    const sent = bodyOf(service.requests[0]);
    expect(sent.job).toBe("nightly");
    expect(sent.callBackUri).toMatch(
      new RegExp(`^${sluiceUrl}/factories/default/sluice/callbacks/activity-run-1\\?token=.{20,}$`),
    );
    expect(invocation.saved).toEqual([
      { sent: true, token: expect.any(String), sentAt: clock.now() },
    ]);
    expect(callbacks.size).toBe(0);
  });

  it("fails with the reported error when reportStatusOnCallBack and StatusCode >= 400", async () => {
    const service = await externalService({
      Output: { restored: false },
      Error: { ErrorCode: "RestoreError", Message: "Restoring the database failed" },
      StatusCode: "500",
    });
    const outcome = await webhook.run(
      invocationOf("WebHook", {
        method: "POST",
        url: service.url,
        body: {},
        reportStatusOnCallBack: true,
      }),
    );
    expect(outcome.status).toBe("Failed");
    if (outcome.status !== "Failed") return;
    expect(outcome.error.errorCode).toBe("RestoreError");
    expect(outcome.error.message).toBe("Restoring the database failed");
    expect(outcome.output).toMatchObject({ Output: { restored: false } });
  });

  it("fails with 2108 when the service refuses the request, and stops waiting", async () => {
    const service = await externalService({}, 500);
    const outcome = await webhook.run(
      invocationOf("WebHook", { method: "POST", url: service.url, body: {} }),
    );
    expect(outcome.status).toBe("Failed");
    if (outcome.status === "Failed") expect(outcome.error.errorCode).toBe("2108");
    expect(callbacks.size).toBe(0);
  });

  it("resumed after a restart, waits again without sending, and accepts the same callback URI", async () => {
    const service = await externalService({});
    const resumedState = { sent: true, token: "saved-token-0123456789", sentAt: clock.now() };
    const running = webhook.run(
      invocationOf(
        "WebHook",
        { method: "POST", url: service.url, body: {} },
        { resumedState, activityRunId: "run-9" },
      ),
    );
    await waitUntil(() => (callbacks.size === 1 ? true : undefined));
    const uri = `${sluiceUrl}/factories/DEFAULT/sluice/callbacks/run-9`;
    const wrong = await fetch(`${uri}?token=guess`, { method: "POST", body: "{}" });
    expect(wrong.status).toBe(404);
    const right = await fetch(`${uri}?token=saved-token-0123456789`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ done: true }),
    });
    expect(right.status).toBe(200);
    expect(outputOf(await running)).toEqual({ done: true });
    expect(service.requests).toHaveLength(0);
    const again = await fetch(`${uri}?token=saved-token-0123456789`, {
      method: "POST",
      body: "{}",
    });
    expect(again.status).toBe(404);
  });

  it("times out when the callback does not come within timeout", async () => {
    const resumedState = { sent: true, token: "t".repeat(32), sentAt: clock.now() };
    clock.advance(10 * 60_000);
    const outcome = await webhook.run(
      invocationOf(
        "WebHook",
        { method: "POST", url: "http://127.0.0.1:9/", body: {}, timeout: "00:10:00" },
        { resumedState },
      ),
    );
    expect(outcome.status).toBe("Failed");
    if (outcome.status === "Failed") {
      expect(outcome.error.errorCode).toBe("TimedOut");
      expect(outcome.error.message).toContain("00:10:00");
    }
  });

  it("ends when the attempt is cancelled while waiting", async () => {
    const service = await startTestServer((_request, response) => sendJson(response, 200, {}));
    services.push(service);
    const controller = new AbortController();
    const running = webhook.run(
      invocationOf(
        "WebHook",
        { method: "POST", url: service.url, body: {} },
        { signal: controller.signal },
      ),
    );
    await waitUntil(() =>
      service.requests.length === 1 && callbacks.size === 1 ? true : undefined,
    );
    controller.abort();
    const outcome = await running;
    expect(outcome.status).toBe("Failed");
    expect(callbacks.size).toBe(0);
  });

  it("keeps bearer auth on every other route", async () => {
    const other = await fetch(`${sluiceUrl}/factories/default/pipelines`);
    expect(other.status).toBe(401);
    const badJson = await fetch(`${sluiceUrl}/factories/default/sluice/callbacks/x?token=y`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(badJson.status).toBe(400);
  });
});
