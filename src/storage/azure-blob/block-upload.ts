import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { BlockBlobClient } from "@azure/storage-blob";

/** How {@link uploadBlockBlob} cuts and sends a body. */
export interface BlockUploadOptions {
  /** Bytes per block; a body no larger is sent as one Put Blob. */
  readonly blockSize: number;
  /** Blocks in flight at once. */
  readonly concurrency: number;
  readonly contentType?: string;
}

/**
 * Streams `source` into a block blob, atomically: a body of at most one block is a single
 * Put Blob; a larger one is staged block by block (at most `concurrency` in flight, so memory
 * stays near blockSize x concurrency) and becomes visible only at Put Block List.
 */
export async function uploadBlockBlob(
  client: BlockBlobClient,
  source: Readable,
  options: BlockUploadOptions,
): Promise<void> {
  const headers = { blobHTTPHeaders: { blobContentType: options.contentType } };
  const stager = new Stager(client, options.concurrency);
  let pending: Buffer[] = [];
  let pendingLength = 0;
  for await (const chunk of source) {
    pending.push(toBuffer(chunk));
    pendingLength += pending[pending.length - 1]?.length ?? 0;
    // Hold back the last full block until more data arrives: a body of exactly one block
    // still goes out as one Put Blob.
    while (pendingLength > options.blockSize) {
      const joined = Buffer.concat(pending, pendingLength);
      await stager.stage(joined.subarray(0, options.blockSize));
      pending = [joined.subarray(options.blockSize)];
      pendingLength -= options.blockSize;
    }
  }
  const rest = Buffer.concat(pending, pendingLength);
  if (stager.staged === 0) {
    await client.upload(rest, rest.length, headers);
    return;
  }
  if (rest.length > 0) await stager.stage(rest);
  await client.commitBlockList(await stager.finish(), headers);
}

function toBuffer(chunk: unknown): Buffer {
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  if (chunk instanceof Uint8Array) {
    return Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  throw new TypeError(`a write body stream must yield bytes or strings, not ${typeof chunk}`);
}

// Block ids must all have one length within a blob; a random prefix per upload keeps two
// concurrent writers of one blob from staging over each other's blocks.
class Stager {
  private readonly ids: string[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;
  private readonly prefix = randomUUID();

  constructor(
    private readonly client: BlockBlobClient,
    private readonly concurrency: number,
  ) {}

  get staged(): number {
    return this.ids.length;
  }

  async stage(block: Buffer): Promise<void> {
    const id = Buffer.from(`${this.prefix}-${String(this.ids.length).padStart(6, "0")}`).toString(
      "base64",
    );
    this.ids.push(id);
    const sent: Promise<void> = this.client.stageBlock(id, block, block.length).then(
      () => {
        this.inFlight.delete(sent);
      },
      (error: unknown) => {
        this.inFlight.delete(sent);
        this.failure ??= { error };
      },
    );
    this.inFlight.add(sent);
    if (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    if (this.failure !== undefined) throw this.failure.error;
  }

  async finish(): Promise<string[]> {
    await Promise.all(this.inFlight);
    if (this.failure !== undefined) throw this.failure.error;
    return this.ids;
  }
}
