import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import {
  agentPaths,
  type ClaimRequest,
  type ClaimResponse,
  type CompleteManyRequest,
  type CompleteManyResponse,
  type CompleteTaskRequest,
  type GangRequest,
  type GangResponse,
  type HeartbeatRequest,
  type HeartbeatResponse,
  type RegisterNodeRequest,
  type RegisterNodeResponse,
  type StorageListResponse,
  type TaskLogName,
} from "../api/index.js";
import { SluiceError, type ErrorCode } from "../core/index.js";
import { sendJson } from "./http-json.js";
import { ApiError, parsedAnswer, SluiceClient, type ClientOptions } from "./sluice-client.js";

/** Options of {@link AgentClient}. */
export interface AgentClientOptions extends ClientOptions {
  /** Milliseconds to wait for an answer's headers, beyond a claim's `waitMs`; default 30,000. */
  readonly requestTimeoutMs?: number;
  /** Where the server is now, when it can move (a local agent follows a file); default `url`. */
  readonly address?: ServerAddress;
}

/** A server URL that can change: read before each call, refreshed after one fails to reach it. */
export interface ServerAddress {
  current(): string;
  /** Called when a call could not reach the server; later calls read `current()` again. */
  unreachable(): Promise<void>;
}

/** What a completion came to: accepted, or refused because the lease was given away. */
export type CompleteResult = "completed" | "leaseLost";

/** What a log append came to. `serverLength` is absent when the server did not say. */
export type AppendResult =
  | { readonly kind: "appended" }
  | { readonly kind: "offsetMismatch"; readonly serverLength?: number }
  | { readonly kind: "leaseLost" };

/** One file of a `sluiceContainer` listing. */
export type StorageListEntry = StorageListResponse["files"][number];

/**
 * The node agent protocol over HTTP (`src/api/agent-protocol.ts`): JSON calls go through
 * {@link SluiceClient}; log appends and the embedded storage send and receive raw bytes.
 * Every call takes an optional `signal` and times out after `requestTimeoutMs`. HTTP errors
 * are {@link ApiError}s; storage calls throw `Storage*` {@link SluiceError}s instead.
 */
