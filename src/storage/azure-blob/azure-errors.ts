import { RestError } from "@azure/storage-blob";
import { isSluiceError, type SluiceError } from "../../core/index.js";
import { storageError, type StorageErrorSubject } from "../storage-errors.js";

/** The HTTP status of an Azure SDK error, when the service answered. */
export function azureStatus(error: unknown): number | undefined {
  return error instanceof RestError ? error.statusCode : undefined;
}

/** Maps an Azure SDK error to the matching `Storage*` error; the SDK error stays as `cause`. */
export function azureError(error: unknown, subject: StorageErrorSubject): SluiceError | unknown {
  if (isSluiceError(error) || !(error instanceof RestError)) return error;
  const status = error.statusCode;
  const code = error.code ?? "no code";
  if (status === 404) {
    const what = code === "ContainerNotFound" ? "no such container" : "no such blob";
    return storageError("StorageNotFound", subject, `${what} (${code}).`, error);
  }
  if (status === 401 || status === 403) {
    return storageError(
      "StorageAccessDenied",
      subject,
      `Azure refused access (${status} ${code}): check the SAS token's permissions and expiry, or the account key.`,
      error,
    );
  }
  if (status === 409 || status === 412 || code === "InvalidBlockList") {
    return storageError(
      "StorageConflict",
      subject,
      `another writer changed the blob during this operation (${status ?? ""} ${code}); retry.`,
      error,
    );
  }
  if (status === undefined || status === 408 || status >= 500) {
    const why = status === undefined ? error.message : `${status} ${code}`;
    return storageError("StorageUnavailable", subject, `Azure Blob failed (${why}).`, error);
  }
  return storageError(
    "StorageUnavailable",
    subject,
    `Azure Blob answered ${status} ${code}.`,
    error,
  );
}
