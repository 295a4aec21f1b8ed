// The UI's one way to the REST API: same origin, the token in the Authorization header on
// every call (never in a URL), Batch's and ADF's error bodies read into ApiError.

/** A failed call: HTTP status, the error code of the body and its message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** A raw answer, for calls that read headers (ranged file reads). */
export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: ArrayBuffer;
}

export interface Http {
  /** Sends JSON (when `body` is given) and resolves to the parsed JSON answer. */
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** A GET whose answer is read as bytes, with extra request headers. */
  raw(path: string, headers: Record<string, string>): Promise<RawResponse>;
}

/**
 * An {@link Http} sending `token`. `onUnauthorized` runs when the server refuses the token
 * (it was changed, or the user mistyped it), so the UI can ask for it again.
 */
export function createHttp(token: string, onUnauthorized: () => void): Http {
  const send = async (method: string, path: string, init: RequestInit) => {
    const response = await fetch(path, {
      ...init,
      method,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
      cache: "no-store",
    });
    if (response.status === 401) onUnauthorized();
    return response;
  };
  return {
    json: async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const response = await send(method, path, {
        headers: body === undefined ? {} : { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw errorOf(response.status, text);
      return (text === "" ? undefined : JSON.parse(text)) as T;
    },
    raw: async (path, headers) => {
      const response = await send("GET", path, { headers });
      if (!response.ok && response.status !== 404) {
        throw errorOf(response.status, await response.text());
      }
      return {
        status: response.status,
        headers: response.headers,
        body: await response.arrayBuffer(),
      };
    },
  };
}

/** Batch's `{ code, message: { value } }` or ADF's `{ error: { code, message } }`. */
export function errorOf(status: number, text: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new ApiError(status, "UnexpectedResponse", `The server answered ${status}.`);
  }
  const cloud = (body as { error?: { code?: unknown; message?: unknown } })?.error;
  if (cloud && typeof cloud.code === "string") {
    return new ApiError(
      status,
      cloud.code,
      typeof cloud.message === "string" ? cloud.message : cloud.code,
    );
  }
  const batch = body as { code?: unknown; message?: { value?: unknown } };
  if (typeof batch?.code === "string") {
    const value = batch.message?.value;
    return new ApiError(status, batch.code, typeof value === "string" ? value : batch.code);
  }
  return new ApiError(status, "UnexpectedResponse", `The server answered ${status}.`);
}

/** A path segment, escaped. */
export const seg = (value: string): string => encodeURIComponent(value);

/** The path and query of an absolute `odata.nextLink` / `nextLink` (always same origin). */
export function linkPath(link: string): string {
  const url = new URL(link, "http://localhost");
  return `${url.pathname}${url.search}`;
}
