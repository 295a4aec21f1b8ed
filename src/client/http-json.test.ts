import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { sendJson } from "./http-json.js";

/** A loopback server; `hang` leaves requests unanswered. */
async function serve(hang = false): Promise<{ server: Server; url: URL }> {
  const server = createServer((request: IncomingMessage, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      if (hang) return;
      response.writeHead(201, { "content-type": "application/json" });
      response.end(
        JSON.stringify({ method: request.method, got: body, auth: request.headers.authorization }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: new URL(`http://127.0.0.1:${port}/x`) };
}

describe("sendJson", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("sends the body and headers and reads the whole answer, on a kept connection", async () => {
    const { server, url } = await serve();
    servers.push(server);
    for (let call = 0; call < 3; call++) {
      const answer = await sendJson(
        "POST",
        url,
        { authorization: "Bearer t" },
        '{"a":1}',
        undefined,
      );
      expect(answer.status).toBe(201);
      expect(JSON.parse(answer.text)).toEqual({ method: "POST", got: '{"a":1}', auth: "Bearer t" });
    }
  });

  it("rejects with the signal's reason when aborted while waiting", async () => {
    const { server, url } = await serve(true);
    servers.push(server);
    const reason = new Error("timed out");
    const controller = new AbortController();
    const call = sendJson("GET", url, {}, undefined, controller.signal);
    setTimeout(() => controller.abort(reason), 50);
    await expect(call).rejects.toBe(reason);
    await expect(sendJson("GET", url, {}, undefined, controller.signal)).rejects.toBe(reason);
  });

  it("rejects when nothing listens", async () => {
    const { server, url } = await serve();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await expect(sendJson("GET", url, {}, undefined, undefined)).rejects.toThrow(/ECONNREFUSED/);
  });
});
