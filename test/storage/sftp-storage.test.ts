import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSluiceError } from "../../src/core/index.js";
import { openSftpStorage, type SftpStorageOptions } from "../../src/storage/index.js";
import { startSftpServer, type SftpServer } from "../support/sftp-server.js";
import { describeStorageConformance } from "./storage-conformance.js";
import { errorCode, readAll } from "./storage-test-kit.js";

let server: SftpServer;
let counter = 0;

beforeAll(async () => {
  server = await startSftpServer();
}, 60_000);
afterAll(async () => {
  await server.stop();
}, 30_000);

function options(extra: Partial<SftpStorageOptions> = {}): SftpStorageOptions {
  return {
    host: server.host,
    port: server.port,
    userName: server.userName,
    password: server.password,
    hostKeyFingerprint: server.hostKeyFingerprint,
    ...extra,
  };
}

describeStorageConformance({
  name: "SFTP (OpenSSH sshd)",
  writable: true,
  async fresh() {
    counter += 1;
    const storage = openSftpStorage(options({ rootPath: `/case-${counter}` }));
    return { storage, seed: (path, data) => storage.write(path, data) };
  },
});

describe("SFTP storage: specifics", () => {
  it("logs in with a private key instead of a password", async () => {
    const storage = openSftpStorage({
      ...options({ rootPath: "/keyed" }),
      password: undefined,
      privateKey: server.privateKey,
    });
    await storage.write("k/a.txt", "by key");
    expect(await readFile(join(server.root, "keyed/k/a.txt"), "utf8")).toBe("by key");
    expect((await readAll(await storage.read("k/a.txt"))).toString()).toBe("by key");
  });

  it("refuses a wrong password with StorageAccessDenied, naming no secret", async () => {
    const storage = openSftpStorage(options({ password: "not-the-password" }));
    const error = await storage.stat("a.txt").catch((caught: unknown) => caught);
    expect(isSluiceError(error, "StorageAccessDenied")).toBe(true);
    expect(String((error as Error).message)).toContain(
      `login failed for user '${server.userName}'`,
    );
    expect(String((error as Error).message)).not.toContain("not-the-password");
  });

  it("checks the host key: a wrong fingerprint or none is refused, skipHostKeyValidation accepts", async () => {
    const wrong = openSftpStorage(
      options({ hostKeyFingerprint: "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }),
    );
    expect(await errorCode(() => wrong.stat("a.txt"))).toBe("StorageAccessDenied");
    const none = openSftpStorage(options({ hostKeyFingerprint: undefined }));
    expect(await errorCode(() => none.stat("a.txt"))).toBe("StorageAccessDenied");
    const skip = openSftpStorage(
      options({ hostKeyFingerprint: undefined, skipHostKeyValidation: true }),
    );
    expect(await skip.stat("a.txt")).toBeUndefined();
  });

  it("reports an unreachable server as StorageUnavailable", async () => {
    const storage = openSftpStorage(options({ port: 1, connectTimeoutMs: 5000 }));
    expect(await errorCode(() => storage.stat("a.txt"))).toBe("StorageUnavailable");
  });

  it("leaves no temp file behind when a write fails", async () => {
    const storage = openSftpStorage(options({ rootPath: "/partial" }));
    const body = new PassThrough();
    const writing = storage.write("out/data.bin", body);
    body.write(Buffer.alloc(100_000, 1));
    body.destroy(new Error("source broke"));
    await expect(writing).rejects.toThrow("source broke");
    expect(await readdir(join(server.root, "partial/out"))).toEqual([]);
  });
});
