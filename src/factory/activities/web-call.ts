import { formatTimeSpan } from "../engine/index.js";
import { displayUrl, type WebRequest } from "./web-request.js";

/** ADF's limit on an activity's output, which a response body becomes: 4 MB. */
export const maxResponseBytes = 4 * 1024 * 1024;

/** A response read whole (its body at most {@link maxResponseBytes}). */
export interface WebResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly text: string;
}

/** How a call ended: a response (any status), or why none came. */
export type WebCallResult =
  | { readonly kind: "response"; readonly response: WebResponse }
  | { readonly kind: "failed"; readonly errorCode: string; readonly message: string }
  | { readonly kind: "aborted" };

/** Options of {@link callEndpoint}. */
export interface CallOptions {
  /** How long to wait for the whole response. */
  readonly timeoutMs: number;
  /** The attempt's signal: cancel or policy timeout. */
  readonly signal: AbortSignal;
}

/**
 * Sends `request` with Node's fetch and reads the response. No response within `timeoutMs`,
 * a connection failure, or a body over 4 MB are failures with ADF's code `2108` (`2001` for
 * the size) and its wording; `signal` aborting ends the call as `aborted`. Redirects are
 * followed. Messages never show the URL's query.
 */
export async function callEndpoint(
  request: WebRequest,
  options: CallOptions,
): Promise<WebCallResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal,
    });
    const text = await readLimited(response);
    if (text === undefined) {
      return {
        kind: "failed",
        errorCode: "2001",
        message: `The response of '${displayUrl(request.url)}' is larger than ADF's 4 MB limit on an activity output.`,
      };
    }
    return {
      kind: "response",
      response: {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        text,
      },
    };
  } catch (error) {
    if (options.signal.aborted) return { kind: "aborted" };
    const why = timeout.aborted
      ? `The request timed out after ${formatTimeSpan(options.timeoutMs)} (httpRequestTimeout).`
      : causeText(error);
    return { kind: "failed", errorCode: "2108", message: unreachable(request.url, why) };
  }
}

/** ADF's 2108 wording for a call that got no response. */
export function unreachable(url: string, why: string): string {
  return `Error calling the endpoint '${displayUrl(url)}'. Response status code: 'NA - Unknown'. More details: Exception message: '${why}'.`;
}

// fetch reports "fetch failed" and keeps the reason (ECONNREFUSED, a certificate error) in `cause`.
function causeText(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const inner = cause instanceof Error ? cause.message : undefined;
  const outer = error instanceof Error ? error.message : String(error);
  return inner === undefined ? outer : `${outer}: ${inner}`;
}

async function readLimited(response: Response): Promise<string | undefined> {
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxResponseBytes) {
      // The rest is never downloaded.
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
