import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRestStorage } from "../../src/storage/index.js";
import { sendJson, startTestServer, type TestServer } from "../factory-activities/activity-kit.js";
import { errorCode, readAll } from "./storage-test-kit.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((request, response) => {
    const url = new URL(request.url, "http://x");
    if (url.pathname === "/linked") {
      const page = Number(url.searchParams.get("page") ?? "1");
      const link = page < 3 ? `<${server.url}/linked?page=${page + 1}>; rel="next"` : undefined;
      response.writeHead(200, {
        "Content-Type": "application/json",
        ...(link ? { Link: link } : {}),
      });
      response.end(JSON.stringify([{ page }]));
      return;
    }
    if (url.pathname === "/text") {
      response.writeHead(200, { "Content-Type": "text/plain" }).end("plain words");
      return;
    }
    if (url.pathname === "/post") {
      sendJson(response, 200, {
        method: request.method,
        body: request.body,
        auth: request.headers.authorization,
      });
      return;
    }
    if (url.pathname === "/secret") {
      response.writeHead(401).end();
      return;
    }
    response.writeHead(404).end();
  });
});
afterAll(() => server.close());

describe("REST source storage", () => {
  it("follows RFC 5988 Link headers by default and joins array pages as JSON lines", async () => {
    const storage = openRestStorage({
      url: `${server.url}/linked?page=1`,
      fileName: "linked.json",
    });
    const text = (await readAll(await storage.read("linked.json"))).toString();
    expect(text).toBe('{"page":1}\n{"page":2}\n{"page":3}\n');
    expect((await storage.stat("linked.json"))?.size).toBe(text.length);
    expect(
      (await readAll(await storage.read("linked.json", { start: 1, end: 6 }))).toString(),
    ).toBe('"page"');
    expect(await storage.stat("other.json")).toBeUndefined();
  });

  it("keeps a single non-JSON page as it is, and sends method, body and headers", async () => {
    const text = openRestStorage({ url: `${server.url}/text`, fileName: "text" });
    expect((await readAll(await text.read("text"))).toString()).toBe("plain words");
    const post = openRestStorage({
      url: `${server.url}/post`,
      fileName: "post.json",
      method: "POST",
      body: '{"q":1}',
      headers: { Authorization: "Bearer t0ken" },
    });
    expect(JSON.parse((await readAll(await post.read("post.json"))).toString())).toEqual({
      method: "POST",
      body: '{"q":1}',
      auth: "Bearer t0ken",
    });
  });

  it("maps failures to storage errors and refuses writes", async () => {
    const denied = openRestStorage({ url: `${server.url}/secret?key=hidden`, fileName: "s.json" });
    const error = await denied.stat("s.json").catch((caught: unknown) => caught as Error);
    expect((error as { code?: string }).code).toBe("StorageAccessDenied");
    expect((error as Error).message).not.toContain("hidden");
    const missing = openRestStorage({ url: `${server.url}/nothing`, fileName: "n.json" });
    expect(await errorCode(() => missing.stat("n.json"))).toBe("StorageNotFound");
    const down = openRestStorage({ url: "http://127.0.0.1:1/x", fileName: "x.json" });
    expect(await errorCode(() => down.stat("x.json"))).toBe("StorageUnavailable");
    expect(await errorCode(() => down.write("x.json", "x"))).toBe("StorageNotSupported");
  });
});
