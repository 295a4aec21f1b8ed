/**
 * Activity-run statuses and the error object ADF reports, as plain data. The engine stores
 * these; the pure functions in this folder decide them.
 */

/** A terminal activity status: what dependency conditions and the leaf rule look at. */
export type FinalStatus = "Succeeded" | "Failed" | "Skipped" | "Cancelled";

/** An activity run's status, as ADF's activity-run API reports it. */
export type ActivityStatus = "Queued" | "InProgress" | FinalStatus;

/** The outcome of a container (a pipeline, or a ForEach/If/Switch/Until branch). */
export type ContainerStatus = "Succeeded" | "Failed" | "Cancelled";

/**
 * ADF's activity error object (`error` on an activity run): `errorCode` is ADF's code (a
 * string such as `"ActionFailed"` or a number as text), `failureType` `UserError` or
 * `SystemError`, `target` the activity name.
 */
export interface ActivityError {
  readonly errorCode: string;
  readonly message: string;
  readonly failureType: "UserError" | "SystemError";
  readonly target: string;
  readonly details?: readonly unknown[];
}

/** True for the statuses after which an activity never changes again. */
export function isFinalStatus(status: ActivityStatus | undefined): status is FinalStatus {
  return (
    status === "Succeeded" || status === "Failed" || status === "Skipped" || status === "Cancelled"
  );
}

/** An {@link ActivityError} of type UserError (the usual kind: the user's work failed). */
export function userError(target: string, errorCode: string, message: string): ActivityError {
  return { errorCode, message, failureType: "UserError", target };
}
