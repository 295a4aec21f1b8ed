import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type ListObjectsV2CommandOutput,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { Readable } from "node:stream";
import { checkRange, rangeHeader } from "../byte-range.js";
import type {
  ListOptions,
  ReadRange,
  StorageConnector,
  StorageEntry,
  StorageFile,
  WriteBody,
  WriteOptions,
} from "../storage-connector.js";
import { fileNotFound, type StorageErrorSubject } from "../storage-errors.js";
import { checkStoragePath, checkStoragePrefix, comparePaths } from "../storage-path.js";
import { bodyStream, emptyStream } from "../write-body.js";
import { sliceBytes } from "../http/http-response.js";
import { checkBucketName, s3Description } from "./s3-bucket.js";
import { s3Error, s3Status } from "./s3-errors.js";

/** Where a bucket is and how to sign requests to it. Secrets never appear in messages. */
export interface S3StorageOptions {
  readonly bucket: string;
  /** An S3-compatible endpoint (`http://127.0.0.1:9000`); default AWS's for `region`. */
  readonly serviceUrl?: string;
  /** Default `us-east-1`. */
  readonly region?: string;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly sessionToken?: string;
  /** Path-style URLs (`host/bucket/key`), as most S3-compatible servers need; default false. */
  readonly forcePathStyle?: boolean;
  /** Multipart part size in bytes; default 8 MiB (S3's minimum is 5 MiB). */
  readonly partSize?: number;
}

/**
 * A {@link StorageConnector} over one S3 bucket (ADF's `AmazonS3` and `AmazonS3Compatible`).
 * Writes stream through multipart uploads, which S3 makes visible only when completed; a
 * failed write aborts its upload, so nothing partial is ever seen. Listings come in S3's
 * key order (UTF-8 byte order, which is code-point order).
 */
export function openS3Storage(options: S3StorageOptions): StorageConnector {
  checkBucketName(options.bucket);
  return new S3Storage(options);
}

class S3Storage implements StorageConnector {
  readonly description: string;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(private readonly options: S3StorageOptions) {
    this.bucket = options.bucket;
    const endpoint = options.serviceUrl?.replace(/\/+$/u, "");
    this.description = s3Description(options.bucket, options.serviceUrl);
    const credentials =
      options.accessKeyId === undefined
        ? undefined
        : {
            accessKeyId: options.accessKeyId,
            secretAccessKey: options.secretAccessKey ?? "",
            ...(options.sessionToken === undefined ? {} : { sessionToken: options.sessionToken }),
          };
    this.client = new S3Client({
      region: options.region ?? "us-east-1",
      ...(endpoint === undefined ? {} : { endpoint }),
      forcePathStyle: options.forcePathStyle ?? false,
      // Anonymous access when no key is given: requests go unsigned.
      ...(credentials === undefined
        ? { signer: { sign: async (request) => request } }
        : { credentials }),
      // S3-compatible servers may not know the newer flexible checksums.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      maxAttempts: 3,
    });
  }

  async *list(prefix: string, options: ListOptions = {}): AsyncGenerator<StorageEntry> {
    checkStoragePrefix(prefix);
    const recursive = options.recursive !== false;
    let token: string | undefined;
    do {
      const page: ListObjectsV2CommandOutput = await this.client
        .send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix,
            ...(recursive ? {} : { Delimiter: "/" }),
            ...(token === undefined ? {} : { ContinuationToken: token }),
          }),
        )
        .catch((error: unknown) => {
          throw this.failure(error, prefix);
        });
      yield* pageEntries(page);
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  async stat(path: string): Promise<StorageFile | undefined> {
    checkStoragePath(path);
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: path }),
      );
      return {
        kind: "file",
        path,
        size: head.ContentLength ?? 0,
        lastModified: head.LastModified ?? new Date(0),
        ...(head.ETag === undefined ? {} : { etag: head.ETag }),
      };
    } catch (error) {
      if (s3Status(error) === 404) return undefined;
      throw this.failure(error, path);
    }
  }

  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)) !== undefined;
  }

  async read(path: string, range?: ReadRange): Promise<Readable> {
    checkStoragePath(path);
    const checked = checkRange(range);
    const header = rangeHeader(checked);
    try {
      const got = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: path,
          ...(header === undefined ? {} : { Range: header }),
        }),
      );
      const body = (got.Body as Readable | undefined) ?? emptyStream();
      if (header === undefined) return body;
      // Some S3-compatible servers answer a range with the whole object (200), or with more
      // than asked (s3rver reads bytes=0-0 as 0-); the bytes are cut here then.
      const whole = got.$metadata.httpStatusCode === 200;
      const [from, to] = whole
        ? [checked.start, checked.end]
        : [0, checked.end === undefined ? undefined : checked.end - checked.start];
      return Readable.from(sliceBytes(body, from, to), { objectMode: false });
    } catch (error) {
      const status = s3Status(error);
      if (status === 416) return emptyStream();
      if (status === 404) throw fileNotFound(this.subject(path), error);
      throw this.failure(error, path);
    }
  }

  async write(path: string, body: WriteBody, options: WriteOptions = {}): Promise<void> {
    checkStoragePath(path);
    const source = bodyStream(body);
    let sourceError: unknown;
    source.once("error", (error) => {
      sourceError = error;
    });
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: path,
        Body: source,
        ...(options.contentType === undefined ? {} : { ContentType: options.contentType }),
      },
      partSize: this.options.partSize ?? 8 * 1024 * 1024,
      queueSize: 4,
      // A failed multipart upload is aborted: its parts are dropped, no object appears.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      // A broken body is the cause, even when aborting the upload failed too after it.
      throw sourceError ?? this.failure(error, path);
    }
  }

  async delete(path: string): Promise<boolean> {
    checkStoragePath(path);
    // S3's DELETE succeeds for a missing key too; HEAD first tells the two apart.
    if ((await this.stat(path)) === undefined) return false;
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: path }));
      return true;
    } catch (error) {
      throw this.failure(error, path);
    }
  }

  private subject(path?: string): StorageErrorSubject {
    return path === undefined || path === ""
      ? { storage: this.description }
      : { storage: this.description, path };
  }

  private failure(error: unknown, path?: string): unknown {
    return s3Error(error, this.subject(path));
  }
}

function* pageEntries(page: ListObjectsV2CommandOutput): Generator<StorageEntry> {
  const files: StorageEntry[] = (page.Contents ?? [])
    .filter((item) => item.Key !== undefined && !item.Key.endsWith("/"))
    .map((item) => ({
      kind: "file",
      path: item.Key ?? "",
      size: item.Size ?? 0,
      lastModified: item.LastModified ?? new Date(0),
      ...(item.ETag === undefined ? {} : { etag: item.ETag }),
    }));
  const folders: StorageEntry[] = (page.CommonPrefixes ?? [])
    .filter((item) => item.Prefix !== undefined)
    .map((item) => ({ kind: "directory", path: (item.Prefix ?? "").replace(/\/$/u, "") }));
  // Within a page S3 orders keys and prefixes together; merge the two sorted lists.
  const key = (entry: StorageEntry): string =>
    entry.kind === "directory" ? `${entry.path}/` : entry.path;
  yield* [...files, ...folders].sort((a, b) => comparePaths(key(a), key(b)));
}