export class AgentClient {
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: AgentClientOptions) {
    this.base = options.url.replace(/\/+$/, "");
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  register(
    poolId: string,
    request: RegisterNodeRequest,
    signal?: AbortSignal,
  ): Promise<RegisterNodeResponse> {
    return this.json("POST", agentPaths.register(poolId), request, signal);
  }

  heartbeat(
    nodeId: string,
    request: HeartbeatRequest,
    signal?: AbortSignal,
  ): Promise<HeartbeatResponse> {
    return this.json("POST", agentPaths.heartbeat(nodeId), request, signal);
  }

  /** Long-polls: the timeout is the request's `waitMs` (default 20,000) plus `requestTimeoutMs`. */
  async claim(nodeId: string, request: ClaimRequest, signal?: AbortSignal): Promise<ClaimResponse> {
    const extra = request.waitMs ?? 20_000;
    const answer = await this.json<ClaimResponse | undefined>(
      "POST",
      agentPaths.claim(nodeId),
      request,
      signal,
      extra,
    );
    return { tasks: answer?.tasks ?? [] };
  }

  async complete(
    nodeId: string,
    claimToken: string,
    outcome: CompleteTaskRequest,
    signal?: AbortSignal,
  ): Promise<CompleteResult> {
    return (await this.completeAndClaim(nodeId, claimToken, outcome, 0, signal)).result;
  }

  /**
   * Completes a claim and, when `claimSlots` > 0, claims work for that many slots in the
   * same call (no wait). A server that predates this answers 204: then no tasks.
   */
  async completeAndClaim(
    nodeId: string,
    claimToken: string,
    outcome: CompleteTaskRequest,
    claimSlots: number,
    signal?: AbortSignal,
  ): Promise<{ result: CompleteResult; tasks: ClaimResponse["tasks"] }> {
    const body = claimSlots > 0 ? { ...outcome, claimSlots } : outcome;
    try {
      const path = agentPaths.complete(nodeId, claimToken);
      const answer = await this.json<ClaimResponse | undefined>("POST", path, body, signal);
      return { result: "completed", tasks: answer?.tasks ?? [] };
    } catch (error) {
      if (isLeaseLost(error)) return { result: "leaseLost", tasks: [] };
      throw error;
    }
  }

  /**
   * Several completions and a claim for `claimSlots` in one call. Resolves to undefined when
   * the server predates the call (404): complete them one by one then.
   */
  async completeMany(
    nodeId: string,
    request: CompleteManyRequest,
    signal?: AbortSignal,
  ): Promise<CompleteManyResponse | undefined> {
    try {
      return await this.json<CompleteManyResponse>(
        "POST",
        agentPaths.completeMany(nodeId),
        request,
        signal,
      );
    } catch (error) {
      // Any 404 but the node's own means no such route: a server older than this call.
      if (error instanceof ApiError && error.status === 404 && error.batchCode !== "NodeNotFound") {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * A multi-instance task's instance: reports its coordination (once) and waits for the run's
   * next phase. A claim the node no longer holds reads as the run having ended.
   */
  async gang(
    nodeId: string,
    claimToken: string,
    request: GangRequest,
    signal?: AbortSignal,
  ): Promise<GangResponse> {
    try {
      return await this.json<GangResponse>(
        "POST",
        agentPaths.gang(nodeId, claimToken),
        request,
        signal,
      );
    } catch (error) {
      if (isLeaseLost(error)) return { phase: "ended" };
      throw error;
    }
  }

  /** Appends `bytes` to a task's log at `offset` (the bytes already sent). */
  async appendTaskFile(
    nodeId: string,
    claimToken: string,
    name: TaskLogName,
    offset: number,
    bytes: Uint8Array,
    signal?: AbortSignal,
  ): Promise<AppendResult> {
    const path = `${agentPaths.taskFile(nodeId, claimToken, name)}?offset=${offset}`;
    const response = await this.raw("PUT", path, { body: bytes, signal });
    if (response.ok) {
      await response.body?.cancel();
      return { kind: "appended" };
    }
    const error = await apiErrorOf(response);
    if (isLeaseLost(error)) return { kind: "leaseLost" };
    if (error.status !== 409) throw error;
    // The server names its length in a value whose key ends in "Length" (`CurrentLength`).
    const length = error.values.find((value) => value.key.toLowerCase().endsWith("length"));
    const serverLength = length === undefined ? Number.NaN : Number(length.value);
    return Number.isSafeInteger(serverLength)
      ? { kind: "offsetMismatch", serverLength }
      : { kind: "offsetMismatch" };
  }

  /** Streams a blob of the embedded storage; `StorageNotFound` when there is none. */
  async readBlob(container: string, path: string, signal?: AbortSignal): Promise<Readable> {
    const response = await this.storageCall("GET", container, path, { signal });
    if (response.body === null) return Readable.from([]);
    return Readable.fromWeb(response.body as NodeWebStream<Uint8Array>);
  }

  /** Streams an application package's zip (`ApplicationPackageNotFound` when there is none). */
  async readApplicationPackage(
    applicationId: string,
    version: string,
    signal?: AbortSignal,
  ): Promise<Readable> {
    const path = `/sluice/applications/${encodeURIComponent(applicationId)}/versions/${encodeURIComponent(version)}/package`;
    const response = await this.raw("GET", path, signal === undefined ? {} : { signal });
    if (!response.ok) throw await apiErrorOf(response);
    if (response.body === null) return Readable.from([]);
    return Readable.fromWeb(response.body as NodeWebStream<Uint8Array>);
  }

  /** Writes a blob of the embedded storage from a stream or bytes. */
  async writeBlob(
    container: string,
    path: string,
    body: Readable | Uint8Array,
    signal?: AbortSignal,
  ): Promise<void> {
    const response = await this.storageCall("PUT", container, path, { body, signal });
    await response.body?.cancel();
  }

  /** Files of a container of the embedded storage whose path starts with `prefix`. */
  async listBlobs(
    container: string,
    prefix: string,
    signal?: AbortSignal,
  ): Promise<readonly StorageListEntry[]> {
    const query = `?list&prefix=${encodeURIComponent(prefix)}`;
    const response = await this.storageCall("GET", container, "", { signal, query });
    const answer = (await response.json()) as Partial<StorageListResponse> | null;
    return answer?.files ?? [];
  }

  private async json<T>(
    method: string,
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    extraTimeoutMs = 0,
  ): Promise<T> {
    const limit = this.limit(signal, extraTimeoutMs);
    if (this.options.fetch === undefined) {
      const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}` };
      if (body !== undefined) headers["content-type"] = "application/json";
      const text = body === undefined ? undefined : JSON.stringify(body);
      const url = new URL(`${this.baseNow()}${path}`);
      const answer = await this.reaching(() => sendJson(method, url, headers, text, limit));
      return parsedAnswer<T>(answer.status, answer.text);
    }
    // A client per call carries the call's signal (SluiceClient.request takes none).
    const client = new SluiceClient({
      url: this.baseNow(),
      token: this.options.token,
      fetch: (input, init) => this.fetchImpl(input, { ...init, signal: limit }),
    });
    return client.request<T>(method, path, body);
  }

  private async storageCall(
    method: string,
    container: string,
    path: string,
    init: { body?: Readable | Uint8Array; signal?: AbortSignal; query?: string },
  ): Promise<Response> {
    const url = `${agentPaths.storage(container, path)}${init.query ?? ""}`;
    let response: Response;
    try {
      response = await this.raw(method, url, init);
    } catch (error) {
      throw storageFailure("StorageUnavailable", container, path, describe(error), error);
    }
    if (response.ok) return response;
    const error = await apiErrorOf(response);
    throw storageFailure(storageCode(response.status), container, path, error.message, error);
  }

  private raw(
    method: string,
    path: string,
    init: { body?: Readable | Uint8Array; signal?: AbortSignal },
  ): Promise<Response> {
    const body = init.body instanceof Readable ? Readable.toWeb(init.body) : init.body;
    const url = `${this.baseNow()}${path}`;
    return this.reaching(() =>
      this.fetchImpl(url, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          ...(body === undefined ? {} : { "content-type": "application/octet-stream" }),
        },
        ...(body === undefined ? {} : { body: body as BodyInit, duplex: "half" }),
        signal: this.limit(init.signal, 0),
      } as RequestInit),
    );
  }

  /** The server's URL for the next call, without a trailing slash. */
  private baseNow(): string {
    const address = this.options.address;
    return address === undefined ? this.base : address.current().replace(/\/+$/, "");
  }

  /**
   * Runs a call; when it cannot reach the server, the address is told (it may have moved)
   * before the error goes to the caller, whose retry then goes to the new address.
   */
  private async reaching<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      await this.options.address?.unreachable().catch(() => undefined);
      throw error;
    }
  }

  private limit(signal: AbortSignal | undefined, extraMs: number): AbortSignal {
    const timeout = AbortSignal.timeout(this.timeoutMs + extraMs);
    return signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
  }
}

/** True for the server's 409 `LeaseLost`: the task was given to someone else. */
export function isLeaseLost(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.batchCode === "LeaseLost";
}

async function apiErrorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  let body: { code?: unknown; message?: { value?: unknown }; values?: unknown } | undefined;
  try {
    body = text ? (JSON.parse(text) as typeof body) : undefined;
  } catch {
    body = undefined; // not JSON: the status alone tells what happened
  }
  const code = typeof body?.code === "string" ? body.code : "UnexpectedResponse";
  const message =
    typeof body?.message?.value === "string"
      ? body.message.value
      : `The server answered ${response.status}: ${text.slice(0, 200)}`;
  const values = Array.isArray(body?.values)
    ? (body.values as { key: string; value: string }[])
    : [];
  return new ApiError(response.status, code, message, values);
}

function storageCode(status: number): ErrorCode {
  if (status === 404) return "StorageNotFound";
  if (status === 401 || status === 403) return "StorageAccessDenied";
  if (status === 409 || status === 412) return "StorageConflict";
  return "StorageUnavailable";
}

function storageFailure(
  code: ErrorCode,
  container: string,
  path: string,
  problem: string,
  cause: unknown,
): SluiceError {
  const where = `${JSON.stringify(path)} in the server's container ${JSON.stringify(container)}`;
  return new SluiceError(code, `${where}: ${problem}`, {
    details: { container, path },
    cause,
  });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
