import { SluiceError } from "../core/index.js";

/** Default and largest page size, as Batch's `maxresults`. */
export const maxPageSize = 1000;

/** Paging for list calls. */
export interface ListOptions {
  /** Items per page, 1 to 1000; default 1000 (Batch's default and maximum). */
  readonly maxResults?: number;
  /** The token from the previous page; omit for the first page. */
  readonly continuationToken?: string;
}

/** One page of a list; `continuationToken` is present when more items follow. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly continuationToken?: string;
}

/** The validated page size of `options`. */
export function pageSize(options: ListOptions): number {
  const size = options.maxResults ?? maxPageSize;
  if (!Number.isInteger(size) || size < 1 || size > maxPageSize) {
    throw new SluiceError(
      "InvalidArgument",
      `maxResults is ${String(size)}; it must be an integer from 1 to ${maxPageSize}.`,
      { details: { field: "maxResults", value: size, minimum: 1, maximum: maxPageSize } },
    );
  }
  return size;
}

/**
 * An opaque token holding the last key of a page (keyset paging: stable while rows are added
 * or removed, and each page is one index range scan).
 */
export function encodeContinuationToken(lastKey: string): string {
  return Buffer.from(JSON.stringify({ after: lastKey }), "utf8").toString("base64url");
}

/** The key a token from {@link encodeContinuationToken} resumes after; rejects any other text. */
export function decodeContinuationToken(token: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch (cause) {
    throw badToken(token, cause);
  }
  const after = (parsed as { after?: unknown } | null)?.after;
  if (typeof after !== "string") throw badToken(token);
  return after;
}

/** Like {@link decodeContinuationToken}, for pages keyed by a row number. */
export function decodeNumericContinuationToken(token: string): number {
  const after = Number(decodeContinuationToken(token));
  if (!Number.isSafeInteger(after)) throw badToken(token);
  return after;
}

function badToken(token: string, cause?: unknown): SluiceError {
  return new SluiceError(
    "InvalidArgument",
    `continuationToken "${token}" is not a token this list returned; pass the token from the previous page unchanged.`,
    { details: { field: "continuationToken", value: token }, cause },
  );
}

/** Cuts `rows` (fetched with one extra row) to a page and its token. */
export function toPage<R, T>(
  rows: readonly R[],
  size: number,
  keyOf: (row: R) => string,
  map: (row: R) => T,
): Page<T> {
  const pageRows = rows.slice(0, size);
  const last = pageRows.at(-1);
  const items = pageRows.map(map);
  return rows.length > size && last !== undefined
    ? { items, continuationToken: encodeContinuationToken(keyOf(last)) }
    : { items };
}
