import { constants } from "node:fs";
import { copyFile } from "node:fs/promises";
import { Readable, addAbortSignal, type Duplex } from "node:stream";
import type { LinkedStorage } from "../connections/linked-storage.js";
import { ByteCounter } from "./byte-counter.js";
import { compressor, decompressor, type CompressionLevel } from "./compression.js";
import type { BinaryFormat } from "./file-format.js";
import { localFilePath } from "./local-file.js";
import { openSinkTarget } from "./sink-target.js";
import type { SinkFile } from "./sink-naming.js";

/** Bytes a binary copy moved for one sink file. */
export interface BinaryResult {
  readonly bytesRead: number;
  readonly bytesWritten: number;
}

/** Both ends of a binary copy. */
export interface BinaryEnds {
  readonly source: LinkedStorage;
  readonly sourceFormat: BinaryFormat;
  readonly sink: LinkedStorage;
  readonly sinkFormat: BinaryFormat;
  readonly level: CompressionLevel;
  readonly workDir: string;
  readonly signal: AbortSignal;
}

/**
 * Copies the bytes of `target.sources` (concatenated for MergeFiles) to `target.path`,
 * decompressing the source's codec and compressing with the sink's when they differ. Between
 * two local containers with nothing to convert it is a kernel file copy to a temporary name
 * and a rename; otherwise a stream into the connector's atomic write.
 */
export async function copyBinary(ends: BinaryEnds, target: SinkFile): Promise<BinaryResult> {
  const sameBytes = ends.sourceFormat.compression === ends.sinkFormat.compression;
  const only = target.sources.length === 1 ? target.sources[0] : undefined;
  if (
    sameBytes &&
    only !== undefined &&
    ends.source.localRoot !== undefined &&
    ends.sink.localRoot !== undefined
  ) {
    const from = await localFilePath(ends.source.localRoot, only.file.path);
    const sink = await openSinkTarget({
      storage: ends.sink,
      path: target.path,
      workDir: ends.workDir,
      compress: "none",
      level: ends.level,
      signal: ends.signal,
    });
    try {
      // EXCL: libuv then skips truncating the (new) file first, and ext4 treats a truncated
      // file's close as a replace and flushes it there, which halved the copy's speed.
      // FICLONE: a reflink where the file system has them (as `cp` does), else a copy.
      await copyFile(from, sink.diskPath, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
      const bytesWritten = await sink.commit();
      return { bytesRead: only.file.size, bytesWritten };
    } catch (error) {
      await sink.discard();
      throw error;
    }
  }
  const read = new ByteCounter();
  const written = new ByteCounter();
  const stages: Duplex[] = [read];
  if (!sameBytes) {
    const inflate = decompressor(ends.sourceFormat.compression);
    const deflate = compressor(ends.sinkFormat.compression, ends.level);
    if (inflate !== undefined) stages.push(inflate);
    if (deflate !== undefined) stages.push(deflate);
  }
  stages.push(written);
  const body = addAbortSignal(ends.signal, Readable.from(concatenated(ends, target, ends.signal)));
  let stream: Readable = body;
  for (const stage of stages) {
    stream.on("error", (error) => stage.destroy(error));
    stream = stream.pipe(stage);
  }
  await ends.sink.connector.write(target.path, stream);
  return { bytesRead: read.bytes, bytesWritten: written.bytes };
}

async function* concatenated(
  ends: BinaryEnds,
  target: SinkFile,
  signal: AbortSignal,
): AsyncGenerator<Buffer> {
  for (const source of target.sources) {
    signal.throwIfAborted();
    const stream = await ends.source.connector.read(source.file.path);
    for await (const chunk of stream) yield chunk as Buffer;
  }
}
