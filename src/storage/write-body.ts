import { Readable } from "node:stream";
import type { WriteBody } from "./storage-connector.js";

/** A body as a stream; bytes and text become a one-chunk stream (UTF-8 for text). */
export function bodyStream(body: WriteBody): Readable {
  if (typeof body === "string") return Readable.from([Buffer.from(body, "utf8")]);
  // Readable.from(bytes) would emit one number per byte; wrap the buffer as a single chunk.
  if (body instanceof Uint8Array) return Readable.from([body]);
  // A connector may do I/O (mkdir, open) before it starts reading: an error the caller's
  // stream emits meanwhile must not crash the process as an unhandled 'error' event. It is
  // not lost: the stream keeps it as `errored`, and the pipeline that reads it rejects with it.
  body.on("error", keepForReader);
  return body;
}

function keepForReader(): void {
  // The error stays on the stream (see bodyStream).
}

/** An empty stream, for a range that starts at or past the end of a file. */
export function emptyStream(): Readable {
  return Readable.from([]);
}
