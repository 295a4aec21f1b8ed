// A running Copy shows its progress: through the real server, a Copy of many blobs from a slow
// source (Azurite behind a proxy that delays each request, and holds blob downloads past the
// tenth until the test lets them go) shows the files and bytes done so far as its InProgress
// activity run's output, over the REST API and in `sluice runs show`, growing to the total.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlobServiceClient } from "@azure/storage-blob";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../src/app/index.js";
import { runRuns, type BatchIO } from "../../src/cli/commands/index.js";
import { waitFor } from "../e2e/e2e-kit.js";
import { devAccountKey, devAccountName, startAzurite, type Azurite } from "../support/azurite.js";
import { describeEachDialect } from "../support/databases.js";

const fileCount = 40;
const heldAfter = 10;
const delayMs = 40;

/** A proxy to `target` that delays every request and holds blob downloads past `heldAfter`. */
interface SlowProxy {
  readonly url: string;
  /** Blob downloads that reached the gate. */
  readonly downloads: () => number;
  /** Lets the held downloads (and all later ones) through. */
  release(): void;
  close(): Promise<void>;
}

async function startSlowProxy(target: URL): Promise<SlowProxy> {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let downloads = 0;
  const server: Server = createServer((request, response) => {
    const url = request.url ?? "/";
    const download = request.method === "GET" && !url.includes("comp=");
    const forward = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (download && ++downloads > heldAfter) await gate;
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: url,
          headers: request.headers,
        },
        (reply) => {
          response.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(response);
        },
      );
      upstream.on("error", () => response.destroy());
      request.pipe(upstream);
    };
    void forward();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    downloads: () => downloads,
    release: () => release(),
    close: () => {
      release();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const definition = (proxy: SlowProxy) => ({
  factory: { name: "prog", properties: {} },
  linkedServices: [
    {
      name: "SlowBlob",
      properties: {
        type: "AzureBlobStorage",
        typeProperties: {
          connectionString: `DefaultEndpointsProtocol=http;AccountName=${devAccountName};AccountKey=${devAccountKey};BlobEndpoint=${proxy.url}/${devAccountName};`,
        },
      },
    },
    {
      name: "Local",
      properties: {
        type: "AzureBlobStorage",
        typeProperties: { connectionString: "UseLocalStorage=true" },
      },
    },
  ],
  datasets: [
    {
      name: "Many",
      properties: {
        type: "Binary",
        linkedServiceName: { referenceName: "SlowBlob", type: "LinkedServiceReference" },
        typeProperties: { location: { type: "AzureBlobStorageLocation", container: "many" } },
      },
    },
    {
      name: "Out",
      properties: {
        type: "Binary",
        linkedServiceName: { referenceName: "Local", type: "LinkedServiceReference" },
        typeProperties: { location: { type: "AzureBlobStorageLocation", container: "out" } },
      },
    },
  ],
  pipelines: [
    {
      name: "copyMany",
      properties: {
        activities: [
          {
            name: "CopyMany",
            type: "Copy",
            inputs: [{ referenceName: "Many", type: "DatasetReference" }],
            outputs: [{ referenceName: "Out", type: "DatasetReference" }],
            typeProperties: { source: { type: "BinarySource" }, sink: { type: "BinarySink" } },
          },
        ],
      },
    },
  ],
  triggers: [],
  others: [],
});

interface Seen {
  readonly status: string;
  readonly output: { filesRead?: number; dataRead?: number; executionDetails?: unknown } | null;
}

let azurite: Azurite;
const fileSize = 2048;

beforeAll(async () => {
  azurite = await startAzurite();
  await azurite.createContainer("many");
  const container = BlobServiceClient.fromConnectionString(
    azurite.connectionString,
  ).getContainerClient("many");
  await Promise.all(
    Array.from({ length: fileCount }, (_, i) =>
      container.uploadBlockBlob(
        `part-${String(i).padStart(3, "0")}.bin`,
        Buffer.alloc(fileSize, i),
        fileSize,
      ),
    ),
  );
}, 60_000);
afterAll(async () => {
  await azurite?.stop();
});

describeEachDialect("a running Copy's progress through the server", (target) => {
  let server: RunningServer;
  let proxy: SlowProxy;
  let dataDir: string;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { runId?: string; value?: Seen[] },
    };
  };
  const cli = async (argv: string[]) => {
    let out = "";
    const io: BatchIO = {
      out: (text) => (out += `${text}\n`),
      err: (text) => (out += `${text}\n`),
      write: (text) => (out += text),
      readFile: (path) => readFile(path, "utf8"),
      env: { SLUICE_URL: server.url, SLUICE_TOKEN: server.token },
      cwd: "/nonexistent-cwd",
      isTTY: false,
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50))),
    };
    return { code: await runRuns(argv, io), out };
  };

  beforeAll(async () => {
    await target.open();
    proxy = await startSlowProxy(new URL(azurite.blobEndpoint));
    dataDir = await mkdtemp(join(tmpdir(), "sluice-progress-"));
    const db = target.config.kind === "postgres" ? target.config.url : "sqlite";
    server = await startServer({ dataDir, port: 0, db, localPools: false });
    expect((await call("POST", "/factories/prog/sluice/deploy", definition(proxy))).status).toBe(
      200,
    );
  }, 60_000);
  afterAll(async () => {
    // Held downloads go first, so a copy stuck at the gate (a failed test) cannot hold up the stop.
    proxy?.release();
    await server?.close();
    await proxy?.close();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("shows the files and bytes copied so far while it runs, growing to the total", async () => {
    const created = await call("POST", "/factories/prog/pipelines/copyMany/createRun", {});
    const runId = String(created.body.runId);
    const seen: Seen[] = [];
    const read = async (): Promise<Seen | undefined> => {
      const reply = await call("POST", `/factories/prog/pipelineruns/${runId}/queryActivityruns`);
      const copy = reply.body.value?.[0];
      if (copy !== undefined) seen.push({ status: copy.status, output: copy.output });
      return copy;
    };
    // The copy stalls at the gate after the tenth file; its progress shows meanwhile.
    const running = await waitFor(
      async () => {
        const copy = await read();
        const files = copy?.output?.filesRead ?? 0;
        return copy?.status === "InProgress" && files > 0 ? copy : undefined;
      },
      60_000,
      () => `no progress seen: ${JSON.stringify(seen.slice(-3))}, ${proxy.downloads()} downloads`,
    );
    expect(running.output?.filesRead).toBeLessThan(fileCount);
    expect(running.output?.dataRead).toBe((running.output?.filesRead ?? 0) * fileSize);
    expect(running.output?.executionDetails).toEqual([
      expect.objectContaining({ status: "InProgress" }),
    ]);
    const shown = await cli(["show", runId, "--factory", "prog"]);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(
      /In progress:\nCopyMany: \d+ files? read, \d+ written, .* read so far/,
    );

    proxy.release();
    const ended = await waitFor(
      async () => {
        const copy = await read();
        return copy !== undefined && copy.status !== "InProgress" ? copy : undefined;
      },
      60_000,
      () => `the copy did not end: ${JSON.stringify(seen.slice(-3))}`,
    );
    expect(ended.status).toBe("Succeeded");
    expect(ended.output).toMatchObject({ filesRead: fileCount, dataRead: fileCount * fileSize });
    const counts = seen.map((s) => s.output?.filesRead ?? 0);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(await readdir(join(dataDir, "storage", "out"))).toHaveLength(fileCount);
  }, 120_000);
});
