// Request bodies taken as raw bytes or streams (log appends, storage uploads).
import type { FastifyRequest } from "fastify";
import { Readable } from "node:stream";
import { BatchError } from "../../batch/index.js";

/** The request body as a stream (empty when there is none). */
export function bodyStream(request: FastifyRequest): Readable {
  const body = request.body;
  if (body instanceof Readable) return body;
  if (body === undefined || body === null) return Readable.from([]);
  return Readable.from([Buffer.isBuffer(body) ? body : Buffer.from(String(body))]);
}

/** The whole request body, refusing more than `limit` bytes (`RequestBodyTooLarge`). */
export async function readBody(request: FastifyRequest, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of bodyStream(request)) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > limit) {
      throw new BatchError(
        "RequestBodyTooLarge",
        `The body is larger than ${limit} bytes; send it in smaller chunks.`,
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
