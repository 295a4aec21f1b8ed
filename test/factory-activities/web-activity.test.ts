import { afterEach, describe, expect, it } from "vitest";
import { isSluiceError } from "../../src/core/index.js";
import { createWebActivityExecutor } from "../../src/factory/activities/web-activity.js";
import {
  invocationOf,
  outputOf,
  resourcesOf,
  sendJson,
  startTestServer,
  waitUntil,
  type TestServer,
} from "./activity-kit.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  const server = await startTestServer(...args);
  servers.push(server);
  return server;
}

const web = createWebActivityExecutor({ asyncPollIntervalMs: 0 });

describe("WebActivity", () => {
  it("GETs a JSON object and puts its fields, headers and status in the output", async () => {
    const server = await serve((_request, response) => {
      response.setHeader("x-request-id", "abc");
      sendJson(response, 200, { name: "sluice", count: 3 });
    });
    const outcome = await web.run(
      invocationOf("WebActivity", { method: "get", url: `${server.url}/items` }),
    );
    const output = outputOf(outcome);
    expect(output.name).toBe("sluice");
    expect(output.count).toBe(3);
    expect(output.ADFHttpStatusCodeInResponse).toBe("200");
    const headers = output.ADFWebActivityResponseHeaders as Record<string, string>;
    expect(headers["X-Request-Id"]).toBe("abc");
    expect(headers["Content-Type"]).toBe("application/json");
    expect(server.requests[0]?.method).toBe("GET");
  });

  it("POSTs an object body as JSON with the given headers and Basic authentication", async () => {
    const server = await serve((_request, response) => sendJson(response, 201, { ok: true }));
    const outcome = await web.run(
      invocationOf("WebActivity", {
        method: "POST",
        url: `${server.url}/run`,
        headers: { "X-Custom": "yes" },
        body: { table: "sales", rows: [1, 2] },
        authentication: {
          type: "Basic",
          username: "ada",
          password: { type: "SecureString", value: "s3cret" },
        },
      }),
    );
    expect(outputOf(outcome).ok).toBe(true);
    const request = server.requests[0];
    expect(JSON.parse(request?.body ?? "")).toEqual({ table: "sales", rows: [1, 2] });
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["x-custom"]).toBe("yes");
    const expected = `Basic ${Buffer.from("ada:s3cret").toString("base64")}`;
    expect(request?.headers.authorization).toBe(expected);
  });

  it("sends a string body unchanged and shows a non-JSON reply as Response", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "Content-Type": "text/plain" });
      response.end("plain words");
    });
    const outcome = await web.run(
      invocationOf("WebActivity", {
        method: "PUT",
        url: server.url,
        headers: { "Content-Type": "text/plain" },
        body: "raw text",
      }),
    );
    expect(outputOf(outcome).Response).toBe("plain words");
    expect(server.requests[0]?.body).toBe("raw text");
  });

  it("fails a non-2xx status with errorCode 2108, the status and the body, and keeps the output", async () => {
    const server = await serve((_request, response) =>
      sendJson(response, 404, { error: "no such thing" }),
    );
    const outcome = await web.run(
      invocationOf("WebActivity", { method: "DELETE", url: `${server.url}/x?code=key123` }),
    );
    expect(outcome.status).toBe("Failed");
    if (outcome.status !== "Failed") return;
    expect(outcome.error.errorCode).toBe("2108");
    expect(outcome.error.message).toContain("404");
    expect(outcome.error.message).toContain("no such thing");
    expect(outcome.error.message).not.toContain("key123");
    expect((outcome.output as Record<string, unknown>).ADFHttpStatusCodeInResponse).toBe("404");
  });

  it("fails with 2108 when nothing listens", async () => {
    const server = await serve((_request, response) => {
      response.end();
    });
    const url = server.url;
    await server.close();
    servers.length = 0;
    const outcome = await web.run(invocationOf("WebActivity", { method: "GET", url }));
    expect(outcome.status).toBe("Failed");
    if (outcome.status === "Failed") {
      expect(outcome.error.errorCode).toBe("2108");
      expect(outcome.error.message).toContain("NA - Unknown");
    }
  });

  it("times out after httpRequestTimeout", async () => {
    const server = await serve(() => undefined);
    const outcome = await web.run(
      invocationOf("WebActivity", {
        method: "GET",
        url: server.url,
        httpRequestTimeout: "00:00:01",
      }),
    );
    expect(outcome.status).toBe("Failed");
    if (outcome.status === "Failed")
      expect(outcome.error.message).toContain("timed out after 00:00:01");
  });

  it("stops the request when the attempt's signal aborts", async () => {
    const server = await serve(() => undefined);
    const controller = new AbortController();
    const running = web.run(
      invocationOf(
        "WebActivity",
        { method: "GET", url: server.url },
        { signal: controller.signal },
      ),
    );
    await waitUntil(() => (server.requests.length > 0 ? true : undefined));
    controller.abort();
    const outcome = await running;
    expect(outcome.status).toBe("Failed");
    if (outcome.status === "Failed") expect(outcome.error.errorCode).toBe("OperationCanceled");
  });

  it("follows a 202's Location until the answer is final, unless turnOffAsync", async () => {
    let polls = 0;
    const server = await serve((request, response) => {
      if (request.url === "/start") {
        response.writeHead(202, { Location: "/status", "Retry-After": "0" });
        response.end();
        return;
      }
      polls += 1;
      if (polls < 2) {
        response.writeHead(202, { Location: "/status" });
        response.end();
        return;
      }
      sendJson(response, 200, { state: "done" });
    });
    const followed = await web.run(
      invocationOf("WebActivity", { method: "POST", url: `${server.url}/start`, body: {} }),
    );
    expect(outputOf(followed).state).toBe("done");
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /start",
      "GET /status",
      "GET /status",
    ]);
    const notFollowed = await web.run(
      invocationOf("WebActivity", {
        method: "POST",
        url: `${server.url}/start`,
        body: {},
        turnOffAsync: true,
      }),
    );
    const output = outputOf(notFollowed);
    expect(output.ADFHttpStatusCodeInResponse).toBe("202");
    expect((output.ADFWebActivityResponseHeaders as Record<string, string>).Location).toBe(
      "/status",
    );
  });

  it("adds the listed datasets and linked services to the body, resolved", async () => {
    const server = await serve((_request, response) => sendJson(response, 200, {}));
    const resources = resourcesOf({
      linkedServices: [
        { name: "Sql", properties: { type: "AzureSqlDatabase", typeProperties: { server: "s" } } },
      ],
      datasets: [
        {
          name: "Table",
          properties: {
            type: "AzureSqlTable",
            linkedServiceName: { referenceName: "Sql", type: "LinkedServiceReference" },
            parameters: { name: { type: "String" } },
            typeProperties: { tableName: "@dataset().name" },
          },
        },
      ],
    });
    await web.run(
      invocationOf(
        "WebActivity",
        {
          method: "POST",
          url: server.url,
          body: { message: "hi" },
          datasets: [
            { referenceName: "Table", type: "DatasetReference", parameters: { name: "sales" } },
          ],
          linkedServices: [{ referenceName: "Sql", type: "LinkedServiceReference" }],
        },
        { resources },
      ),
    );
    const body = JSON.parse(server.requests[0]?.body ?? "{}") as unknown;
    expect(body).toMatchObject({
      message: "hi",
      datasets: [{ name: "Table", properties: { typeProperties: { tableName: "sales" } } }],
      linkedServices: [{ name: "Sql" }],
    });
  });

  it("refuses authentication types Sluice does not support, and a POST without body", async () => {
    const refused = async (props: Record<string, unknown>): Promise<unknown> =>
      web.run(invocationOf("WebActivity", props)).then(
        () => undefined,
        (error: unknown) => error,
      );
    const msi = await refused({
      method: "GET",
      url: "http://127.0.0.1:9/",
      authentication: { type: "MSI", resource: "x" },
    });
    expect(isSluiceError(msi, "InvalidArgument") && msi.message).toContain(
      "'MSI' is not supported",
    );
    const noBody = await refused({ method: "POST", url: "http://127.0.0.1:9/" });
    expect(isSluiceError(noBody, "InvalidArgument") && noBody.message).toContain(
      "body is required",
    );
    const badMethod = await refused({ method: "HEAD", url: "http://127.0.0.1:9/" });
    expect(isSluiceError(badMethod, "InvalidArgument") && badMethod.message).toContain(
      "GET, POST, PUT, DELETE, PATCH",
    );
  });
});
