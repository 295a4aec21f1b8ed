import type { StorageEntry } from "./storage-connector.js";

/**
 * A listing a store cannot make: an async iterable whose first step rejects with `error`,
 * so a caller sees the refusal where it reads the listing, as with any failed listing.
 */
export function refusingList(error: Error): AsyncIterable<StorageEntry> {
  return {
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }),
  };
}
