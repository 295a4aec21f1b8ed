import { isSluiceError } from "../../core/index.js";
import type { ActivityError } from "../engine/index.js";

/** Which side of a copy failed, as ADF's messages say. */
export type CopySide = "Source" | "Sink";

/** ADF's code for a failed Copy activity (Lookup uses the same shape with its own). */
export const copyFailureCode = "2200";

/**
 * The activity error for a failure while moving data, in ADF's shape: `errorCode` "2200"
 * and a message `Failure happened on '<side>' side. ErrorCode=<code>,'Message=<text>'`,
 * with `details[0].code` the specific code. Paths on disk are replaced by storage paths
 * (`paths`), and DuckDB's SQL excerpt is dropped: it names temp files, not the user's.
 */
export function dataMovementError(
  target: string,
  error: unknown,
  paths: ReadonlyMap<string, string>,
  errorCode = copyFailureCode,
): ActivityError {
  const classified = classify(error);
  let text = classified.message.split(/\n\s*\n/u)[0]?.trim() ?? "";
  for (const [disk, storagePath] of paths) text = text.replaceAll(disk, storagePath);
  const message = `Failure happened on '${classified.side}' side. ErrorCode=${classified.code},'Message=${text}'`;
  return {
    errorCode,
    message,
    failureType: classified.system ? "SystemError" : "UserError",
    target,
    details: [{ code: classified.code, side: classified.side }],
  };
}

interface Classified {
  readonly code: string;
  readonly side: CopySide;
  readonly message: string;
  readonly system: boolean;
}

function classify(error: unknown): Classified {
  const message = error instanceof Error ? error.message : String(error);
  if (isSluiceError(error)) {
    const adfCode = (error.details as { adfCode?: unknown } | undefined)?.adfCode;
    const side =
      (error.details as { side?: unknown } | undefined)?.side === "Sink" ? "Sink" : "Source";
    const code =
      typeof adfCode === "string"
        ? adfCode
        : (storageCodes[error.code] ?? `UserError${error.code}`);
    return {
      code,
      side,
      message,
      system: error.code === "StorageUnavailable" || error.code === "Internal",
    };
  }
  if (message.startsWith("Conversion Error")) {
    return { code: "TypeConversionFailure", side: "Sink", message, system: false };
  }
  if (message.includes("CSV Error") && /Could not convert|Conversion Error|CAST/iu.test(message)) {
    return { code: "TypeConversionFailure", side: "Sink", message, system: false };
  }
  if (message.includes("CSV Error")) {
    const counts = /Expected Number of Columns: (\d+) Found: (\d+)/u.exec(message);
    const more = counts !== null && Number(counts[2]) > Number(counts[1]);
    const code = more ? "DelimitedTextMoreColumnsThanDefined" : "DelimitedTextMalformedRow";
    return { code, side: "Source", message, system: false };
  }
  if (/Malformed JSON|JSON/u.test(message) && message.startsWith("Invalid Input Error")) {
    return { code: "JsonInvalidDataFormat", side: "Source", message, system: false };
  }
  if (/parquet/iu.test(message) && /Invalid|magic|corrupt/iu.test(message)) {
    return { code: "ParquetInvalidFile", side: "Source", message, system: false };
  }
  return { code: "SystemErrorDataMovement", side: "Source", message, system: true };
}

const storageCodes: Readonly<Record<string, string>> = {
  StorageNotFound: "UserErrorFileNotFound",
  StorageAccessDenied: "UserErrorAccessForbidden",
  StoragePathInvalid: "UserErrorInvalidFilePath",
  StorageConflict: "UserErrorFileConflict",
  StorageUnavailable: "SystemErrorStorageUnavailable",
  InvalidArgument: "UserErrorInvalidCopySettings",
};
