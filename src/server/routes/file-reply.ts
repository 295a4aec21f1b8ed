// Sends a file's bytes (whole or a range) with Batch's file headers.
import type { FastifyReply } from "fastify";
import { BatchError, type FileContent } from "../../batch/index.js";

/**
 * Replies with `file`. A range asked with `ocp-range` (Batch's header) answers 200, as
 * Batch does; one asked with `Range` answers 206 with `Content-Range`, or 416 when it
 * starts past the end. Whole files answer 200.
 */
export async function sendFile(
  reply: FastifyReply,
  file: FileContent,
  range: { batch: boolean } | undefined,
  url: string,
): Promise<FastifyReply> {
  const length = Math.max(0, file.end - file.start + 1);
  if (range !== undefined && !range.batch && length === 0 && file.size > 0) {
    file.body.destroy();
    reply.header("content-range", `bytes */${file.size}`);
    throw new BatchError(
      "InvalidRange",
      `The range starts at byte ${file.start}, past the end of the file (${file.size} bytes).`,
    );
  }
  reply
    .header("content-type", "application/octet-stream")
    .header("last-modified", file.lastModified.toUTCString())
    .header("ocp-batch-file-isdirectory", "false")
    .header("ocp-batch-file-url", url)
    .header("content-length", String(length));
  if (range !== undefined) {
    reply.header(
      "content-range",
      length === 0 ? `bytes */${file.size}` : `bytes ${file.start}-${file.end}/${file.size}`,
    );
    if (!range.batch) reply.code(206);
  }
  return reply.send(file.body);
}
