import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadOrCreateToken, startServer, type RunningServer } from "../../src/app/index.js";
import { ApiError, SluiceClient } from "../../src/client/index.js";

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function start(dataDir?: string): Promise<{ server: RunningServer; dataDir: string }> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), "sluice-server-")));
  const server = await startServer({ dataDir: dir, port: 0 });
  running.push(server);
  return { server, dataDir: dir };
}

describe("sluice server over a real socket", () => {
  it("binds loopback by default and answers /health without a token", async () => {
    const { server } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("refuses requests without the right bearer token, in Batch's error shape", async () => {
    const { server } = await start();
    for (const authorization of [
      undefined,
      "Bearer wrong",
      `Basic ${server.token}`,
      `Bearer ${server.token}x`,
    ]) {
      const response = await fetch(
        `${server.url}/pools`,
        authorization ? { headers: { authorization } } : {},
      );
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        code: "AuthenticationFailed",
        message: { lang: "en-US" },
      });
    }
  });

  it("answers an unknown route with a Batch-shaped 404 through the client", async () => {
    const { server } = await start();
    const client = new SluiceClient({ url: server.url, token: server.token });
    const failure = await client.request("GET", "/no/such/thing").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 404, batchCode: "ResourceNotFound" });
  });

  it("creates the token at first start with mode 0600 and keeps it across restarts", async () => {
    const first = await start();
    const tokenFile = join(first.dataDir, "token");
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
    expect((await readFile(tokenFile, "utf8")).trim()).toBe(first.server.token);
    expect(first.server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await first.server.close();
    running.length = 0;
    const second = await start(first.dataDir);
    expect(second.server.token).toBe(first.server.token);
  });

  it("two servers starting at once on one data directory agree on the token", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sluice-token-"));
    const tokens = await Promise.all([
      loadOrCreateToken(dir),
      loadOrCreateToken(dir),
      loadOrCreateToken(dir),
    ]);
    expect(new Set(tokens).size).toBe(1);
  });

  it("rejects a --db that is neither sqlite nor a postgres URL, before starting", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sluice-server-"));
    await expect(startServer({ dataDir: dir, port: 0, db: "mysql://x" })).rejects.toMatchObject({
      code: "InvalidArgument",
      message: expect.stringContaining("--db must be 'sqlite' or a postgres:// URL"),
    });
  });
});
