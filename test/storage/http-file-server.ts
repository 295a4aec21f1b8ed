import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve, sep } from "node:path";

/** How the test server misbehaves, to exercise the HTTP connector's fallbacks. */
export interface FileServerOptions {
  /** Answer every GET with the whole file (200), as servers without Range support do. */
  readonly ignoreRange?: boolean;
  /** Answer HEAD with 405, as some servers do. */
  readonly refuseHead?: boolean;
  /** Paths (after the leading `/`) answered with this status instead of the file. */
  readonly statusFor?: Readonly<Record<string, number>>;
}

/** A static file server for tests on 127.0.0.1, on a free port. */
export interface FileServer {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  /** Requests seen, as `METHOD /path range`. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Serves `folder` over real HTTP with GET, HEAD and single byte ranges (`bytes=a-b`, `bytes=a-`). */
export async function startFileServer(
  folder: string,
  options: FileServerOptions = {},
): Promise<FileServer> {
  const root = resolve(folder);
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method ?? ""} ${request.url ?? ""} ${request.headers.range ?? ""}`);
    serve(root, options, request, response).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? done() : fail(error)));
      }),
  };
}

async function serve(
  root: string,
  options: FileServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
  const forced = options.statusFor?.[pathname.slice(1)];
  if (forced !== undefined) return end(response, forced);
  if (request.method === "HEAD" && options.refuseHead === true) return end(response, 405);
  const file = resolve(join(root, pathname));
  if (!file.startsWith(root + sep)) return end(response, 403);
  const stats = await stat(file).catch(() => undefined);
  if (stats === undefined || !stats.isFile()) return end(response, 404);
  response.setHeader("last-modified", stats.mtime.toUTCString());
  response.setHeader("etag", `"${stats.size}-${Math.trunc(stats.mtimeMs)}"`);
  response.setHeader("accept-ranges", "bytes");
  const range = options.ignoreRange === true ? undefined : parseRange(request.headers.range);
  if (range === undefined) {
    response.setHeader("content-length", stats.size);
    if (request.method === "HEAD" || stats.size === 0) return end(response, 200);
    createReadStream(file).pipe(response);
    return;
  }
  if (range.start >= stats.size) {
    response.setHeader("content-range", `bytes */${stats.size}`);
    return end(response, 416);
  }
  const last = Math.min(range.end ?? stats.size - 1, stats.size - 1);
  response.statusCode = 206;
  response.setHeader("content-range", `bytes ${range.start}-${last}/${stats.size}`);
  response.setHeader("content-length", last - range.start + 1);
  createReadStream(file, { start: range.start, end: last }).pipe(response);
}

function parseRange(header: string | undefined): { start: number; end?: number } | undefined {
  const match = /^bytes=(\d+)-(\d*)$/u.exec(header ?? "");
  if (match?.[1] === undefined) return undefined;
  return match[2] === "" || match[2] === undefined
    ? { start: Number(match[1]) }
    : { start: Number(match[1]), end: Number(match[2]) };
}

function end(response: ServerResponse, status: number): void {
  response.statusCode = status;
  response.end();
}
