import { SluiceError } from "../../core/index.js";
import { optionalSecretText, secretText } from "../connections/secret-value.js";

/** An HTTP request built from a Web or WebHook activity's resolved typeProperties. */
export interface WebRequest {
  readonly method: string;
  readonly url: string;
  /** Header names as written; `Authorization` added for Basic authentication. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** The URL without its query, for messages: a query may hold a key (`?code=`, a SAS). */
export function displayUrl(url: string): string {
  if (!URL.canParse(url)) return url.split("?")[0] ?? "";
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** Reads `method` (case-insensitive) against `allowed`; returns it upper-cased. */
export function methodOf(value: unknown, allowed: readonly string[], activity: string): string {
  const method = typeof value === "string" ? value.trim().toUpperCase() : "";
  if (!allowed.includes(method)) {
    throw new SluiceError(
      "InvalidArgument",
      `${activity} typeProperties.method is ${JSON.stringify(value)}; allowed: ${allowed.join(", ")}.`,
      { details: { field: "method", value, allowed } },
    );
  }
  return method;
}

/** Reads `url`: an absolute http(s) URL. */
export function urlOf(value: unknown, activity: string): string {
  const url = typeof value === "string" && URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    const shown = typeof value === "string" ? displayUrl(value) : value;
    throw new SluiceError(
      "InvalidArgument",
      `${activity} typeProperties.url ${JSON.stringify(shown)} is not an absolute http(s) URL.`,
      { details: { field: "url", value: shown } },
    );
  }
  return url.href;
}

/**
 * Reads `headers`: an object of name to value (values not strings are written as JSON), the
 * same as JSON text, or an array of `{name, value}`. Undefined or null: no headers.
 */
export function headersOf(value: unknown, activity: string): Record<string, string> {
  if (value === undefined || value === null || value === "") return {};
  let source: unknown = value;
  if (typeof value === "string") source = parseJsonObject(value);
  const headers: Record<string, string> = {};
  if (Array.isArray(source)) {
    for (const entry of source) {
      const pair = entry as { name?: unknown; value?: unknown } | null;
      if (typeof pair?.name !== "string") throw badHeaders(activity);
      headers[pair.name] = headerText(pair.value);
    }
    return headers;
  }
  if (source === null || typeof source !== "object") throw badHeaders(activity);
  for (const [name, text] of Object.entries(source)) headers[name] = headerText(text);
  return headers;
}

function parseJsonObject(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function headerText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value ?? "");
}

function badHeaders(activity: string): SluiceError {
  return new SluiceError(
    "InvalidArgument",
    `${activity} typeProperties.headers must be an object of header names to values, such as {"Content-Type": "application/json"}.`,
    { details: { field: "headers" } },
  );
}

/** Finds a header by name, case-insensitively. */
export function headerValue(
  headers: Readonly<Record<string, string>>,
  name: string,
): string | undefined {
  const lower = name.toLowerCase();
  return Object.entries(headers).find(([key]) => key.toLowerCase() === lower)?.[1];
}

/** A body: text as is, anything else as JSON. Undefined and null: no body. */
export function bodyText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

const supportedAuthentication = ["Basic", "None (omit authentication)"];

/**
 * The `Authorization` header for `authentication`: none when it is absent or of type
 * `None`/`Anonymous`; `Basic` from `username` and `password` (a string or SecureString).
 * Other types (ClientCertificate, MSI, ServicePrincipal...) are refused as not supported yet.
 */
export function authorizationOf(value: unknown, activity: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const auth = value as Record<string, unknown>;
  const type = typeof auth.type === "string" ? auth.type : "";
  if (type === "" || /^(none|anonymous)$/iu.test(type)) return undefined;
  if (type.toLowerCase() === "basic") {
    const field = `${activity} typeProperties.authentication`;
    const username = secretText(auth.username, `${field}.username`);
    const password = optionalSecretText(auth.password, `${field}.password`) ?? "";
    return `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
  }
  throw new SluiceError(
    "InvalidArgument",
    `${activity} authentication type '${type}' is not supported by Sluice yet; supported: ${supportedAuthentication.join(", ")}.`,
    { details: { field: "authentication.type", value: type, allowed: supportedAuthentication } },
  );
}
