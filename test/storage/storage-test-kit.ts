import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { isSluiceError } from "../../src/core/index.js";
import type { StorageEntry } from "../../src/storage/index.js";

/** Reads a stream to the end. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Collects a listing. */
export async function collect(entries: AsyncIterable<StorageEntry>): Promise<StorageEntry[]> {
  const all: StorageEntry[] = [];
  for await (const entry of entries) all.push(entry);
  return all;
}

/** A listing as `path` for files and `path/` for folders, for compact assertions. */
export async function listed(entries: AsyncIterable<StorageEntry>): Promise<string[]> {
  return (await collect(entries)).map((entry) =>
    entry.kind === "directory" ? `${entry.path}/` : entry.path,
  );
}

/** Runs `action` and returns the SluiceError code it rejects with (fails if it resolves). */
export async function errorCode(action: () => Promise<unknown>): Promise<string> {
  const error = await action().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSluiceError(error)) throw new Error(`expected a SluiceError, got ${String(error)}`);
  return error.code;
}

/** Deterministic bytes (a linear congruential sequence): different per seed, same per run. */
export function patternBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let index = 0; index < length; index += 1) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

/** A stream of `total` pattern bytes in `chunk`-sized pieces, generated as it is read. */
export function patternStream(total: number, chunk: number, seed: number): Readable {
  return Readable.from(
    (function* generate() {
      const block = patternBytes(chunk, seed);
      for (let sent = 0; sent < total; sent += chunk) {
        yield block.subarray(0, Math.min(chunk, total - sent));
      }
    })(),
  );
}

/** The SHA-256 of some bytes, hex. */
export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Paths every adapter must refuse before any I/O. */
export const escapingPaths: readonly string[] = [
  "../outside.txt",
  "a/../../outside.txt",
  "a/..",
  "/etc/passwd",
  "C:/windows/x.txt",
  "a\\..\\b.txt",
  "a\u0000b.txt",
  "a//b.txt",
  "./a.txt",
  "a/",
  "",
  "x".repeat(1025),
];
