import type { ActivityError } from "./run-status.js";

/** One of Fail's two properties after evaluation. */
export type FailField =
  | { readonly kind: "value"; readonly value: unknown }
  /** The property is absent from the JSON. */
  | { readonly kind: "missing" }
  /** Its dynamic content could not be evaluated (an expression error). */
  | { readonly kind: "error" };

/**
 * The error a Fail activity ends with, following ADF's table "Understand the Fail activity
 * error code": the user's message and code when both evaluate to non-blank text; otherwise
 * ADF's fallbacks (`ErrorCodeNotString`, "Failed to interpret <name> fail message or error
 * code", "<name> fail message parameter couldn't be interpreted as a string", "Fail message
 * wasn't provided"). A non-text value that is not blank counts as "not a string".
 */
export function failActivityError(
  activityName: string,
  message: FailField,
  errorCode: FailField,
): ActivityError {
  const codeText = textOf(errorCode);
  const messageText = textOf(message);
  const code = codeText ?? "ErrorCodeNotString";
  let text: string;
  if (message.kind === "missing") text = "Fail message wasn't provided";
  else if (message.kind === "error" && errorCode.kind === "error") {
    text = `Failed to interpret ${activityName} fail message or error code`;
  } else if (messageText !== undefined) text = messageText;
  else if (message.kind === "value" && isBlank(message.value)) {
    text = `Failed to interpret ${activityName} fail message or error code`;
  } else text = `${activityName} fail message parameter couldn't be interpreted as a string`;
  return { errorCode: code, message: text, failureType: "UserError", target: activityName };
}

function textOf(field: FailField): string | undefined {
  if (field.kind !== "value" || typeof field.value !== "string") return undefined;
  return field.value.trim() === "" ? undefined : field.value;
}

function isBlank(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === "string" && value.trim() === "")
  );
}
