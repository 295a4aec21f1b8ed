// A small HTTP server on 127.0.0.1 serving canned Batch-shaped replies and recording every
// request, so the CLI's requests and output can be checked before the real routes exist.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** The raw query string without `?` ("" when none). */
  readonly rawQuery: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when there was none. */
  readonly body: unknown;
}

export interface FixtureReply {
  readonly status?: number;
  readonly json?: unknown;
  readonly text?: string | Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (request: RecordedRequest, server: FixtureServer) => FixtureReply;

/** Batch's error body. */
export function batchError(status: number, code: string, message: string): FixtureReply {
  return { status, json: { code, message: { lang: "en-US", value: message }, values: [] } };
}

export class FixtureServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Handler>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FixtureServer> {
    // The handler needs the fixture, which needs the server: a holder breaks the cycle.
    const holder: { fixture?: FixtureServer } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const reply = holder.fixture!.handle(
          req.method ?? "GET",
          req.url ?? "/",
          req.headers,
          chunks,
        );
        const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? "");
        res.writeHead(reply.status ?? 200, {
          ...(reply.json !== undefined ? { "content-type": "application/json" } : {}),
          ...reply.headers,
        });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    holder.fixture = new FixtureServer(server, `http://127.0.0.1:${port}`);
    return holder.fixture;
  }

  /** Serves `method path` (path without query) with a handler or a fixed reply. */
  on(method: string, path: string, reply: Handler | FixtureReply): this {
    this.routes.set(`${method} ${path}`, typeof reply === "function" ? reply : () => reply);
    return this;
  }

  /** Requests recorded for `method path`. */
  calls(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(
    method: string,
    url: string,
    headers: IncomingHttpHeaders,
    chunks: Buffer[],
  ): FixtureReply {
    const [path = "", rawQuery = ""] = url.split("?", 2);
    const text = Buffer.concat(chunks).toString("utf8");
    const request: RecordedRequest = {
      method,
      path,
      rawQuery,
      query: Object.fromEntries(new URLSearchParams(rawQuery)),
      headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
    this.requests.push(request);
    const handler = this.routes.get(`${method} ${path}`);
    if (!handler) return batchError(404, "FixtureNoRoute", `No fixture for ${method} ${path}.`);
    return handler(request, this);
  }
}
