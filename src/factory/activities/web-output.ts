import type { JsonObject } from "../../core/index.js";
import type { WebResponse } from "./web-call.js";
import { displayUrl } from "./web-request.js";

/**
 * A Web activity's output, as ADF shows it: the fields of a JSON object body at the top
 * (any other body, JSON array and empty included, as the text `Response`), then
 * `ADFWebActivityResponseHeaders` (names in their usual capitalisation: fetch lowers them)
 * and `ADFHttpStatusCodeInResponse` (the status as text).
 */
export function webOutput(response: WebResponse): JsonObject {
  const parsed = parseObject(response.text);
  const headers: JsonObject = {};
  response.headers.forEach((value, name) => {
    headers[canonicalHeaderName(name)] = value;
  });
  return {
    ...(parsed ?? { Response: response.text }),
    ADFWebActivityResponseHeaders: headers,
    ADFHttpStatusCodeInResponse: String(response.status),
  };
}

/** A JSON object body, or undefined for anything else. */
export function parseObject(text: string): JsonObject | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as JsonObject)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `content-type` -> `Content-Type`. */
export function canonicalHeaderName(name: string): string {
  return name.replace(
    /(^|-)([a-z])/gu,
    (_match, dash: string, letter: string) => dash + letter.toUpperCase(),
  );
}

/** Longest response body quoted in a failure message. */
const quotedBodyChars = 4000;

/** ADF's 2108 wording for a non-2xx status, with the body (cut at 4,000 characters). */
export function statusFailureMessage(url: string, response: WebResponse): string {
  const status = `${response.status}${response.statusText === "" ? "" : ` (${response.statusText})`}`;
  const body =
    response.text.length > quotedBodyChars
      ? `${response.text.slice(0, quotedBodyChars)}...`
      : response.text;
  return `Error calling the endpoint '${displayUrl(url)}'. Response status code: '${status}'. Response body: '${body}'.`;
}
