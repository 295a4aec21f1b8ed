import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSluiceError } from "../../src/core/index.js";
import { openAzureBlobStorage, openStorage } from "../../src/storage/index.js";
import { startAzurite, type Azurite } from "../support/azurite.js";
import { describeStorageConformance } from "./storage-conformance.js";
import { errorCode, listed, patternBytes, readAll, sha256 } from "./storage-test-kit.js";

let azurite: Azurite;
let counter = 0;

beforeAll(async () => {
  azurite = await startAzurite();
}, 60_000);
afterAll(async () => {
  await azurite.stop();
}, 30_000);

async function freshContainer(): Promise<string> {
  counter += 1;
  return azurite.createContainer(`case-${counter}-${process.pid}`);
}

describeStorageConformance({
  name: "Azure Blob (Azurite, container SAS URL)",
  writable: true,
  async fresh() {
    const storage = openAzureBlobStorage({
      containerUrl: azurite.containerSasUrl(await freshContainer()),
    });
    return { storage, seed: (path, data) => storage.write(path, data) };
  },
});

describe("Azure Blob storage: specifics", () => {
  it("opens from a connection string and container name, and through openStorage", async () => {
    const name = await freshContainer();
    const byKey = openAzureBlobStorage({
      connectionString: azurite.connectionString,
      containerName: name,
    });
    await byKey.write("k.txt", "by key", { contentType: "text/plain" });
    const { connector } = openStorage({ storageContainerUrl: azurite.containerSasUrl(name) });
    expect((await readAll(await connector.read("k.txt"))).toString()).toBe("by key");
    expect((await connector.stat("k.txt"))?.etag).toMatch(/\S/u);
    expect(connector.description).not.toContain("sig=");
  });

  it("stages large bodies in blocks and commits them as one blob", async () => {
    const storage = openAzureBlobStorage(
      { containerUrl: azurite.containerSasUrl(await freshContainer()) },
      { blockSize: 64 * 1024, concurrency: 3 },
    );
    const data = patternBytes(1_000_003, 5);
    await storage.write("blocks.bin", data);
    expect(sha256(await readAll(await storage.read("blocks.bin")))).toBe(sha256(data));
    await storage.write("exact.bin", data.subarray(0, 64 * 1024));
    expect((await storage.stat("exact.bin"))?.size).toBe(64 * 1024);
  });

  it("maps a read-only or expired SAS to StorageAccessDenied", async () => {
    const name = await freshContainer();
    const readOnly = openAzureBlobStorage({
      containerUrl: azurite.containerSasUrl(name, { permissions: "rl" }),
    });
    expect(await errorCode(() => readOnly.write("a.txt", "x"))).toBe("StorageAccessDenied");
    expect(await errorCode(() => readOnly.delete("a.txt"))).toBe("StorageAccessDenied");
    expect(await listed(readOnly.list(""))).toEqual([]);
    const expired = openAzureBlobStorage({
      containerUrl: azurite.containerSasUrl(name, { expiresOn: new Date(Date.now() - 60_000) }),
    });
    expect(await errorCode(() => listed(expired.list("")))).toBe("StorageAccessDenied");
  });

  it("maps a missing container to StorageNotFound", async () => {
    const storage = openAzureBlobStorage({
      containerUrl: azurite.containerSasUrl("no-such-container"),
    });
    expect(await errorCode(() => storage.write("a.txt", "x"))).toBe("StorageNotFound");
    expect(await errorCode(() => listed(storage.list("")))).toBe("StorageNotFound");
    expect(await errorCode(() => storage.read("a.txt"))).toBe("StorageNotFound");
  });

  it("maps an unreachable endpoint to StorageUnavailable", async () => {
    const port = await closedPort();
    const url = azurite.containerSasUrl("x-container").replace(/:\d+\//u, `:${port}/`);
    const storage = openAzureBlobStorage({ containerUrl: url }, { maxTries: 1 });
    const error = await storage.read("a.txt").catch((caught: unknown) => caught);
    expect(isSluiceError(error, "StorageUnavailable")).toBe(true);
    expect(String((error as Error).message)).not.toContain("sig=");
  });

  it("refuses malformed locations with InvalidArgument naming the field", async () => {
    const code = (action: () => unknown): string => {
      try {
        action();
      } catch (error) {
        if (isSluiceError(error)) return `${error.code} ${String(error.details.field)}`;
        throw error;
      }
      return "no error";
    };
    expect(code(() => openAzureBlobStorage({ containerUrl: "ftp://x/y" }))).toBe(
      "InvalidArgument containerUrl",
    );
    expect(
      code(() => openAzureBlobStorage({ containerUrl: "https://acct.blob.core.windows.net/" })),
    ).toBe("InvalidArgument containerUrl");
    expect(
      code(() =>
        openStorage({ storageContainerUrl: "https://acct.blob.core.windows.net/c/blob.txt?sig=x" }),
      ),
    ).toBe("InvalidArgument storageContainerUrl");
    expect(
      code(() =>
        openAzureBlobStorage({
          connectionString: azurite.connectionString,
          containerName: "Bad_Name",
        }),
      ),
    ).toBe("InvalidArgument containerName");
    expect(
      code(() =>
        openAzureBlobStorage({ connectionString: "nonsense", containerName: "good-name" }),
      ),
    ).toBe("InvalidArgument connectionString");
    expect(code(() => openStorage({ localRoot: "/tmp/x", httpUrl: "http://x/y" } as never))).toBe(
      "InvalidArgument location",
    );
  });
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}
