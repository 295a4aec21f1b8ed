// The monitoring UI's pipeline pages in Debian's Chromium against a real server: sign in,
// watch a run finish in the live list, its Gantt view and an activity's output, cancel a
// running run, rerun from failure, and page through many runs.
import { describe, expect, it } from "vitest";
import { screenshot, signIn, waitUntil } from "./browser-kit.js";
import { browserSuite } from "./browser-suite.js";

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
  const suite = browserSuite({
    setup: async (ui) => {
      await ui.call("POST", "/factories/default/sluice/deploy", factory);
    },
  });
  const createRun = async (pipeline: string) =>
    (
      await suite.ui.call<{ runId: string }>(
        "POST",
        `/factories/default/pipelines/${pipeline}/createRun`,
        {},
      )
    ).runId;
  const runStatus = async (runId: string) =>
    (await suite.ui.call<Run>("GET", `/factories/default/pipelineruns/${runId}`)).status;

  it("refuses a wrong token, signs in with the right one and keeps it out of the URL", async () => {
    await suite.page.goto(`${suite.ui.server.url}/`);
    expect(new URL(suite.page.url()).pathname).toBe("/ui/");
    await suite.page.evaluate("sessionStorage.clear()");
    await suite.page.reload();
    await suite.page.getByLabel("Server token").fill("not-the-token");
    await suite.page.getByRole("button", { name: "Sign in" }).click();
    await expect(suite.page.getByRole("alert").textContent()).resolves.toContain("refused");
    await screenshot(suite.page, "01-sign-in");
    await signIn(suite.page, suite.ui.server);
    expect(suite.page.url()).not.toContain(suite.ui.server.token);
    const stored = await suite.page.evaluate("sessionStorage.getItem('sluice.token')");
    expect(stored).toBe(suite.ui.server.token);
  });

  it("shows a new run in the live list and sees it finish without reloading", async () => {
    await signIn(suite.page, suite.ui.server);
    const runId = await createRun("fanout");
    const row = suite.page.locator(`tr[data-run-id="${runId}"]`);
    // The list refreshes itself: no reload, no navigation.
    await row.getByText("Succeeded").waitFor({ timeout: 20_000 });
    await expect(row.getByRole("link", { name: "fanout" }).isVisible()).resolves.toBe(true);
    expect(await runStatus(runId)).toBe("Succeeded");
    await screenshot(suite.page, "02-runs-list");
  });

  it("opens a run's Gantt view, expands the ForEach and shows an activity's output", async () => {
    await signIn(suite.page, suite.ui.server);
    const runId = await createRun("fanout");
    await waitUntil(
      async () => ((await runStatus(runId)) === "Succeeded" ? true : undefined),
      20_000,
      "fanout",
    );
    await suite.page
      .locator(`tr[data-run-id="${runId}"]`)
      .getByRole("link", { name: "fanout" })
      .click();
    await suite.page.getByRole("heading", { name: /fanout/ }).waitFor();
    expect(await suite.page.getByTestId("run-id").textContent()).toBe(runId);
    await suite.page.getByRole("tab", { name: "Gantt" }).waitFor();
    await suite.page.getByRole("button", { name: "Expand EachColour" }).click();
    const iterations = suite.page.locator("[data-gantt-row^='Iteration']");
    await waitUntil(
      async () => ((await iterations.count()) === 3 ? true : undefined),
      10_000,
      "3 iterations",
    );
    await suite.page.getByRole("button", { name: "Expand Iteration 2" }).click();
    await suite.page
      .locator(".gantt")
      .getByRole("button", { name: "Remember", exact: true })
      .click();
    const output = suite.page.getByTestId("activity-output");
    await output.waitFor();
    expect(JSON.parse((await output.textContent()) ?? "")).toEqual({
      name: "last",
      value: "green",
    });
    await screenshot(suite.page, "03-run-gantt");
    await suite.page.getByRole("tab", { name: "Activity runs" }).click();
    await expect(
      suite.page.getByRole("table", { name: "Activity runs" }).locator("tbody tr").count(),
    ).resolves.toBe(6);
    await screenshot(suite.page, "04-run-activities");
    await suite.page.getByRole("tab", { name: "Graph" }).click();
    const box = suite.page.locator("[data-activity='EachColour']");
    await expect(box.getAttribute("aria-label")).resolves.toBe("EachColour (ForEach): Succeeded");
    await screenshot(suite.page, "05-run-graph");
  });

  it("expands an Execute Pipeline row into the child run's activities", async () => {
    const runId = await createRun("parent");
    await waitUntil(
      async () => ((await runStatus(runId)) === "Succeeded" ? true : undefined),
      30_000,
      "parent",
    );
    await suite.page.goto(`${suite.ui.server.url}/ui/f/default/runs/${runId}`);
    await suite.page.getByRole("button", { name: "Expand CallFanout" }).click();
    const child = suite.page.locator(".gantt-child");
    // The child's ForEach groups its iterations, from the child pipeline's definition.
    await child.getByRole("button", { name: "Expand EachColour" }).click();
    await expect(child.locator("[data-gantt-row^='Iteration']").count()).resolves.toBe(3);
    await child.getByRole("button", { name: "Finish", exact: true }).click();
    await expect(suite.page.locator("#activity-details-title").textContent()).resolves.toContain(
      "Finish",
    );
    await screenshot(suite.page, "05b-run-child-gantt");
  });

  it("cancels a running run", async () => {
    const runId = await createRun("slow");
    await suite.page.goto(`${suite.ui.server.url}/ui/f/default/runs/${runId}`);
    const heading = suite.page.getByRole("heading", { level: 1 });
    await heading.getByText("InProgress").waitFor({ timeout: 20_000 });
    await suite.page.getByRole("button", { name: "Cancel run" }).click();
    await heading.getByText("Cancelled").waitFor({ timeout: 20_000 });
    expect(await runStatus(runId)).toBe("Cancelled");
    await screenshot(suite.page, "06-run-cancelled");
  });

  it("reruns a failed run from its failure", async () => {
    const failedId = await createRun("flaky");
    await suite.page.goto(`${suite.ui.server.url}/ui/f/default/runs/${failedId}`);
    const heading = suite.page.getByRole("heading", { level: 1 });
    await heading.getByText("Failed").waitFor({ timeout: 20_000 });
    await suite.page.getByRole("tab", { name: "Activity runs" }).click();
    await suite.page.getByRole("button", { name: "Details of Boom" }).click();
    expect(await suite.page.getByTestId("activity-error").textContent()).toContain(
      "fails the first time",
    );
    await screenshot(suite.page, "07-run-failed");
    await suite.page.getByRole("button", { name: "Rerun from failure" }).click();
    await suite.page.waitForURL(
      (url) => url.pathname.startsWith("/ui/f/default/runs/") && !url.pathname.endsWith(failedId),
    );
    await heading.getByText("Succeeded").waitFor({ timeout: 20_000 });
    const rerunId = decodeURIComponent(new URL(suite.page.url()).pathname.split("/").pop() ?? "");
    const rerun = await suite.ui.call<Run>("GET", `/factories/default/pipelineruns/${rerunId}`);
    expect(rerun).toMatchObject({
      status: "Succeeded",
      runGroupId: failedId,
      pipelineName: "flaky",
    });
    await screenshot(suite.page, "08-run-rerun");
  });

  it("pages through many runs 50 rows at a time and filters them", async () => {
    const ids = await Promise.all(Array.from({ length: 60 }, () => createRun("quick")));
    await waitUntil(
      async () => {
        const body = await suite.ui.call<{ value: Run[] }>(
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
    await suite.page.goto(`${suite.ui.server.url}/ui/f/default/runs?pipeline=quick`);
    const rows = suite.page.getByRole("table", { name: "Pipeline runs" }).locator("tbody tr");
    await suite.page.getByText("Runs 1–50").waitFor();
    expect(await rows.count()).toBe(50);
    await suite.page.getByRole("button", { name: "Next page" }).click();
    await suite.page.getByText("Runs 51–60").waitFor();
    expect(await rows.count()).toBe(10);
    await suite.page.getByRole("button", { name: "Previous page" }).click();
    await suite.page.getByText("Runs 1–50").waitFor();
    await suite.page.getByLabel("Status").selectOption("Failed");
    await suite.page.getByText("No runs match these filters.").waitFor();
    expect(new URL(suite.page.url()).search).toBe("?status=Failed&pipeline=quick");
  });

  it("works in a narrow window with the keyboard alone", async () => {
    const narrow = await suite.browser.newPage({ viewport: { width: 380, height: 800 } });
    try {
      await signIn(narrow, suite.ui.server);
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
