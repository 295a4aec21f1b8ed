import { SluiceError, type RandomSource } from "../core/index.js";

/**
 * The key a Batch id is stored and looked up under. Batch ids (letters, digits, `-`, `_`)
 * are unique regardless of case but keep the case they were given.
 */
export function idKey(id: string): string {
  return id.toLowerCase();
}

/** A fresh etag in Batch's shape (`0x` and hex digits), drawn from `random`. */
export function newEtag(random: RandomSource): string {
  const hex = Array.from(random.bytes(8), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `0x${hex.toUpperCase()}`;
}

/** The error for a record that does not exist. */
export function notFound(kind: string, id: string): SluiceError {
  return new SluiceError("StoreNotFound", `There is no ${kind} with id "${id}".`, {
    details: { kind, id },
  });
}

/** The error for an If-Match etag that no longer matches. */
export function etagConflict(
  kind: string,
  id: string,
  expected: string,
  actual: string,
): SluiceError {
  return new SluiceError(
    "StoreConflict",
    `The ${kind} "${id}" has changed since it was read: If-Match etag ${expected} does not match the current ${actual}. Read it again and retry.`,
    { details: { kind, id, ifMatch: expected, etag: actual } },
  );
}

/** The error for an id already taken (in any case). */
export function duplicate(kind: string, id: string): SluiceError {
  return new SluiceError(
    "StoreDuplicate",
    `A ${kind} with id "${id}" already exists (ids are unique regardless of case).`,
    { details: { kind, id } },
  );
}
