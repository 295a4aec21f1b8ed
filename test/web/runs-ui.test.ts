// The monitoring UI's pipeline pages in Debian's Chromium against a real server: sign in,
// watch a run finish in the live list, its Gantt view and an activity's output, cancel a
// running run, rerun from failure, and page through many runs.
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

const wait = (name: string, seconds: number, dependsOn: unknown[] = []) => ({
  name,
  type: "Wait",
  dependsOn,
  typeProperties: { waitTimeInSeconds: seconds },
});
const after = (activity: string, condition = "Succeeded") => [
  { activity, dependencyConditions: [condition] },
];

const factory = {
  factory: { name: "default", properties: {} },
  pipelines: [
    {
      name: "fanout",
      properties: {
        parameters: { colours: { type: "Array", defaultValue: ["red", "green", "blue"] } },
        variables: { last: { type: "String" } },
        activities: [
          wait("Prepare", 0),
          {
            name: "EachColour",
            type: "ForEach",
            dependsOn: after("Prepare"),
            typeProperties: {
              isSequential: true,
              items: { value: "@pipeline().parameters.colours", type: "Expression" },
              activities: [
                {
                  name: "Remember",
                  type: "SetVariable",
                  typeProperties: { variableName: "last", value: "@item()" },
                },
              ],
            },
          },
          wait("Finish", 0, after("EachColour")),
        ],
      },
    },
    { name: "slow", properties: { activities: [wait("Long", 3600)] } },
    {
      name: "flaky",
      properties: {
        activities: [
          wait("First", 0),
          {
            name: "Gate",
            type: "IfCondition",
            dependsOn: after("First"),
            typeProperties: {
              expression: {
                value: "@equals(pipeline().RunId, pipeline().GroupId)",
                type: "Expression",
              },
              ifTrueActivities: [
                {
                  name: "Boom",
                  type: "Fail",
                  typeProperties: { message: "fails the first time", errorCode: "X1" },
                },
              ],
            },
          },
        ],
      },
    },
    { name: "quick", properties: { activities: [wait("Nothing", 0)] } },
    {
      name: "parent",
      properties: {
        activities: [
          {
            name: "CallFanout",
            type: "ExecutePipeline",
            typeProperties: {
              pipeline: { referenceName: "fanout", type: "PipelineReference" },
              waitOnCompletion: true,
            },
          },
        ],
      },
    },
  ],
  datasets: [],
  linkedServices: [],
  triggers: [],
  others: [],
};

type Run = { runId: string; status: string; runGroupId: string; pipelineName: string };

