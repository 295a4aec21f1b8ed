// The monitoring UI's Batch and trigger pages in Debian's Chromium against a real server
// with a local pool: the node heatmap and resize, jobs and task counts, the task table, a
// task's stdout, and the trigger list.
import { rm } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildUi,
  launchBrowser,
  screenshot,
  signIn,
  startUiServer,
  waitUntil,
  type UiServer,
} from "./browser-kit.js";

const factory = {
  factory: { name: "default", properties: {} },
  pipelines: [{ name: "nightly", properties: { activities: [] } }],
  datasets: [],
  linkedServices: [],
  triggers: [
    {
      name: "EveryNight",
      properties: {
        type: "ScheduleTrigger",
        typeProperties: {
          recurrence: { frequency: "Day", interval: 1, startTime: "2026-01-01T02:00:00Z" },
        },
        pipelines: [{ pipelineReference: { referenceName: "nightly", type: "PipelineReference" } }],
      },
    },
  ],
  others: [],
};

describe("monitoring UI: pools, jobs, tasks and triggers", { timeout: 60_000 }, () => {
  let webRoot: string;
  let ui: UiServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    webRoot = await buildUi();
    ui = await startUiServer(webRoot, true);
    await ui.call("POST", "/pools", { id: "local", vmSize: "local", targetDedicatedNodes: 1 });
    await ui.call("POST", "/jobs", { id: "hello", poolInfo: { poolId: "local" } });
    await ui.call("POST", "/jobs/hello/tasks", { id: "echo", commandLine: "/bin/echo hi" });
    for (let i = 0; i < 55; i++) {
      await ui.call("POST", "/jobs/hello/tasks", {
        id: `t${String(i).padStart(2, "0")}`,
        commandLine: "/bin/true",
      });
    }
    await ui.call("POST", "/factories/default/sluice/deploy", factory);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, ui.server);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await ui?.close();
    if (webRoot) await rm(webRoot, { recursive: true, force: true });
  }, 60_000);

  it("shows a pool's nodes as a heatmap and resizes the pool", async () => {
    await page.getByRole("link", { name: "Pools" }).click();
    const pool = page.locator("[data-pool='local']");
    await pool
      .locator("[data-node-state='idle'], [data-node-state='running']")
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await pool.getByRole("list", { name: "Nodes", exact: true }).locator("li").count()).toBe(
      1,
    );
    await screenshot(page, "10-pools");
    await pool.getByLabel("Target dedicated nodes").fill("2");
    await pool.getByRole("button", { name: "Resize" }).click();
    await pool.getByText("of 2 wanted").waitFor();
    const body = await ui.call<{ targetDedicatedNodes: number }>("GET", "/pools/local");
    expect(body.targetDedicatedNodes).toBe(2);
    await waitUntil(
      async () =>
        (await pool.getByRole("list", { name: "Nodes", exact: true }).locator("li").count()) === 2
          ? true
          : undefined,
      30_000,
      "a second node in the heatmap",
    );
  });

  it("lists jobs with task counts and pages through a job's tasks", async () => {
    await waitUntil(
      async () => {
        const counts = await ui.call<{ taskCounts: { completed: number } }>(
          "GET",
          "/jobs/hello/taskcounts",
        );
        return counts.taskCounts.completed === 56 ? true : undefined;
      },
      60_000,
      "every task to complete",
    );
    await page.getByRole("link", { name: "Jobs" }).click();
    const row = page.getByRole("table", { name: "Jobs" }).getByRole("row", { name: /hello/ });
    await row.getByText("56").waitFor();
    await screenshot(page, "11-jobs");
    await row.getByRole("link", { name: "hello" }).click();
    await page.getByRole("heading", { name: /Job hello/ }).waitFor();
    await page.getByText("Tasks 1–50").waitFor();
    const rows = page.getByRole("table", { name: "Tasks" }).locator("tbody tr");
    expect(await rows.count()).toBe(50);
    await screenshot(page, "12-job-tasks");
    await page.getByRole("button", { name: "Next page" }).click();
    await page.getByText("Tasks 51–56").waitFor();
    expect(await rows.count()).toBe(6);
    await page.getByLabel("State", { exact: true }).selectOption("running");
    await page.getByText("No tasks match.").waitFor();
  });

  it("reads a task's stdout and exit code", async () => {
    await page.goto(`${ui.server.url}/ui/jobs/hello/tasks/echo`);
    await page.getByRole("heading", { name: /Task echo/ }).waitFor();
    const stdout = page.getByTestId("log-stdout.txt");
    await waitUntil(
      async () => ((await stdout.textContent())?.includes("hi") ? true : undefined),
      20_000,
      "stdout to show 'hi'",
    );
    expect(await stdout.textContent()).toBe("hi\n");
    expect(await page.getByTestId("exit-code").textContent()).toBe("0");
    await screenshot(page, "13-task-stdout");
    await page.getByRole("tab", { name: "stderr.txt" }).click();
    await page.getByTestId("log-stderr.txt").waitFor();
  });

  it("lists a factory's triggers with their state", async () => {
    await page.getByRole("link", { name: "Triggers" }).click();
    const row = page.locator("[data-trigger='EveryNight']");
    await row.waitFor();
    expect(await row.textContent()).toContain("ScheduleTrigger");
    expect(await row.textContent()).toContain("nightly");
    await expect(row.getByRole("button", { name: "Start EveryNight" }).isVisible()).resolves.toBe(
      true,
    );
    await screenshot(page, "14-triggers");
  });
});
