import { GetObjectCommand } from "@aws-sdk/client-s3";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openS3Storage, type S3StorageOptions } from "../../src/storage/index.js";
import {
  s3AccessKeyId,
  s3SecretAccessKey,
  startS3Server,
  type S3Server,
} from "../support/s3-server.js";
import { describeStorageConformance } from "./storage-conformance.js";
import { errorCode, listed, patternStream, readAll, sha256 } from "./storage-test-kit.js";

let server: S3Server;
let counter = 0;

beforeAll(async () => {
  server = await startS3Server();
}, 60_000);
afterAll(async () => {
  await server.stop();
}, 30_000);

async function options(extra: Partial<S3StorageOptions> = {}): Promise<S3StorageOptions> {
  counter += 1;
  return {
    bucket: await server.createBucket(`case-${counter}`),
    serviceUrl: server.serviceUrl,
    accessKeyId: s3AccessKeyId,
    secretAccessKey: s3SecretAccessKey,
    forcePathStyle: true,
    ...extra,
  };
}

describeStorageConformance({
  name: "S3 (s3rver)",
  writable: true,
  async fresh() {
    const storage = openS3Storage(await options());
    return { storage, seed: (path, data) => storage.write(path, data) };
  },
});

describe("S3 storage: specifics", () => {
  it("streams a body larger than a part as a multipart upload", async () => {
    const opened = await options({ partSize: 5 * 1024 * 1024 });
    const storage = openS3Storage(opened);
    const size = 12 * 1024 * 1024;
    await storage.write("big/data.bin", patternStream(size, 65_536, 9));
    const got = await server.client.send(
      new GetObjectCommand({ Bucket: opened.bucket, Key: "big/data.bin" }),
    );
    expect(got.ContentLength).toBe(size);
    expect(sha256(await readAll(await storage.read("big/data.bin")))).toBe(
      sha256(await readAll(patternStream(size, 65_536, 9))),
    );
  });

  // s3rver implements neither AbortMultipartUpload nor ListMultipartUploads, so only the
  // visible result is checked here: no object appears.
  it("fails a multipart write whose body breaks, leaving no object", async () => {
    const opened = await options({ partSize: 5 * 1024 * 1024 });
    const storage = openS3Storage(opened);
    const body = new PassThrough();
    const writing = storage.write("broken.bin", body);
    body.write(Buffer.alloc(6 * 1024 * 1024, 1));
    setImmediate(() => body.destroy(new Error("source broke")));
    await expect(writing).rejects.toThrow("source broke");
    expect(await storage.exists("broken.bin")).toBe(false);
    expect(await listed(storage.list(""))).toEqual([]);
  });

  it("refuses an unknown access key with StorageAccessDenied, naming no secret", async () => {
    const storage = openS3Storage(
      await options({ accessKeyId: "NOT-A-KEY", secretAccessKey: "very-secret" }),
    );
    const error = await storage.stat("a.txt").catch((caught: unknown) => caught);
    expect((error as { code?: string }).code).toBe("StorageAccessDenied");
    expect((error as Error).message).not.toContain("very-secret");
  });

  it("reports a missing bucket as StorageNotFound and an unreachable endpoint as StorageUnavailable", async () => {
    const missing = openS3Storage({ ...(await options()), bucket: "no-such-bucket" });
    expect(await errorCode(() => listed(missing.list("")))).toBe("StorageNotFound");
    const down = openS3Storage({ ...(await options()), serviceUrl: "http://127.0.0.1:1" });
    expect(await errorCode(() => down.stat("a.txt"))).toBe("StorageUnavailable");
  });
});
