import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { Transform, type Duplex } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { StorageFile } from "../../storage/index.js";
import type { LinkedStorage } from "../connections/linked-storage.js";
import type { AvroColumn } from "./avro-columns.js";
import { stageAvro } from "./avro-stage.js";
import { decompressor } from "./compression.js";
import type { TabularFormat } from "./file-format.js";
import { localFilePath } from "./local-file.js";

/** A source file where DuckDB can read it: a path on disk, maybe still gzip-compressed. */
export interface StagedFile {
  readonly path: string;
  /** The compression DuckDB reads through (it decompresses gzip itself). */
  readonly compression: "gzip" | "none";
  /** An Avro source staged as JSON lines: its columns, from the file's schema. */
  readonly avroColumns?: readonly AvroColumn[];
}

/** What staging needs: the file, its storage and format, and a work folder for copies. */
export interface StageRequest {
  readonly storage: LinkedStorage;
  readonly file: StorageFile;
  readonly format: TabularFormat;
  readonly workDir: string;
  readonly signal: AbortSignal;
}

/**
 * Makes a source file readable by DuckDB. A local UTF-8 file that is plain or gzip is read
 * where it lies; anything else is streamed into `workDir` (decompressing deflate and bzip2,
 * and re-encoding other encodings to UTF-8 on the way), never held in memory. Avro files
 * are decoded into JSON lines (DuckDB has no Avro reader without a downloaded extension).
 */
export async function stageSource(request: StageRequest): Promise<StagedFile> {
  const { storage, file, format } = request;
  if (format.kind === "avro") return stageAvro(request);
  const encoding = format.kind === "parquet" ? "utf-8" : format.encoding;
  const codec = format.kind === "parquet" ? "none" : format.compression;
  const transcode = encoding !== "utf-8";
  const duckReadsIt = !transcode && (codec === "none" || codec === "gzip");
  if (duckReadsIt && storage.localRoot !== undefined) {
    return { path: await localFilePath(storage.localRoot, file.path), compression: codec };
  }
  const path = join(request.workDir, `source-${randomUUID()}`);
  const stages: (NodeJS.ReadableStream | Duplex | NodeJS.WritableStream)[] = [
    await storage.connector.read(file.path),
  ];
  if (!duckReadsIt) {
    const inflate = decompressor(codec);
    if (inflate !== undefined) stages.push(inflate);
  }
  if (transcode) stages.push(toUtf8(encoding));
  stages.push(createWriteStream(path));
  await pipeline(stages as [NodeJS.ReadableStream, NodeJS.WritableStream], {
    signal: request.signal,
  });
  return { path, compression: duckReadsIt ? codec : "none" };
}

/** Re-encodes text in `encoding` (a WHATWG label) as UTF-8, chunk by chunk. */
function toUtf8(encoding: string): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), "utf8"));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), "utf8"));
    },
  });
}
