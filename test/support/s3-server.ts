// An S3-compatible server for tests: s3rver (npm) on a free loopback port, storing objects in
// a temp folder. It checks access key ids but not SigV4 signatures, so a wrong secret key is
// not refused by it (a wrong access key id is).
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";

/** s3rver's built-in account. */
export const s3AccessKeyId = "S3RVER";
export const s3SecretAccessKey = "S3RVER";

/** A running s3rver and helpers. */
export interface S3Server {
  /** `http://127.0.0.1:PORT` */
  readonly serviceUrl: string;
  /** A client with the built-in account, path-style. */
  readonly client: S3Client;
  /** Creates a bucket (idempotent) and returns its name. */
  createBucket(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startS3Server(): Promise<S3Server> {
  const directory = await mkdtemp(join(tmpdir(), "sluice-s3rver-"));
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory });
  try {
    const { port } = await server.run();
    const serviceUrl = `http://127.0.0.1:${port}`;
    const client = new S3Client({
      endpoint: serviceUrl,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: s3AccessKeyId, secretAccessKey: s3SecretAccessKey },
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    return {
      serviceUrl,
      client,
      async createBucket(name) {
        await client.send(new CreateBucketCommand({ Bucket: name })).catch((error: unknown) => {
          if ((error as { name?: string }).name !== "BucketAlreadyOwnedByYou") throw error;
        });
        return name;
      },
      async stop() {
        client.destroy();
        await server.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}
