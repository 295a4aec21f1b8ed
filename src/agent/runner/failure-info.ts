import type { TaskFailureInfo } from "./task-run-spec.js";

/**
 * Batch's task failure codes (`TaskFailureInformationCodes` in the Batch SDKs, with the
 * categories of Batch's error code table), so clients that match on them keep working.
 */
const categories = {
  BlobNotFound: "usererror",
  BlobAccessDenied: "usererror",
  BlobDownloadTimedOut: "servererror",
  BlobDownloadMiscError: "servererror",
  ResourceDirectoryCreateFailed: "servererror",
  ResourceFileCreateFailed: "servererror",
  ResourceFileWriteFailed: "servererror",
  CommandProgramNotFound: "usererror",
  CommandLaunchFailed: "usererror",
  FailureExitCode: "usererror",
  TaskEnded: "usererror",
  FileUploadAccessDenied: "usererror",
  FileUploadContainerNotFound: "usererror",
  FileUploadConflict: "usererror",
  FileUploadTimedOut: "usererror",
  FileUploadMiscError: "usererror",
  // Sluice's: an application package the task references is missing or cannot be unpacked.
  ApplicationPackageNotFound: "usererror",
  ApplicationPackageInstallFailed: "usererror",
  // Sluice's: `userIdentity.userName` names a pool user account, which Sluice nodes lack.
  UserIdentityNotSupported: "usererror",
} as const satisfies Record<string, TaskFailureInfo["category"]>;

/** A Batch task failure code the runner reports. */
export type TaskFailureCode = keyof typeof categories;

/** Builds a failure info with Batch's category for `code`, unless one is given. */
export function failure(
  code: TaskFailureCode,
  message: string,
  details: Record<string, string> = {},
  category: TaskFailureInfo["category"] = categories[code],
): TaskFailureInfo {
  const pairs = Object.entries(details).map(([name, value]) => ({ name, value }));
  return pairs.length === 0
    ? { category, code, message }
    : { category, code, message, details: pairs };
}

function errorFacts(error: unknown): { code?: string; status?: number; message: string } {
  const record =
    typeof error === "object" && error !== null ? (error as Record<string, unknown>) : {};
  const status = record.statusCode ?? record.status;
  return {
    code: typeof record.code === "string" ? record.code : undefined,
    status: typeof status === "number" ? status : undefined,
    message: error instanceof Error ? error.message : String(error),
  };
}

/** Classifies an error from a resource file source's `open()` or stream. */
export function downloadFailureCode(error: unknown): TaskFailureCode {
  const { code, status } = errorFacts(error);
  // The storage port's codes (StorageNotFound, StorageAccessDenied) count as Batch's own.
  if (code === "BlobNotFound" || code === "StorageNotFound" || code === "ENOENT" || status === 404)
    return "BlobNotFound";
  if (
    code === "BlobAccessDenied" ||
    code === "StorageAccessDenied" ||
    code === "EACCES" ||
    status === 401 ||
    status === 403
  ) {
    return "BlobAccessDenied";
  }
  if (code === "BlobDownloadTimedOut" || code === "ETIMEDOUT") return "BlobDownloadTimedOut";
  return "BlobDownloadMiscError";
}

const uploadCodes: readonly TaskFailureCode[] = [
  "FileUploadAccessDenied",
  "FileUploadContainerNotFound",
  "FileUploadConflict",
  "FileUploadTimedOut",
];

/** Classifies an error from an output file's `upload()`. */
export function uploadFailureCode(error: unknown): TaskFailureCode {
  const { code, status } = errorFacts(error);
  const known = uploadCodes.find((candidate) => candidate === code);
  if (known !== undefined) return known;
  if (code === "StorageAccessDenied" || status === 401 || status === 403)
    return "FileUploadAccessDenied";
  if (code === "StorageNotFound" || status === 404) return "FileUploadContainerNotFound";
  if (code === "StorageConflict" || status === 409) return "FileUploadConflict";
  return "FileUploadMiscError";
}

/** The message of any thrown value. */
export function errorMessage(error: unknown): string {
  return errorFacts(error).message;
}
