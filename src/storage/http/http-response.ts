import type { SluiceError } from "../../core/index.js";
import { storageError, type StorageErrorSubject } from "../storage-errors.js";

/** Maps a non-success HTTP status to the matching `Storage*` error. */
export function httpStatusError(status: number, subject: StorageErrorSubject): SluiceError {
  if (status === 404 || status === 410) {
    return storageError("StorageNotFound", subject, `the server answered ${status}: no such file.`);
  }
  if (status === 401 || status === 403) {
    return storageError(
      "StorageAccessDenied",
      subject,
      `the server answered ${status}: the URL needs credentials (a SAS in the query, for a blob).`,
    );
  }
  return storageError("StorageUnavailable", subject, `the server answered ${status}.`);
}

/** `StorageUnavailable` for a request that got no answer (refused, reset, timed out). */
export function httpNetworkError(error: unknown, subject: StorageErrorSubject): SluiceError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const why = cause instanceof Error ? cause.message : String(cause);
  return storageError("StorageUnavailable", subject, `the request failed (${why}).`, error);
}

/** The total size from a `Content-Range: bytes 0-0/1234` header, when it states one. */
export function totalFromContentRange(header: string | null): number | undefined {
  const match = /\/(\d+)\s*$/u.exec(header ?? "");
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * The bytes `start..end` (inclusive) of a whole-file stream, for servers that ignore `Range`
 * and answer 200 with everything. Stops reading once past `end`.
 */
export async function* sliceBytes(
  source: AsyncIterable<Uint8Array>,
  start: number,
  end: number | undefined,
): AsyncGenerator<Uint8Array> {
  let offset = 0;
  for await (const chunk of source) {
    const from = Math.max(0, start - offset);
    const to = end === undefined ? chunk.length : Math.min(chunk.length, end - offset + 1);
    if (from < to) yield chunk.subarray(from, to);
    offset += chunk.length;
    if (end !== undefined && offset > end) return;
  }
}
