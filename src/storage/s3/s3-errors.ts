import { isSluiceError } from "../../core/index.js";
import { storageError, type StorageErrorSubject } from "../storage-errors.js";

interface S3ServiceError {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** The HTTP status of an S3 SDK error, when the server answered. */
export function s3Status(error: unknown): number | undefined {
  if (error === null || typeof error !== "object") return undefined;
  return (error as S3ServiceError).$metadata?.httpStatusCode;
}

/**
 * Maps an S3 SDK error to the matching `Storage*` error (the SDK error stays as `cause`);
 * other errors (a body stream that broke, a SluiceError) pass through unchanged.
 */
export function s3Error(error: unknown, subject: StorageErrorSubject): unknown {
  if (isSluiceError(error) || error === null || typeof error !== "object") return error;
  const status = s3Status(error);
  const failure = error as S3ServiceError;
  const name = failure.name ?? "Error";
  if (status === 404) {
    const what = name === "NoSuchBucket" ? "no such bucket" : "no such object";
    return storageError("StorageNotFound", subject, `${what} (${name}).`, error);
  }
  if (status === 401 || status === 403) {
    return storageError(
      "StorageAccessDenied",
      subject,
      `S3 refused access (${status} ${name}): check accessKeyId, secretAccessKey and the bucket's policy.`,
      error,
    );
  }
  if (status === 409 || status === 412) {
    return storageError("StorageConflict", subject, `S3 answered ${status} ${name}.`, error);
  }
  if (status !== undefined) {
    return storageError("StorageUnavailable", subject, `S3 answered ${status} ${name}.`, error);
  }
  const code = failure.code;
  if (typeof code === "string" && /^E[A-Z]+$/u.test(code)) {
    return storageError(
      "StorageUnavailable",
      subject,
      `cannot reach the S3 endpoint (${code}).`,
      error,
    );
  }
  return error;
}
