import { createServer, type Server } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AgentClient } from "../../client/index.js";
import { readServerUrl, serverAddressFollowing, writeServerUrl } from "./server-url-file.js";

/** A loopback HTTP server answering its name and the path it was asked for. */
async function named(name: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => response.end(`${name} ${request.url}`));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, server };
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

describe("the server URL file", () => {
  let dir: string;
  const servers: Server[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "sluice-url-"));
  });

  afterEach(async () => {
    for (const server of servers.splice(0)) if (server.listening) await close(server);
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps a URL; nothing or no URL reads as undefined", async () => {
    const file = join(dir, "server-url");
    expect(await readServerUrl(file)).toBeUndefined();
    await writeServerUrl(file, "http://127.0.0.1:7070/");
    expect(await readServerUrl(file)).toBe("http://127.0.0.1:7070");
    await writeServerUrl(file, "not a url");
    expect(await readServerUrl(file)).toBeUndefined();
  });

  it("follows the server to the URL in the file once a call cannot reach it", async () => {
    const first = await named("first");
    const second = await named("second");
    servers.push(first.server, second.server);
    const file = join(dir, "server-url");
    await writeServerUrl(file, first.url);
    const address = serverAddressFollowing(`${first.url}/`, file);
    expect(address.current()).toBe(first.url);
    // A moved server is read from the file only once a call failed: until then, the old URL.
    await writeServerUrl(file, second.url);
    expect(address.current()).toBe(first.url);
    await address.unreachable();
    expect(address.current()).toBe(second.url);
    // An unreadable file leaves the address as it was.
    await rm(file);
    await address.unreachable();
    expect(address.current()).toBe(second.url);
  });

  it("gives an agent client's calls to the moved server after one fails", async () => {
    const first = await named("first");
    const second = await named("second");
    servers.push(first.server, second.server);
    const file = join(dir, "server-url");
    await writeServerUrl(file, second.url);
    await close(first.server);
    const client = new AgentClient({
      url: first.url,
      token: "t",
      address: serverAddressFollowing(first.url, file),
    });
    await expect(client.heartbeat("n1", { state: "idle" } as never)).rejects.toThrow();
    // The fixture answers plain text, which the client hands back as it is.
    expect(await client.heartbeat("n1", { state: "idle" } as never)).toBe(
      "second /sluice/agent/nodes/n1/heartbeat",
    );
  });
});
