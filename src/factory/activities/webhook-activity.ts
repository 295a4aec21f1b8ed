import { SluiceError, type Clock, type JsonValue, type RandomSource } from "../../core/index.js";
import { formatTimeSpan, parseTimeSpan, userError } from "../engine/index.js";
import type { ActivityExecutor, ActivityInvocation, ActivityOutcome } from "./activity-executor.js";
import { callEndpoint } from "./web-call.js";
import { statusFailureMessage, webOutput } from "./web-output.js";
import {
  authorizationOf,
  headerValue,
  headersOf,
  methodOf,
  urlOf,
  type WebRequest,
} from "./web-request.js";
import type { WebhookCallbacks } from "./webhook-callbacks.js";
import { webhookOutcome } from "./webhook-outcome.js";
import { waitForCallback } from "./webhook-wait.js";

/** What the WebHook activity needs from the composition root. */
export interface WebHookDeps {
  /** The registry the callback route delivers to (one per server). */
  readonly callbacks: WebhookCallbacks;
  /**
   * The server's URL as the called service can reach it (`http://host:port`, no trailing
   * path); a function when it is known only once the server listens.
   */
  readonly callbackBaseUrl: string | (() => string);
  readonly clock: Clock;
  /** Draws each callback's token. */
  readonly random: RandomSource;
}

/** What an attempt saves once its request was accepted, to wait again after a restart. */
interface SentState {
  readonly sent: true;
  readonly token: string;
  /** Epoch ms when the request was accepted: the callback timeout runs from here. */
  readonly sentAt: number;
}

const requestTimeoutMs = 60_000;
const defaultTimeoutMs = 10 * 60_000;

/**
 * ADF's WebHook activity: POSTs `body` (a JSON object) with `callBackUri` added, then waits
 * up to `timeout` (default 00:10:00) for a POST to that URI, which is on this server:
 * `{base}/factories/{factory}/sluice/callbacks/{activityRunId}?token={token}`. The request
 * itself must answer 2xx within a minute. Once it has, `{sent, token, sentAt}` is saved, so
 * an attempt resumed after a restart waits again instead of calling twice.
 */
export function createWebHookExecutor(deps: WebHookDeps): ActivityExecutor {
  return {
    async run(invocation: ActivityInvocation): Promise<ActivityOutcome> {
      const props = invocation.typeProperties;
      const name = invocation.activity.name;
      const timeoutMs = callbackTimeoutOf(props.timeout);
      const resumed = sentStateOf(invocation.resumedState);
      const token = resumed?.token ?? newToken(deps.random);
      const key = { factory: invocation.factory, activityRunId: invocation.activityRunId, token };
      // Registered before sending: the service may call back before it answers the request.
      const wait = deps.callbacks.expect(key);
      try {
        let sentAt = resumed?.sentAt;
        if (sentAt === undefined) {
          const request = webhookRequest(invocation, callbackUri(deps, key));
          const failure = await send(name, request, invocation.signal);
          if (failure !== undefined) return failure;
          sentAt = deps.clock.now();
          const state: SentState = { sent: true, token, sentAt };
          await invocation.saveState(state as unknown as JsonValue);
        }
        const remainingMs = sentAt + timeoutMs - deps.clock.now();
        const result = await waitForCallback(wait.received, remainingMs, invocation.signal);
        if (result.kind === "received") {
          return webhookOutcome(name, result.body, props.reportStatusOnCallBack === true);
        }
        if (result.kind === "aborted") {
          return {
            status: "Failed",
            error: userError(
              name,
              "OperationCanceled",
              "The WebHook activity was cancelled or timed out while waiting for its callback.",
            ),
          };
        }
        const message = `The WebHook activity timed out: its callBackUri was not called within ${formatTimeSpan(timeoutMs)}.`;
        return { status: "Failed", error: userError(name, "TimedOut", message) };
      } finally {
        wait.close();
      }
    },
  };
}

async function send(
  name: string,
  request: WebRequest,
  signal: AbortSignal,
): Promise<ActivityOutcome | undefined> {
  const result = await callEndpoint(request, { timeoutMs: requestTimeoutMs, signal });
  if (result.kind === "aborted") {
    return {
      status: "Failed",
      error: userError(
        name,
        "OperationCanceled",
        "The WebHook request was stopped: the activity was cancelled or timed out.",
      ),
    };
  }
  if (result.kind === "failed") {
    return { status: "Failed", error: userError(name, result.errorCode, result.message) };
  }
  const { status } = result.response;
  if (status >= 200 && status < 300) return undefined;
  const message = statusFailureMessage(request.url, result.response);
  return {
    status: "Failed",
    error: userError(name, "2108", message),
    output: webOutput(result.response),
  };
}

function webhookRequest(invocation: ActivityInvocation, callBackUri: string): WebRequest {
  const props = invocation.typeProperties;
  const method = methodOf(props.method ?? "POST", ["POST"], "WebHook");
  const url = urlOf(props.url, "WebHook");
  const headers = headersOf(props.headers, "WebHook");
  const authorization = authorizationOf(props.authentication, "WebHook");
  if (authorization !== undefined) headers.Authorization = authorization;
  if (headerValue(headers, "Content-Type") === undefined)
    headers["Content-Type"] = "application/json";
  const body = { ...bodyObjectOf(props.body), callBackUri };
  return { method, url, headers, body: JSON.stringify(body) };
}

function bodyObjectOf(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value) as unknown;
    } catch {
      parsed = undefined;
    }
  }
  if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
    return parsed as Record<string, unknown>;
  }
  throw new SluiceError(
    "InvalidArgument",
    "WebHook typeProperties.body must be a JSON object (the callBackUri property is added to it).",
    { details: { field: "body", allowed: "a JSON object" } },
  );
}

function callbackTimeoutOf(value: unknown): number {
  if (value === undefined || value === null || value === "") return defaultTimeoutMs;
  return parseTimeSpan(value, {
    field: "WebHook typeProperties.timeout",
    maxMs: 7 * 24 * 60 * 60_000,
    maxText: "7 days",
  });
}

function callbackUri(
  deps: WebHookDeps,
  key: { factory: string; activityRunId: string; token: string },
): string {
  const base = (
    typeof deps.callbackBaseUrl === "function" ? deps.callbackBaseUrl() : deps.callbackBaseUrl
  ).replace(/\/+$/u, "");
  const path = `/factories/${encodeURIComponent(key.factory)}/sluice/callbacks/${encodeURIComponent(key.activityRunId)}`;
  return `${base}${path}?token=${encodeURIComponent(key.token)}`;
}

function newToken(random: RandomSource): string {
  return Buffer.from(random.bytes(24)).toString("base64url");
}

function sentStateOf(state: JsonValue | undefined): SentState | undefined {
  if (state === null || typeof state !== "object" || Array.isArray(state)) return undefined;
  const { sent, token, sentAt } = state;
  if (sent !== true || typeof token !== "string" || typeof sentAt !== "number") return undefined;
  return { sent, token, sentAt };
}
