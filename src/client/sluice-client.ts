import { SluiceError } from "../core/index.js";

/** Where the server is and how to authenticate. */
export interface ClientOptions {
  /** e.g. http://127.0.0.1:7070 */
  readonly url: string;
  readonly token: string;
  /** Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

/** A failed API call: the HTTP status and Batch's error code from the body. */
export class ApiError extends SluiceError {
  constructor(
    readonly status: number,
    readonly batchCode: string,
    message: string,
    readonly values: readonly { key: string; value: string }[] = [],
  ) {
    super(
      status === 404 ? "StoreNotFound" : status >= 500 ? "Internal" : "InvalidArgument",
      message,
      {
        details: { status, batchCode, values },
      },
    );
    this.name = "ApiError";
  }
}

/**
 * The typed HTTP client used by the CLI, the node agent and the web UI. Sends the bearer
 * token on every call and turns Batch-shaped error bodies into {@link ApiError}s.
 */
export class SluiceClient {
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ClientOptions) {
    this.base = options.url.replace(/\/+$/, "");
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** Sends a JSON request; resolves to the parsed JSON body (undefined when empty). */
  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.fetchImpl(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.options.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return parsedAnswer<T>(response.status, await response.text());
  }
}

/** A call's JSON answer (undefined when empty), or its {@link ApiError} for a status >= 300. */
export function parsedAnswer<T>(status: number, text: string): T {
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (status < 200 || status >= 300) throw toApiError(status, parsed, text);
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // not JSON: keep the raw text for the error message
  }
}

function toApiError(status: number, body: unknown, text: string): ApiError {
  const shaped = body as {
    code?: string;
    message?: { value?: string };
    values?: { key: string; value: string }[];
  };
  // ADF's routes answer with ARM's CloudError, `{ error: { code, message } }`.
  const cloud = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof cloud === "object" && cloud !== null && typeof cloud.code === "string") {
    return new ApiError(
      status,
      cloud.code,
      typeof cloud.message === "string" ? cloud.message : cloud.code,
    );
  }
  if (typeof shaped === "object" && shaped !== null && typeof shaped.code === "string") {
    return new ApiError(
      status,
      shaped.code,
      shaped.message?.value ?? shaped.code,
      shaped.values ?? [],
    );
  }
  return new ApiError(
    status,
    "UnexpectedResponse",
    `The server answered ${status}: ${text.slice(0, 200)}`,
  );
}
