// What the browser tests share: the UI built by Vite, a real server serving it on a free
// loopback port, Debian's Chromium driven by playwright-core, API calls, and screenshots.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { startServer, type RunningServer, type ServerConfig } from "../../src/app/index.js";

const repoRoot = join(import.meta.dirname, "..", "..");
/** Where screenshots land for review (git-ignored). */
export const screenshotDir = join(repoRoot, "test-output", "screenshots");

/** Builds the UI with Vite's API into a fresh temp folder; returns it. */
export async function buildUi(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), "sluice-web-"));
  await build({
    configFile: join(repoRoot, "web", "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return outDir;
}

/** A server serving the UI in `webRoot`, and helpers over its API. */
export interface UiServer {
  readonly server: RunningServer;
  /** The server's data directory (its SQLite store is `sluice.db` there). */
  readonly dataDir: string;
  /** Calls the REST API with the token; throws on a non-2xx answer. */
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startUiServer(webRoot: string, localPools: boolean): Promise<UiServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "sluice-web-data-"));
  const config: ServerConfig & { webRoot: string } = { dataDir, port: 0, localPools, webRoot };
  const server = await startServer(config);
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${server.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
  return {
    server,
    dataDir,
    call,
    close: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless; `--no-sandbox` because CI runs as root. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.SLUICE_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
}

/** Opens the UI and signs in afresh with the server's token, landing on the runs page. */
export async function signIn(page: Page, server: RunningServer): Promise<void> {
  await page.goto(`${server.url}/`);
  await page.evaluate("sessionStorage.clear()");
  await page.reload();
  await page.getByLabel("Server token").fill(server.token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Pipeline runs" }).waitFor();
}

/** Saves a full-page screenshot as `<name>.png` under test-output/screenshots. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Polls `check` until it returns a value (never sleeps for a fixed time to pass a test). */
export async function waitUntil<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
