import { SluiceError, type ErrorCode } from "../core/index.js";

/** What a storage error is about: the connector's description and the path, when one. */
export interface StorageErrorSubject {
  readonly storage: string;
  readonly path?: string;
}

/** A `Storage*` error whose message names the storage and the path. */
export function storageError(
  code: ErrorCode,
  subject: StorageErrorSubject,
  problem: string,
  cause?: unknown,
): SluiceError {
  const where =
    subject.path === undefined
      ? subject.storage
      : `${JSON.stringify(subject.path)} in ${subject.storage}`;
  return new SluiceError(code, `${where}: ${problem}`, {
    details: {
      storage: subject.storage,
      ...(subject.path === undefined ? {} : { path: subject.path }),
    },
    cause,
  });
}

/** `StorageNotFound` for a file that does not exist. */
export function fileNotFound(subject: StorageErrorSubject, cause?: unknown): SluiceError {
  return storageError("StorageNotFound", subject, "no such file.", cause);
}
