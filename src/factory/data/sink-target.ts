import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Transform } from "node:stream";
import { checkStoragePath } from "../../storage/index.js";
import type { LinkedStorage } from "../connections/linked-storage.js";
import { compressor, type CompressionLevel } from "./compression.js";
import type { Codec } from "./file-format.js";

/**
 * A sink file being written: whoever produces it (DuckDB, a stream) writes `diskPath`, then
 * `commit` lands it whole at its storage path, or `discard` removes it. Nothing appears at
 * the storage path before `commit`, so a failed copy leaves no partial file.
 */
export interface SinkTarget {
  readonly diskPath: string;
  /** Lands the file; resolves with the bytes stored. */
  commit(): Promise<number>;
  discard(): Promise<void>;
}

/** Where and how a sink file is written. */
export interface SinkTargetRequest {
  readonly storage: LinkedStorage;
  readonly path: string;
  readonly workDir: string;
  /** Compression applied while landing (what DuckDB does not write itself). */
  readonly compress: Codec;
  readonly level: CompressionLevel;
  readonly signal: AbortSignal;
}

/**
 * Opens a sink target. In a local container with nothing to compress, the file is written
 * under a hidden temporary name beside its final path and renamed (no second copy);
 * otherwise it is written in the work folder and streamed to the storage, compressed on the
 * way, by the connector's atomic write.
 */
export async function openSinkTarget(request: SinkTargetRequest): Promise<SinkTarget> {
  const { storage, path } = request;
  const checked = checkStoragePath(path, "sink path");
  if (storage.localRoot !== undefined && request.compress === "none") {
    const final = join(storage.localRoot, checked);
    await mkdir(dirname(final), { recursive: true });
    const name = checked.slice(checked.lastIndexOf("/") + 1);
    const temp = join(dirname(final), `.${name}.${randomUUID()}.sluice-tmp`);
    return {
      diskPath: temp,
      async commit() {
        const { size } = await stat(temp);
        await rename(temp, final);
        return size;
      },
      discard: () => rm(temp, { force: true }),
    };
  }
  const temp = join(request.workDir, `sink-${randomUUID()}`);
  return {
    diskPath: temp,
    async commit() {
      let bytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(null, chunk);
        },
      });
      const packed = compressor(request.compress, request.level);
      const source = createReadStream(temp, { signal: request.signal });
      const body = packed === undefined ? source.pipe(counter) : source.pipe(packed).pipe(counter);
      source.on("error", (error) => counter.destroy(error));
      packed?.on("error", (error) => counter.destroy(error));
      await storage.connector.write(checked, body);
      await rm(temp, { force: true });
      return bytes;
    },
    discard: () => rm(temp, { force: true }),
  };
}
