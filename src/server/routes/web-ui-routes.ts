// The built web UI (Vite's output) as static files under /ui/. Static files need no token:
// they hold no data, and the UI sends the token the user pastes on every API call it makes.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { RouteModule } from "../http-server.js";

/** Options of {@link webUiRoutes}. */
export interface WebUiRoutesOptions {
  /** The folder Vite built the UI into (holds `index.html`). Default {@link defaultWebUiRoot}. */
  readonly root?: string;
}

/** Where the UI is built in this package: `<package>/web/dist` (from src/ and from dist/). */
export function defaultWebUiRoot(): string {
  return fileURLToPath(new URL("../../../web/dist/", import.meta.url));
}

const contentTypes: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** The UI talks only to its own origin; nothing may frame it or run inline scripts. */
const securityHeaders: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/**
 * `GET /` redirects to `/ui/`; `GET /ui/<path>` answers the file at `<root>/<path>` with its
 * content type, and any path without a file extension answers `index.html` (the UI routes in
 * the browser). Paths that leave `root` or name a missing asset are 404. Hashed assets under
 * `/ui/assets/` are cached for a year; `index.html` is revalidated every time.
 */
export function webUiRoutes(options: WebUiRoutesOptions = {}): RouteModule {
  const root = resolve(options.root ?? defaultWebUiRoot());
  return (app: FastifyInstance): void => {
    const open = { config: { sluicePublic: true } };
    app.get("/", open, async (_request, reply) => reply.redirect("/ui/", 302));
    app.get("/ui", open, async (_request, reply) => reply.redirect("/ui/", 302));
    app.get("/ui/*", open, async (request, reply) => {
      const path = (request.params as { "*": string })["*"];
      const file = await resolveFile(root, path);
      if (file === undefined) return notFound(reply, path);
      return sendStatic(reply, file, path.startsWith("assets/"));
    });
  };
}

/** The file a UI path names, or index.html for an in-app route; undefined when neither. */
async function resolveFile(root: string, path: string): Promise<string | undefined> {
  const relative = safeRelative(path);
  if (relative === undefined) return undefined;
  const candidate = resolve(root, relative);
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  if (relative !== "" && (await isFile(candidate))) return candidate;
  // An in-app route (no extension) is the app's page; a missing asset is a real 404.
  if (extname(relative) !== "") return undefined;
  const index = resolve(root, "index.html");
  return (await isFile(index)) ? index : undefined;
}

/** The decoded path, or undefined when it is malformed or tries to climb out. */
function safeRelative(path: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined; // malformed %-escapes name no file
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return undefined;
  const parts = decoded.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.some((part) => part === "..")) return undefined;
  return parts.join("/");
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false; // missing or unreadable: not a file we can serve
  }
}

async function sendStatic(reply: FastifyReply, file: string, immutable: boolean) {
  const { size } = await stat(file);
  reply
    .headers(securityHeaders)
    .header("content-type", contentTypes[extname(file)] ?? "application/octet-stream")
    .header("content-length", String(size))
    .header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return reply.send(createReadStream(file));
}

async function notFound(reply: FastifyReply, path: string) {
  return reply.code(404).send({
    code: "ResourceNotFound",
    message: {
      lang: "en-US",
      value: `No web UI file at /ui/${path}. Build the UI with 'npm run build:web'.`,
    },
  });
}
