import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import avro from "avsc";
import { SluiceError } from "../../core/index.js";
import { avroReadCodecs } from "./avro-codecs.js";
import { avroColumns, type AvroColumn } from "./avro-columns.js";
import type { StageRequest, StagedFile } from "./staged-source.js";

/**
 * Streams an Avro container file (any codec it names: null, deflate, snappy) into a JSON-lines
 * file in `workDir`, one record a line, that DuckDB reads with the columns the file's schema
 * gives; memory holds a block at a time, never the file.
 */
export async function stageAvro(request: StageRequest): Promise<StagedFile> {
  const path = join(request.workDir, `source-${randomUUID()}.jsonl`);
  const tail = lastBytes(16);
  const decoder = new avro.streams.BlockDecoder({ codecs: avroReadCodecs() });
  let columns: AvroColumn[] | undefined;
  let sync: Buffer | undefined;
  decoder.on("metadata", (_type: unknown, _codec: unknown, header: AvroHeader) => {
    // Thrown here, an error would escape the stream (avsc emits this inside its write).
    try {
      sync = header.sync;
      columns = recordColumns(header, request.file.path);
      if (columns === undefined) decoder.destroy(notRecords(request.file.path));
    } catch (error) {
      decoder.destroy(error as Error);
    }
  });
  const toLines = new Transform({
    writableObjectMode: true,
    transform(record: Record<string, unknown>, _encoding, done) {
      const line: Record<string, unknown> = {};
      for (const column of columns ?? []) line[column.name] = column.toJson(record[column.name]);
      done(null, `${JSON.stringify(line)}\n`);
    },
  });
  try {
    await pipeline(
      await request.storage.connector.read(request.file.path),
      tail.keeper,
      decoder,
      toLines,
      createWriteStream(path),
      { signal: request.signal },
    );
  } catch (error) {
    if (error instanceof SluiceError || request.signal.aborted) throw error;
    throw invalidAvro(request.file.path, error);
  }
  if (columns === undefined) throw invalidAvro(request.file.path, new Error("no header"));
  // avsc ignores bytes left after the last whole block; a complete file ends in a sync marker.
  if (sync === undefined || !tail.bytes().equals(sync)) {
    throw invalidAvro(request.file.path, new Error("it ends inside a block (truncated)"));
  }
  return { path, compression: "none", avroColumns: columns };
}

/** The container header avsc hands to `metadata` listeners. */
interface AvroHeader {
  readonly meta: Readonly<Record<string, Buffer>>;
  readonly sync: Buffer;
}

/** A pass-through stream remembering the last `count` bytes that went through it. */
function lastBytes(count: number): { keeper: Transform; bytes: () => Buffer } {
  let last = Buffer.alloc(0);
  const keeper = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      last = Buffer.concat([last, chunk.subarray(-count)]).subarray(-count);
      done(null, chunk);
    },
  });
  return { keeper, bytes: () => last };
}

// The schema as the file states it: avsc's parsed type drops the logical types it has no
// class for (date, timestamps, decimal), which decide the DuckDB column types.
function recordColumns(header: AvroHeader, file: string): AvroColumn[] | undefined {
  const text = header.meta["avro.schema"]?.toString("utf8") ?? "";
  const schema = JSON.parse(text) as { type?: unknown; fields?: { name: string; type: unknown }[] };
  if (schema.type !== "record" || schema.fields === undefined) return undefined;
  if (schema.fields.length === 0) throw notRecords(file);
  return avroColumns(schema.fields);
}

function notRecords(file: string): SluiceError {
  return new SluiceError(
    "InvalidArgument",
    `The Avro file '${file}' does not hold records with fields; Copy reads Avro files whose schema is a record.`,
    { details: { adfCode: "AvroInvalidFile", side: "Source" } },
  );
}

function invalidAvro(file: string, error: unknown): SluiceError {
  const reason = error instanceof Error ? error.message : String(error);
  return new SluiceError(
    "InvalidArgument",
    `The file '${file}' is not a valid Avro file: ${reason}`,
    { details: { adfCode: "AvroInvalidFile", side: "Source" }, cause: error },
  );
}
