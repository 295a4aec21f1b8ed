import { createRequire } from "node:module";
import { crc32, deflateRaw, inflateRaw } from "node:zlib";

/** avsc's block codec: compresses or decompresses one block, calling back with the result. */
export type AvroCodec = (
  buffer: Buffer,
  done: (error: Error | null, result?: Buffer) => void,
) => void;

interface SnappyBinding {
  compressSync(input: Buffer): Buffer;
  uncompressSync(input: Buffer, options: { asBuffer: true }): Buffer;
}

// The native binding is loaded at the first snappy block, not when Sluice starts.
let snappyBinding: SnappyBinding | undefined;
function snappy(): SnappyBinding {
  snappyBinding ??= createRequire(import.meta.url)("snappy") as SnappyBinding;
  return snappyBinding;
}

/**
 * The codecs Sluice reads Avro files with: all three the Avro spec names that ADF writes
 * (giving codecs replaces avsc's own, so `null` is here too). A snappy block is the compressed bytes followed by the
 * big-endian CRC-32 of the uncompressed ones, which is checked.
 */
export function avroReadCodecs(): Record<string, AvroCodec> {
  return {
    null: (buffer, done) => done(null, buffer),
    deflate: (buffer, done) => inflateRaw(buffer, done),
    snappy: (buffer, done) => {
      try {
        const data = snappy().uncompressSync(buffer.subarray(0, buffer.length - 4), {
          asBuffer: true,
        });
        if (buffer.length < 4 || crc32(data) !== buffer.readUInt32BE(buffer.length - 4)) {
          done(new Error("A snappy block's CRC-32 does not match its data."));
          return;
        }
        done(null, data);
      } catch (error) {
        done(error as Error);
      }
    },
  };
}

/** The codecs Sluice writes Avro files with; deflate at `level` (zlib's default if unset). */
export function avroWriteCodecs(level: number | undefined): Record<string, AvroCodec> {
  return {
    null: (buffer, done) => done(null, buffer),
    deflate: (buffer, done) => deflateRaw(buffer, level === undefined ? {} : { level }, done),
    snappy: (buffer, done) => {
      try {
        const checksum = Buffer.alloc(4);
        checksum.writeUInt32BE(crc32(buffer));
        done(null, Buffer.concat([snappy().compressSync(buffer), checksum]));
      } catch (error) {
        done(error as Error);
      }
    },
  };
}
