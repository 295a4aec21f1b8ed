// Paging and filtering of list calls in Batch's terms: `maxresults`, a continuation token
// carried in `odata.nextLink`, and `$filter` on state.
import { isSluiceError } from "../../core/index.js";
import type { Page } from "../../store/index.js";
import { BatchError } from "../batch-error.js";

/** A page request: `maxResults` 1..1000 (default 1000); the token from the previous page. */
export interface PagingOptions {
  readonly maxResults?: number;
  readonly continuationToken?: string;
}

/** A page of a list in wire shapes; `continuationToken` is set when more follow. */
export interface ListResult<T> {
  readonly value: readonly T[];
  readonly continuationToken?: string;
}

/** Runs a store list call; a bad page size or token is Batch's `InvalidQueryParameterValue`. */
export async function listPage<T>(call: () => Promise<Page<T>>): Promise<Page<T>> {
  try {
    return await call();
  } catch (error) {
    if (!isSluiceError(error) || error.code !== "InvalidArgument") throw error;
    const field = (error.details as { field?: string }).field;
    throw new BatchError("InvalidQueryParameterValue", error.message, {
      PropertyName: field === "maxResults" ? "maxresults" : "$skiptoken",
    });
  }
}

/** Maps a store page's items (in order) to wire shapes. */
export async function collectPages<T, R>(
  page: Page<T>,
  map: (item: T) => Promise<R> | R,
): Promise<ListResult<R>> {
  const value: R[] = [];
  for (const item of page.items) value.push(await map(item));
  return page.continuationToken === undefined
    ? { value }
    : { value, continuationToken: page.continuationToken };
}

/**
 * Reads a `$filter` of the one form Sluice supports, `state eq '<state>'` (keywords in any
 * case), with `state` one of `allowed`. Absent or empty filters match everything.
 */
export function parseStateFilter<S extends string>(
  filter: string | undefined,
  allowed: readonly S[],
): S | undefined {
  if (filter === undefined || filter.trim() === "") return undefined;
  const match = /^\s*state\s+eq\s+'([A-Za-z]+)'\s*$/i.exec(filter);
  const state = match?.[1]?.toLowerCase();
  const found = allowed.find((candidate) => candidate === state);
  if (found === undefined) {
    throw new BatchError(
      "InvalidQueryParameterValue",
      `$filter "${filter}" is not supported: use state eq '<state>' with one of ${allowed.join(", ")}.`,
      {
        PropertyName: "$filter",
        PropertyValue: filter,
        Reason: `Only state eq '<${allowed.join("|")}>' is supported.`,
      },
    );
  }
  return found;
}
