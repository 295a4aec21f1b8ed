import { isSluiceError } from "../../core/index.js";
import { userError, type ActivityError } from "./run-status.js";

/**
 * The activity failure for an error thrown while preparing or running an activity: an
 * expression error (ADF reports these as `InvalidTemplate`), a definition error Sluice found
 * (`InvalidArgument`: a bad timeout, batchCount...), or anything else. The Sluice code is
 * kept in `details` so nothing matches on message text.
 */
export function activityErrorFrom(activityName: string, error: unknown): ActivityError {
  if (isSluiceError(error)) {
    const code = error.code.startsWith("Expression") ? "InvalidTemplate" : error.code;
    return {
      ...userError(activityName, code, error.message),
      details: [{ code: error.code, ...error.details }],
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { errorCode: "InternalError", message, failureType: "SystemError", target: activityName };
}
