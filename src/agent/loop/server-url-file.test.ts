import { createServer, type Server } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fetchFollowingServerUrl, readServerUrl, writeServerUrl } from "./server-url-file.js";

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

  it("follows the server to the URL in the file once the old one fails", async () => {
    const first = await named("first");
    const second = await named("second");
    servers.push(first.server, second.server);
    const file = join(dir, "server-url");
    await writeServerUrl(file, first.url);
    const follow = fetchFollowingServerUrl(first.url, file);
    expect(await (await follow(`${first.url}/a?b=1`)).text()).toBe("first /a?b=1");

    await close(first.server);
    await writeServerUrl(file, second.url);
    await expect(follow(`${first.url}/a`)).rejects.toThrow();
    expect(await (await follow(`${first.url}/a?b=1`)).text()).toBe("second /a?b=1");
    // Other hosts, and URLs that only start with the same text, pass unchanged.
    expect(await (await follow(`${second.url}/c`)).text()).toBe("second /c");
    await expect(follow(`${first.url}9/a`)).rejects.toThrow();
  });
});
