import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHttpStorage, openStorage } from "../../src/storage/index.js";
import { startFileServer, type FileServer } from "./http-file-server.js";
import { describeStorageConformance } from "./storage-conformance.js";
import { errorCode, readAll } from "./storage-test-kit.js";

let scratch: string;
let server: FileServer;
let odd: FileServer;
let counter = 0;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "sluice-http-storage-"));
  server = await startFileServer(scratch);
  odd = await startFileServer(scratch, {
    ignoreRange: true,
    refuseHead: true,
    statusFor: { "denied.txt": 403, "broken.txt": 503 },
  });
});
afterAll(async () => {
  await Promise.all([server.close(), odd.close()]);
  await rm(scratch, { recursive: true, force: true });
});

async function seedFile(folder: string, path: string, data: string | Uint8Array): Promise<void> {
  const file = join(scratch, folder, ...path.split("/"));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, data);
}

async function freshFolder(): Promise<string> {
  counter += 1;
  const folder = `case-${counter}`;
  await mkdir(join(scratch, folder));
  return folder;
}

describeStorageConformance({
  name: "http",
  writable: false,
  async fresh() {
    const folder = await freshFolder();
    return {
      storage: openHttpStorage(`${server.url}${folder}/`),
      seed: (path, data) => seedFile(folder, path, data),
    };
  },
});

describeStorageConformance({
  name: "http without Range or HEAD support",
  writable: false,
  async fresh() {
    const folder = await freshFolder();
    return {
      storage: openHttpStorage(`${odd.url}${folder}`),
      seed: (path, data) => seedFile(folder, path, data),
    };
  },
});

describe("http storage: specifics", () => {
  it("keeps the base URL's query (a SAS) on every request", async () => {
    const folder = await freshFolder();
    await seedFile(folder, "a b/c.txt", "abc");
    const storage = openHttpStorage(`${server.url}${folder}/?sv=1&sig=secret`);
    expect((await readAll(await storage.read("a b/c.txt", { start: 1 }))).toString()).toBe("bc");
    expect(server.requests.at(-1)).toBe(`GET /${folder}/a%20b/c.txt?sv=1&sig=secret bytes=1-`);
    expect(storage.description).not.toContain("secret");
  });

  it("maps 403 to StorageAccessDenied and 5xx to StorageUnavailable", async () => {
    const storage = openHttpStorage(odd.url);
    expect(await errorCode(() => storage.read("denied.txt"))).toBe("StorageAccessDenied");
    expect(await errorCode(() => storage.stat("denied.txt"))).toBe("StorageAccessDenied");
    expect(await errorCode(() => storage.read("broken.txt"))).toBe("StorageUnavailable");
  });

  it("reports a refused connection as StorageUnavailable", async () => {
    const port = await closedPort();
    const storage = openHttpStorage(`http://127.0.0.1:${port}/files/`);
    expect(await errorCode(() => storage.read("a.txt"))).toBe("StorageUnavailable");
    expect(await errorCode(() => storage.stat("a.txt"))).toBe("StorageUnavailable");
  });

  it("refuses a base URL that is not http(s)", () => {
    expect(() => openHttpStorage("ftp://example.com/x")).toThrow(/httpUrl/u);
    expect(() => openHttpStorage("not a url")).toThrow(/http:\/\/ or https:\/\//u);
  });

  it("opens an httpUrl through openStorage as a folder connector and a file name", async () => {
    const folder = await freshFolder();
    await seedFile(folder, "tool v2.bin", "tool");
    const { connector, path } = openStorage({
      httpUrl: `${server.url}${folder}/tool%20v2.bin?sig=s`,
    });
    expect(path).toBe("tool v2.bin");
    expect((await readAll(await connector.read(path))).toString()).toBe("tool");
    expect(server.requests.at(-1)).toBe(`GET /${folder}/tool%20v2.bin?sig=s `);
    expect(() => openStorage({ httpUrl: `${server.url}${folder}/` })).toThrow(/naming a file/u);
  });
});

// A port that was free a moment ago: bind it, note it, close it.
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}
