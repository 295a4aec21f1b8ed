import { createServer, type Server } from "node:http";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../../src/app/index.js";
import { BatchClient } from "../../src/client/index.js";
import type { DatabaseConfig } from "../../src/store/index.js";

/** A Sluice server with its embedded local pools, as `sluice server` runs it, and a client. */
export interface E2eServer {
  readonly server: RunningServer;
  readonly client: BatchClient;
  readonly dataDir: string;
  /** PUTs a file into the server's embedded storage over HTTP, as a user would. */
  upload(container: string, path: string, body: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts a real server on a free loopback port over `database` (a test database's config). */
export async function startE2eServer(database: DatabaseConfig): Promise<E2eServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "sluice-e2e-"));
  const db = database.kind === "postgres" ? database.url : "sqlite";
  const server = await startServer({ dataDir, port: 0, db });
  const client = new BatchClient({ url: server.url, token: server.token });
  return {
    server,
    client,
    dataDir,
    upload: async (container, path, body) => {
      const response = await fetch(`${server.url}/sluice/storage/${container}/${path}`, {
        method: "PUT",
        headers: {
          authorization: `Bearer ${server.token}`,
          "content-type": "application/octet-stream",
        },
        body,
      });
      if (!response.ok)
        throw new Error(`upload ${container}/${path}: ${response.status} ${await response.text()}`);
    },
    close: () => server.close(),
  };
}

/** A plain HTTP server on 127.0.0.1 serving fixed files, for `httpUrl` resource files. */
export async function startFileServer(
  files: Record<string, string>,
): Promise<{ url: string; close(): Promise<void> }> {
  const http: Server = createServer((request, response) => {
    const body = files[(request.url ?? "/").slice(1)];
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/plain" }).end(body);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const address = http.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
}

/** Polls `check` until it returns a value, or fails after `timeoutMs` with `describe()`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  describe: () => Promise<string> | string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** True when a process with this pid exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function readPid(file: string): Promise<number> {
  return Number((await readFile(file, "utf8")).trim());
}
