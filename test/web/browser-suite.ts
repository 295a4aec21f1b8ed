// A browser test suite's shared setup: the built UI, a server, Chromium and a signed-in tab,
// made before the suite's tests and removed after them.
import { rm } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { buildUi, launchBrowser, signIn, startUiServer, type UiServer } from "./browser-kit.js";

/** What a browser suite's tests use; set before the first test runs. */
export interface BrowserSuite {
  ui: UiServer;
  browser: Browser;
  /** A signed-in tab of `viewport`. */
  page: Page;
}

/**
 * Registers the suite's beforeAll and afterAll: builds the UI, starts a server (with local
 * pools when asked), runs `setup` against it, opens Chromium and signs a tab in; afterwards
 * closes and removes all of it. Read the fields inside tests, not at collection time.
 */
export function browserSuite(options: {
  localPools?: boolean;
  viewport?: { width: number; height: number };
  setup?: (ui: UiServer) => Promise<void>;
}): BrowserSuite {
  const suite = {} as BrowserSuite;
  let webRoot: string | undefined;
  beforeAll(async () => {
    webRoot = await buildUi();
    suite.ui = await startUiServer(webRoot, options.localPools ?? false);
    await options.setup?.(suite.ui);
    suite.browser = await launchBrowser();
    suite.page = await suite.browser.newPage({
      viewport: options.viewport ?? { width: 1280, height: 800 },
    });
    await signIn(suite.page, suite.ui.server);
  }, 120_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.ui?.close();
    if (webRoot) await rm(webRoot, { recursive: true, force: true });
  }, 60_000);
  return suite;
}
