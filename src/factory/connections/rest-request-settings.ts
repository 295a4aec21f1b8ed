import { SluiceError } from "../../core/index.js";
import type { ResolvedDefinition } from "./resolve-definition.js";
import { secretText } from "./secret-value.js";

/** How a REST source asks: ADF's RestSource / RestResource request settings. */
export interface RestRequestSettings {
  readonly method: string;
  readonly body?: string;
  readonly headers: Record<string, string>;
  readonly paginationRules?: unknown;
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

/**
 * The request settings of a REST read: the Copy source's (`RestSource`) where given, else the
 * `RestResource` dataset's: `requestMethod` (GET or POST; default GET), `requestBody`,
 * `additionalHeaders` (an object, or `Name: value` lines), `paginationRules`,
 * `httpRequestTimeout` (a TimeSpan, default 00:01:40) and `requestInterval` (ms).
 */
export function requestSettingsOf(
  dataset: ResolvedDefinition | undefined,
  source: Readonly<Record<string, unknown>> | undefined,
): RestRequestSettings {
  const pick = (name: string): unknown => source?.[name] ?? dataset?.typeProperties[name];
  const method = String(pick("requestMethod") ?? "GET").toUpperCase();
  if (method !== "GET" && method !== "POST") {
    throw new SluiceError(
      "InvalidArgument",
      `requestMethod '${method}' is not supported for a REST source; allowed: GET, POST.`,
      { details: { field: "requestMethod", value: method, allowed: ["GET", "POST"] } },
    );
  }
  const body = pick("requestBody");
  const timeout = timeSpanMs(pick("httpRequestTimeout"), "httpRequestTimeout");
  const interval = Number(pick("requestInterval") ?? 0);
  return {
    method,
    ...(body === undefined || body === null
      ? {}
      : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    headers: headersOf(pick("additionalHeaders")),
    paginationRules: pick("paginationRules"),
    ...(timeout === undefined ? {} : { timeoutMs: timeout }),
    ...(Number.isFinite(interval) && interval > 0 ? { intervalMs: interval } : {}),
  };
}

function headersOf(value: unknown): Record<string, string> {
  if (value === undefined || value === null || value === "") return {};
  if (typeof value === "string") {
    const lines = value.split(/\r?\n/u).filter((line) => line.trim() !== "");
    return Object.fromEntries(
      lines.map((line) => {
        const colon = line.indexOf(":");
        if (colon <= 0) throw badHeaders(line);
        return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
      }),
    );
  }
  if (typeof value === "object" && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([name, header]) => [
        name,
        secretText(header, `additionalHeaders.${name}`),
      ]),
    );
  }
  throw badHeaders(JSON.stringify(value));
}

function badHeaders(value: string): SluiceError {
  return new SluiceError(
    "InvalidArgument",
    `additionalHeaders ${JSON.stringify(value.slice(0, 60))} is not valid: give an object of header names and values, or 'Name: value' lines.`,
    { details: { field: "additionalHeaders" } },
  );
}

/** A TimeSpan (`00:01:40`, `1.00:00:00`) in milliseconds. */
export function timeSpanMs(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/u.exec(String(value).trim());
  if (match === null) {
    throw new SluiceError(
      "InvalidArgument",
      `${field} '${String(value)}' is not a TimeSpan; use hh:mm:ss such as 00:01:40.`,
      { details: { field, value } },
    );
  }
  const [, days = "0", hours = "0", minutes = "0", seconds = "0"] = match;
  return Math.round(
    ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000,
  );
}
