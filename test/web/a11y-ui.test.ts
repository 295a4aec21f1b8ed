// Accessibility basics of every page in Debian's Chromium: in a narrow window (360 px) each
// page has named controls, AA contrast, one h1 and no sideways scrolling; the keyboard alone
// reaches the skip link, every item of the main navigation and a page's controls.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { auditPage } from "./a11y-audit.js";
import { screenshot, signIn, waitUntil } from "./browser-kit.js";
import { browserSuite } from "./browser-suite.js";
import { factory } from "./factory-ui.fixture.js";

const narrow = { width: 360, height: 740 };

describe("monitoring UI: accessibility basics", { timeout: 60_000 }, () => {
  let runId: string;
  const suite = browserSuite({
    viewport: narrow,
    setup: async (ui) => {
      await ui.call("POST", "/factories/default/sluice/deploy", factory);
      // A pool without nodes, a job with a task that waits for one: every Batch page has data.
      await ui.call("POST", "/pools", { id: "idle", vmSize: "local", targetDedicatedNodes: 0 });
      await ui.call("POST", "/jobs", { id: "report", poolInfo: { poolId: "idle" } });
      await ui.call("POST", "/jobs/report/tasks", { id: "render", commandLine: "/bin/true" });
      runId = (
        await ui.call<{ runId: string }>(
          "POST",
          "/factories/default/pipelines/odd-hours/createRun",
          {
            windowStart: "2026-01-01T01:00:00Z",
          },
        )
      ).runId;
      await waitUntil(
        async () => {
          const run = await ui.call<{ status: string }>(
            "GET",
            `/factories/default/pipelineruns/${runId}`,
          );
          return run.status === "Succeeded" ? true : undefined;
        },
        30_000,
        "the run to succeed",
      );
      await ui.call("POST", "/factories/default/triggers/Hourly/start");
    },
  });

  it("passes the audit on the sign-in page", async () => {
    await suite.page.goto(`${suite.ui.server.url}/`);
    await suite.page.evaluate("sessionStorage.clear()");
    await suite.page.reload();
    await suite.page.getByLabel("Server token").waitFor();
    expect(await auditPage(suite.page)).toEqual([]);
    await signIn(suite.page, suite.ui.server);
  });

  const pages: [string, string, (page: Page) => Promise<unknown>][] = [
    ["runs", "/ui/f/default/runs", (p) => p.locator("tr[data-run-id]").first().waitFor()],
    ["run", "", (p) => p.getByTestId("run-id").waitFor()],
    ["pipelines", "/ui/f/default/pipelines", (p) => p.locator("[data-pipeline]").first().waitFor()],
    ["pipeline", "/ui/f/default/pipelines/odd-hours", (p) => p.locator("svg.graph").waitFor()],
    ["triggers", "/ui/f/default/triggers", (p) => p.locator("[data-trigger]").first().waitFor()],
    [
      "trigger",
      "/ui/f/default/triggers/Hourly",
      (p) => p.locator("[data-window-start]").first().waitFor(),
    ],
    ["pools", "/ui/pools", (p) => p.locator("[data-pool='idle']").waitFor()],
    ["jobs", "/ui/jobs", (p) => p.getByRole("link", { name: "report" }).waitFor()],
    ["job", "/ui/jobs/report", (p) => p.getByText("Tasks 1–1").waitFor()],
    [
      "task",
      "/ui/jobs/report/tasks/render",
      (p) => p.getByRole("heading", { name: /Task render/ }).waitFor(),
    ],
  ];
  for (const [name, path, ready] of pages) {
    it(`passes the audit on the ${name} page in a narrow window`, async () => {
      const target = path === "" ? `/ui/f/default/runs/${runId}` : path;
      await suite.page.goto(`${suite.ui.server.url}${target}`);
      await ready(suite.page);
      expect(await auditPage(suite.page)).toEqual([]);
      await screenshot(suite.page, `23-narrow-${name}`);
    });
  }

  it("finds faint text, a nameless control and a page that scrolls sideways", async () => {
    await suite.page.goto(`${suite.ui.server.url}/ui/pools`);
    await suite.page.locator("[data-pool='idle']").waitFor();
    await suite.page.evaluate(`(() => {
      const main = document.getElementById("main");
      main.insertAdjacentHTML("beforeend",
        '<p style="color:#bbbbbb">faint</p><button type="button"></button>' +
        '<div style="width:900px">wide</div>');
    })()`);
    const problems = await auditPage(suite.page);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^no accessible name: button/);
    expect(problems[1]).toMatch(/^contrast 1\.\d+ < 4\.5: p "faint"/);
    expect(problems[2]).toMatch(/^scrolls sideways: \d+ > 360 at div "wide"/);
  });

  it("reaches the skip link and the whole main navigation with Tab, and opens a page with Enter", async () => {
    const wide = await suite.browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await signIn(wide, suite.ui.server);
      const focused = () =>
        wide.evaluate<{ text: string; outline: string }>(
          `({ text: document.activeElement?.textContent ?? "", outline: getComputedStyle(document.activeElement).outlineStyle })`,
        );
      const stops: string[] = [];
      for (let i = 0; i < 6; i++) {
        await wide.keyboard.press("Tab");
        const now = await focused();
        // Every stop shows where the focus is.
        expect(now.outline).not.toBe("none");
        stops.push(now.text);
      }
      expect(stops).toEqual([
        "Skip to content",
        "Pipeline runs",
        "Pipelines",
        "Triggers",
        "Pools",
        "Jobs",
      ]);
      await wide.keyboard.press("Shift+Tab");
      await wide.keyboard.press("Enter");
      await wide.getByRole("heading", { name: "Pools" }).waitFor();
      expect(new URL(wide.url()).pathname).toBe("/ui/pools");
      // The focus moves to the new page, so the next Tab starts in it.
      await expect(wide.evaluate("document.activeElement?.id")).resolves.toBe("main");
      await screenshot(wide, "24-keyboard-pools");
      // The skip link jumps past the header.
      await wide.goto(`${suite.ui.server.url}/ui/f/default/pipelines/odd-hours`);
      await wide.locator("svg.graph").waitFor();
      await wide.keyboard.press("Tab");
      await wide.keyboard.press("Enter");
      await expect(wide.evaluate("document.activeElement?.id")).resolves.toBe("main");
      // From there Tab reaches the graph's boxes, and Enter opens one.
      for (let i = 0; i < 10; i++) {
        await wide.keyboard.press("Tab");
        const label = await wide.evaluate("document.activeElement?.getAttribute('data-activity')");
        if (label === "Begin") break;
      }
      await wide.keyboard.press("Enter");
      await wide.getByTestId("activity-definition").waitFor();
    } finally {
      await wide.close();
    }
  });
});
