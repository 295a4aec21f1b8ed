import { isSluiceError } from "../../core/index.js";
import { storageError, type StorageErrorSubject } from "../storage-errors.js";

/** A Node-style SFTP call as a promise. */
export function sftpCall<T = void>(
  start: (done: (error: Error | null | undefined, value?: T) => void) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    start((error, value) => {
      if (error !== undefined && error !== null) reject(error);
      else resolve(value as T);
    });
  });
}

// SFTP status codes (draft-ietf-secsh-filexfer-02): 2 no such file, 3 permission denied.
const noSuchFile = 2;
const permissionDenied = 3;

/**
 * Maps an SFTP status error to the matching `Storage*` error; other errors (a body stream
 * that broke, a SluiceError) pass through unchanged so the caller sees their own cause.
 */
export function sftpError(error: unknown, subject: StorageErrorSubject): unknown {
  if (isSluiceError(error) || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (code === noSuchFile) return storageError("StorageNotFound", subject, "no such file.", error);
  if (code === permissionDenied) {
    return storageError(
      "StorageAccessDenied",
      subject,
      "the SFTP server denied permission.",
      error,
    );
  }
  if (typeof code === "number") {
    return storageError(
      "StorageUnavailable",
      subject,
      `the SFTP server failed (${error.message}).`,
      error,
    );
  }
  return error;
}
