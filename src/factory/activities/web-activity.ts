import { setTimeout as sleep } from "node:timers/promises";
import { SluiceError } from "../../core/index.js";
import { parseTimeSpan, userError } from "../engine/index.js";
import type { ActivityExecutor, ActivityInvocation, ActivityOutcome } from "./activity-executor.js";
import { callEndpoint, type WebCallResult, type WebResponse } from "./web-call.js";
import { statusFailureMessage, webOutput } from "./web-output.js";
import { withReferences } from "./web-references.js";
import {
  authorizationOf,
  bodyText,
  headerValue,
  headersOf,
  methodOf,
  urlOf,
  type WebRequest,
} from "./web-request.js";

/** Tuning of the Web activity. */
export interface WebActivityDeps {
  /** Wait between polls of a 202 reply's `Location` that has no `Retry-After`; default 5,000 ms. */
  readonly asyncPollIntervalMs?: number;
}

const methods = ["GET", "POST", "PUT", "DELETE", "PATCH"];
const withBody = ["POST", "PUT", "PATCH"];
const defaultRequestTimeoutMs = 60_000;
const maxRequestTimeoutMs = 10 * 60_000;
// A Retry-After longer than this is read as this: the activity's own timeout still applies.
const maxPollWaitMs = 10 * 60_000;

/**
 * ADF's Web activity: `method` (GET, POST, PUT, DELETE, PATCH), `url`, `headers`, `body`
 * (text as is, else JSON; with `datasets`/`linkedServices` added as ADF's payload schema
 * says), `authentication` (Basic or none), `httpRequestTimeout` (default 00:01:00, at most
 * 00:10:00). A 202 with `Location` is polled with GET until it is not 202, unless
 * `turnOffAsync`. A 2xx succeeds with {@link webOutput}; any other status fails with
 * errorCode `2108`, the output still showing the body, headers and status.
 * `disableCertValidation` is not honoured: certificates are always checked.
 */
export function createWebActivityExecutor(deps: WebActivityDeps = {}): ActivityExecutor {
  const pollMs = deps.asyncPollIntervalMs ?? 5_000;
  return {
    async run(invocation: ActivityInvocation): Promise<ActivityOutcome> {
      const props = invocation.typeProperties;
      const request = await webActivityRequest(invocation);
      const timeoutMs = requestTimeoutOf(props.httpRequestTimeout);
      const options = { timeoutMs, signal: invocation.signal };
      let result = await callEndpoint(request, options);
      if (
        result.kind === "response" &&
        result.response.status === 202 &&
        props.turnOffAsync !== true
      ) {
        result = await followAsync(result.response, request, options, pollMs);
      }
      return outcomeOf(invocation.activity.name, request.url, result);
    },
  };
}

async function webActivityRequest(invocation: ActivityInvocation): Promise<WebRequest> {
  const props = invocation.typeProperties;
  const method = methodOf(props.method, methods, "WebActivity");
  const url = urlOf(props.url, "WebActivity");
  const headers = headersOf(props.headers, "WebActivity");
  const authorization = authorizationOf(props.authentication, "WebActivity");
  if (authorization !== undefined) headers.Authorization = authorization;
  if (withBody.includes(method) && (props.body === undefined || props.body === null)) {
    throw new SluiceError(
      "InvalidArgument",
      `WebActivity typeProperties.body is required for ${method} requests (ADF requires it for POST, PUT and PATCH).`,
      { details: { field: "body", allowed: "a string or a JSON value" } },
    );
  }
  const body = bodyText(await withReferences(props.body, props, invocation.resources));
  if (body !== undefined && headerValue(headers, "Content-Type") === undefined) {
    headers["Content-Type"] = "application/json";
  }
  return { method, url, headers, ...(body === undefined ? {} : { body }) };
}

function requestTimeoutOf(value: unknown): number {
  if (value === undefined || value === null || value === "") return defaultRequestTimeoutMs;
  return parseTimeSpan(value, {
    field: "WebActivity typeProperties.httpRequestTimeout",
    maxMs: maxRequestTimeoutMs,
    maxText: "00:10:00",
  });
}

/** ADF's asynchronous request-reply: GET the `Location` of a 202 until the answer is not 202. */
async function followAsync(
  first: WebResponse,
  request: WebRequest,
  options: { timeoutMs: number; signal: AbortSignal },
  pollMs: number,
): Promise<WebCallResult> {
  let response = first;
  let url = request.url;
  while (response.status === 202) {
    const location = response.headers.get("location");
    if (location === null) break;
    try {
      await sleep(retryAfterMs(response.headers) ?? pollMs, undefined, { signal: options.signal });
    } catch (error) {
      if (options.signal.aborted) return { kind: "aborted" };
      throw error;
    }
    url = new URL(location, url).href;
    const headers = { ...request.headers };
    for (const name of Object.keys(headers)) {
      if (/^content-/iu.test(name)) delete headers[name];
    }
    const result = await callEndpoint({ method: "GET", url, headers }, options);
    if (result.kind !== "response") return result;
    response = result.response;
  }
  return { kind: "response", response };
}

function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get("retry-after");
  if (value === null || !/^\d+$/u.test(value.trim())) return undefined;
  return Math.min(Number(value.trim()) * 1000, maxPollWaitMs);
}

function outcomeOf(activityName: string, url: string, result: WebCallResult): ActivityOutcome {
  if (result.kind === "aborted") {
    return {
      status: "Failed",
      error: userError(
        activityName,
        "OperationCanceled",
        "The request was stopped: the activity was cancelled or timed out.",
      ),
    };
  }
  if (result.kind === "failed") {
    return { status: "Failed", error: userError(activityName, result.errorCode, result.message) };
  }
  const output = webOutput(result.response);
  const { status } = result.response;
  if (status >= 200 && status < 300) return { status: "Succeeded", output };
  const message = statusFailureMessage(url, result.response);
  return { status: "Failed", error: userError(activityName, "2108", message), output };
}