describe("monitoring UI: pipeline runs", { timeout: 60_000 }, () => {
  let webRoot: string;
  let ui: UiServer;
  let browser: Browser;
  let page: Page;
  const createRun = async (pipeline: string) =>
    (
      await ui.call<{ runId: string }>(
        "POST",
        `/factories/default/pipelines/${pipeline}/createRun`,
        {},
      )
    ).runId;
  const runStatus = async (runId: string) =>
    (await ui.call<Run>("GET", `/factories/default/pipelineruns/${runId}`)).status;

  beforeAll(async () => {
    webRoot = await buildUi();
    ui = await startUiServer(webRoot, false);
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

  it("refuses a wrong token, signs in with the right one and keeps it out of the URL", async () => {
    await page.goto(`${ui.server.url}/`);
    expect(new URL(page.url()).pathname).toBe("/ui/");
    await page.evaluate("sessionStorage.clear()");
    await page.reload();
    await page.getByLabel("Server token").fill("not-the-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain("refused");
    await screenshot(page, "01-sign-in");
    await signIn(page, ui.server);
    expect(page.url()).not.toContain(ui.server.token);
    const stored = await page.evaluate("sessionStorage.getItem('sluice.token')");
    expect(stored).toBe(ui.server.token);
  });

  it("shows a new run in the live list and sees it finish without reloading", async () => {
    await signIn(page, ui.server);
    const runId = await createRun("fanout");
    const row = page.locator(`tr[data-run-id="${runId}"]`);
    // The list refreshes itself: no reload, no navigation.
    await row.getByText("Succeeded").waitFor({ timeout: 20_000 });
    await expect(row.getByRole("link", { name: "fanout" }).isVisible()).resolves.toBe(true);
    expect(await runStatus(runId)).toBe("Succeeded");
    await screenshot(page, "02-runs-list");
  });

  it("opens a run's Gantt view, expands the ForEach and shows an activity's output", async () => {
    await signIn(page, ui.server);
    const runId = await createRun("fanout");
    await waitUntil(
      async () => ((await runStatus(runId)) === "Succeeded" ? true : undefined),
      20_000,
      "fanout",
    );
    await page.locator(`tr[data-run-id="${runId}"]`).getByRole("link", { name: "fanout" }).click();
    await page.getByRole("heading", { name: /fanout/ }).waitFor();
    expect(await page.getByTestId("run-id").textContent()).toBe(runId);
    await page.getByRole("tab", { name: "Gantt" }).waitFor();
    await page.getByRole("button", { name: "Expand EachColour" }).click();
    const iterations = page.locator("[data-gantt-row^='Iteration']");
    await waitUntil(
      async () => ((await iterations.count()) === 3 ? true : undefined),
      10_000,
      "3 iterations",
    );
    await page.getByRole("button", { name: "Expand Iteration 2" }).click();
    await page.locator(".gantt").getByRole("button", { name: "Remember", exact: true }).click();
    const output = page.getByTestId("activity-output");
    await output.waitFor();
    expect(JSON.parse((await output.textContent()) ?? "")).toEqual({
      name: "last",
      value: "green",
    });
    await screenshot(page, "03-run-gantt");
    await page.getByRole("tab", { name: "Activity runs" }).click();
    await expect(
      page.getByRole("table", { name: "Activity runs" }).locator("tbody tr").count(),
    ).resolves.toBe(6);
    await screenshot(page, "04-run-activities");
    await page.getByRole("tab", { name: "Graph" }).click();
    const box = page.locator("[data-activity='EachColour']");
    await expect(box.getAttribute("aria-label")).resolves.toBe("EachColour (ForEach): Succeeded");
    await screenshot(page, "05-run-graph");
  });

  it("expands an Execute Pipeline row into the child run's activities", async () => {
    const runId = await createRun("parent");
    await waitUntil(
      async () => ((await runStatus(runId)) === "Succeeded" ? true : undefined),
      30_000,
      "parent",
    );
    await page.goto(`${ui.server.url}/ui/f/default/runs/${runId}`);
    await page.getByRole("button", { name: "Expand CallFanout" }).click();
    const child = page.locator(".gantt-child");
    // The child's ForEach groups its iterations, from the child pipeline's definition.
    await child.getByRole("button", { name: "Expand EachColour" }).click();
    await expect(child.locator("[data-gantt-row^='Iteration']").count()).resolves.toBe(3);
    await child.getByRole("button", { name: "Finish", exact: true }).click();
    await expect(page.locator("#activity-details-title").textContent()).resolves.toContain(
      "Finish",
    );
    await screenshot(page, "05b-run-child-gantt");
  });

  it("cancels a running run", async () => {
    const runId = await createRun("slow");
    await page.goto(`${ui.server.url}/ui/f/default/runs/${runId}`);
    const heading = page.getByRole("heading", { level: 1 });
    await heading.getByText("InProgress").waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: "Cancel run" }).click();
    await heading.getByText("Cancelled").waitFor({ timeout: 20_000 });
    expect(await runStatus(runId)).toBe("Cancelled");
    await screenshot(page, "06-run-cancelled");
  });

  it("reruns a failed run from its failure", async () => {
    const failedId = await createRun("flaky");
    await page.goto(`${ui.server.url}/ui/f/default/runs/${failedId}`);
    const heading = page.getByRole("heading", { level: 1 });
    await heading.getByText("Failed").waitFor({ timeout: 20_000 });
    await page.getByRole("tab", { name: "Activity runs" }).click();
    await page.getByRole("button", { name: "Details of Boom" }).click();
    expect(await page.getByTestId("activity-error").textContent()).toContain(
      "fails the first time",
    );
    await screenshot(page, "07-run-failed");
    await page.getByRole("button", { name: "Rerun from failure" }).click();
    await page.waitForURL(
      (url) => url.pathname.startsWith("/ui/f/default/runs/") && !url.pathname.endsWith(failedId),
    );
    await heading.getByText("Succeeded").waitFor({ timeout: 20_000 });
    const rerunId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
    const rerun = await ui.call<Run>("GET", `/factories/default/pipelineruns/${rerunId}`);
    expect(rerun).toMatchObject({
      status: "Succeeded",
      runGroupId: failedId,
      pipelineName: "flaky",
    });
    await screenshot(page, "08-run-rerun");
  });

  it("pages through many runs 50 rows at a time and filters them", async () => {
    const ids = await Promise.all(Array.from({ length: 60 }, () => createRun("quick")));
    await waitUntil(
      async () => {
        const body = await ui.call<{ value: Run[] }>(
          "POST",
          "/factories/default/queryPipelineRuns",
          {
            filters: [{ operand: "PipelineName", operator: "Equals", values: ["quick"] }],
          },
        );
        return body.value.filter((run) => run.status === "Succeeded").length === ids.length
          ? true
          : undefined;
      },
      60_000,
      "60 quick runs",
    );
    await page.goto(`${ui.server.url}/ui/f/default/runs?pipeline=quick`);
    const rows = page.getByRole("table", { name: "Pipeline runs" }).locator("tbody tr");
    await page.getByText("Runs 1–50").waitFor();
    expect(await rows.count()).toBe(50);
    await page.getByRole("button", { name: "Next page" }).click();
    await page.getByText("Runs 51–60").waitFor();
    expect(await rows.count()).toBe(10);
    await page.getByRole("button", { name: "Previous page" }).click();
    await page.getByText("Runs 1–50").waitFor();
    await page.getByLabel("Status").selectOption("Failed");
    await page.getByText("No runs match these filters.").waitFor();
    expect(new URL(page.url()).search).toBe("?status=Failed&pipeline=quick");
  });

  it("works in a narrow window with the keyboard alone", async () => {
    const narrow = await browser.newPage({ viewport: { width: 380, height: 800 } });
    try {
      await signIn(narrow, ui.server);
      // The skip link is the first stop; the main navigation follows.
      await narrow.keyboard.press("Tab");
      await expect(narrow.evaluate("document.activeElement?.textContent")).resolves.toBe(
        "Skip to content",
      );
      await narrow.keyboard.press("Tab");
      await expect(narrow.evaluate("document.activeElement?.textContent")).resolves.toBe(
        "Pipeline runs",
      );
      const width = await narrow.evaluate<number>("document.documentElement.scrollWidth");
      expect(width).toBeLessThanOrEqual(380);
      await screenshot(narrow, "09-runs-narrow");
    } finally {
      await narrow.close();
    }
  });
});
