import { realpath } from "node:fs/promises";
import { dirname, sep } from "node:path";
import { storageError, type StorageErrorSubject } from "../storage-errors.js";
import { isMissing } from "./fs-errors.js";

/**
 * Resolves `fullPath` (a path under the root, possibly through symbolic links) to its real
 * location, and refuses it with `StorageAccessDenied` when that lies outside `realRoot`.
 * Returns undefined when nothing exists there (including a dangling link).
 */
export async function realInside(
  realRoot: string,
  fullPath: string,
  subject: StorageErrorSubject,
): Promise<string | undefined> {
  let real: string;
  try {
    real = await realpath(fullPath);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  if (!isInside(realRoot, real)) throw outsideRoot(subject);
  return real;
}

/**
 * The real location of the deepest existing ancestor of `fullPath` (itself included), after
 * checking that it lies inside `realRoot`. Folders created below it are then inside too,
 * which is what makes `mkdir -p` safe against links that point out of the root.
 */
export async function realExistingAncestor(
  realRoot: string,
  fullPath: string,
  subject: StorageErrorSubject,
): Promise<string> {
  let candidate = fullPath;
  for (;;) {
    const real = await realInside(realRoot, candidate, subject);
    if (real !== undefined) return real;
    const parent = dirname(candidate);
    if (parent === candidate) throw outsideRoot(subject);
    candidate = parent;
  }
}

/** True when `real` is `realRoot` or below it. */
export function isInside(realRoot: string, real: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
}

function outsideRoot(subject: StorageErrorSubject): Error {
  return storageError(
    "StorageAccessDenied",
    subject,
    "the path leads out of the storage root through a symbolic link; links may only point inside the root.",
  );
}
