import type { JsonObject, JsonValue } from "../../core/index.js";
import { userError } from "../engine/index.js";
import type { ActivityOutcome } from "./activity-executor.js";

/** Reads a property the way ADF's callback contract is written: `StatusCode` or `statusCode`. */
function property(object: JsonObject, name: string): JsonValue | undefined {
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The outcome of a WebHook activity from its callback's JSON body. The output is the body
 * itself (an object; `{}` for none, `{Response: ...}` for any other JSON value), so later
 * activities read what the callback sent, `output` included. With `reportStatusOnCallBack`,
 * a `StatusCode` of 400 or more, or an `Error` object, fails the activity with the error's
 * `ErrorCode` and `Message` (names matched in any case, as ADF's examples vary).
 */
export function webhookOutcome(
  activityName: string,
  body: unknown,
  reportStatusOnCallBack: boolean,
): ActivityOutcome {
  const output: JsonObject = isObject(body)
    ? body
    : body === null || body === undefined
      ? {}
      : { Response: body as JsonValue };
  if (!reportStatusOnCallBack) return { status: "Succeeded", output };
  const statusCode = property(output, "statusCode");
  const error = property(output, "error");
  const code = Number(statusCode);
  const failedStatus = Number.isFinite(code) && code >= 400;
  if (!failedStatus && !isObject(error)) return { status: "Succeeded", output };
  const reported = isObject(error) ? error : {};
  const errorCode = property(reported, "errorCode");
  const message = property(reported, "message");
  return {
    status: "Failed",
    error: userError(
      activityName,
      errorCode === undefined || errorCode === null
        ? String(statusCode ?? "WebHookFailed")
        : String(errorCode),
      typeof message === "string"
        ? message
        : `The WebHook callback reported a failure (StatusCode ${String(statusCode ?? "none")}).`,
    ),
    output,
  };
}
