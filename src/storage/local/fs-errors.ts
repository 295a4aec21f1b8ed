import { isSluiceError, type SluiceError } from "../../core/index.js";
import { storageError, type StorageErrorSubject } from "../storage-errors.js";

/** The errno code of a Node file-system error, or undefined for anything else. */
export function errnoCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  // SluiceErrors have a string code too, but not an errno.
  if (isSluiceError(error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

/** True for errors meaning "nothing there": a missing entry, or a file where a folder was expected. */
export function isMissing(error: unknown): boolean {
  const code = errnoCode(error);
  return code === "ENOENT" || code === "ENOTDIR";
}

/** Maps a file-system error to the matching `Storage*` error; the errno stays as `cause`. */
export function fsError(error: unknown, subject: StorageErrorSubject): SluiceError {
  const code = errnoCode(error);
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return storageError("StorageNotFound", subject, `no such file (${code}).`, error);
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return storageError(
        "StorageAccessDenied",
        subject,
        `the file system refused (${code}).`,
        error,
      );
    case "EISDIR":
    case "EEXIST":
    case "ENOTEMPTY":
      return storageError(
        "StorageConflict",
        subject,
        `a folder and a file cannot share one path on a local disk (${code}).`,
        error,
      );
    default:
      return storageError(
        "StorageUnavailable",
        subject,
        `the file system failed (${code ?? String(error)}).`,
        error,
      );
  }
}
