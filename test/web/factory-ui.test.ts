// The monitoring UI's factory pages in Debian's Chromium against a real server: the
// pipelines list and a pipeline's definition (JSON and graph), starting and stopping a
// trigger, and tumbling windows in each of ADF's states with a rerun of an ended window.
import { describe, expect, it } from "vitest";
import { screenshot, waitUntil } from "./browser-kit.js";
import { browserSuite } from "./browser-suite.js";
import { factory, oddHours } from "./factory-ui.fixture.js";

interface Window {
  triggerRunId: string;
  windowStartTime: string;
  status: string;
  runId: string | null;
}

describe("monitoring UI: pipelines, triggers and tumbling windows", { timeout: 60_000 }, () => {
  const suite = browserSuite({
    setup: async (ui) => {
      await ui.call("POST", "/factories/default/sluice/deploy", factory);
    },
  });
  const windows = async (trigger: string) =>
    (
      await suite.ui.call<{ value: Window[] }>(
        "GET",
        `/factories/default/triggers/${trigger}/sluice/windows`,
      )
    ).value;
  const runtimeState = async (trigger: string) =>
    (
      await suite.ui.call<{ properties: { runtimeState: string } }>(
        "GET",
        `/factories/default/triggers/${trigger}`,
      )
    ).properties.runtimeState;
  /** Waits until the trigger's windows, by start hour, have these states. */
  const windowStatesReach = (trigger: string, wanted: string[], what: string) =>
    waitUntil(
      async () => {
        const list = await windows(trigger);
        const states = [...list]
          .sort((a, b) => a.windowStartTime.localeCompare(b.windowStartTime))
          .map((window) => window.status);
        return JSON.stringify(states) === JSON.stringify(wanted) ? list : undefined;
      },
      40_000,
      what,
    );

  it("lists pipelines and shows one's definition as JSON and as a graph", async () => {
    await suite.page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Pipelines" })
      .click();
    await suite.page.getByRole("heading", { name: "Pipelines" }).waitFor();
    const table = suite.page.getByRole("table", { name: "Pipelines" });
    await table.locator("tbody tr").first().waitFor();
    expect(
      await table
        .locator("tbody tr")
        .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-pipeline"))),
    ).toEqual(["nightly", "odd-hours", "slow"]);
    const row = table.locator("[data-pipeline='odd-hours']");
    expect(await row.textContent()).toContain("windowStart");
    await screenshot(suite.page, "15-pipelines");
    await row.getByRole("link", { name: "odd-hours", exact: true }).click();
    await suite.page.getByRole("heading", { name: "Pipeline odd-hours" }).waitFor();
    const definition = suite.page.getByTestId("pipeline-definition");
    const shown = JSON.parse((await definition.textContent()) ?? "") as {
      name: string;
      properties: unknown;
    };
    expect(shown.name).toBe("odd-hours");
    expect(shown.properties).toMatchObject(oddHours.properties);
    // The graph: one box per top-level activity, the arrow between them, no run statuses.
    const gate = suite.page.locator("[data-activity='Gate']");
    await expect(gate.getAttribute("aria-label")).resolves.toBe("Gate (IfCondition)");
    await expect(suite.page.locator("svg.graph path.edge").count()).resolves.toBe(1);
    await gate.focus();
    await suite.page.keyboard.press("Enter");
    const activity = suite.page.getByTestId("activity-definition");
    await activity.waitFor();
    expect(JSON.parse((await activity.textContent()) ?? "")).toMatchObject({
      name: "Gate",
      type: "IfCondition",
    });
    await screenshot(suite.page, "16-pipeline-definition");
    await suite.page.getByRole("link", { name: "Runs of odd-hours" }).click();
    await suite.page.getByRole("heading", { name: "Pipeline runs" }).waitFor();
    expect(new URL(suite.page.url()).search).toBe("?pipeline=odd-hours&range=all");
  });

  it("starts and stops a trigger, and the server agrees", async () => {
    await suite.page.getByRole("link", { name: "Triggers", exact: true }).click();
    const row = suite.page.locator("[data-trigger='EveryNight']");
    await row.getByRole("button", { name: "Start EveryNight" }).click();
    await row.getByRole("button", { name: "Stop EveryNight" }).waitFor();
    expect(await row.locator(".status").textContent()).toBe("Started");
    expect(await runtimeState("EveryNight")).toBe("Started");
    // A started schedule shows its next fire (02:00 UTC every day).
    expect(await row.locator("td").nth(4).textContent()).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    );
    await screenshot(suite.page, "14-triggers");

    await row.getByRole("link", { name: "EveryNight" }).click();
    await suite.page.getByRole("heading", { name: /Trigger EveryNight/ }).waitFor();
    const fires = suite.page.getByTestId("next-fires").locator("time");
    await waitUntil(
      async () => ((await fires.count()) === 5 ? true : undefined),
      10_000,
      "5 fires",
    );
    const times = await fires.evaluateAll((items) =>
      items.map((item) => item.getAttribute("datetime")),
    );
    for (const time of times) expect(time).toMatch(/T02:00:00(\.000)?Z$/);
    await suite.page.getByRole("button", { name: "Stop EveryNight" }).click();
    await suite.page.getByRole("button", { name: "Start EveryNight" }).waitFor();
    await suite.page.getByRole("heading", { level: 1 }).getByText("Stopped").waitFor();
    expect(await runtimeState("EveryNight")).toBe("Stopped");
    await screenshot(suite.page, "18-trigger-stopped");
  });

  it("shows tumbling windows in each state and reruns an ended one", async () => {
    for (const trigger of ["Hourly", "Slow", "Downstream"]) {
      await suite.ui.call("POST", `/factories/default/triggers/${trigger}/start`);
    }
    const ended = await windowStatesReach(
      "Hourly",
      ["Failed", "Succeeded", "Failed", "Succeeded"],
      "Hourly's windows to end",
    );
    const slow = await windowStatesReach(
      "Slow",
      ["Running", "Waiting", "Waiting"],
      "Slow's windows",
    );
    await windowStatesReach(
      "Downstream",
      ["WaitingOnDependency", "WaitingOnDependency"],
      "Downstream waiting on Slow",
    );

    // Slow's running window: cancel its pipeline run from the run page.
    const running = slow.find((window) => window.status === "Running");
    await suite.page.goto(`${suite.ui.server.url}/ui/f/default/triggers/Slow`);
    const runningRow = suite.page.locator(`tr[data-window-start='${running?.windowStartTime}']`);
    await runningRow.locator(".status").getByText("Running").waitFor();
    await screenshot(suite.page, "19-trigger-windows-running");
    await runningRow.getByRole("link", { name: /^Run / }).click();
    await suite.page
      .getByRole("heading", { level: 1 })
      .getByText("InProgress")
      .waitFor({ timeout: 20_000 });
    await suite.page.getByRole("button", { name: "Cancel run" }).click();
    await windowStatesReach(
      "Slow",
      ["Cancelled", "Running", "Waiting"],
      "Slow's first window cancelled",
    );
    await suite.page.goBack();
    const counts = suite.page.getByRole("list", { name: "Windows by state" });
    // The page catches up by itself (a read may fall between the cancel and the next start).
    const shown = () =>
      counts
        .locator("li")
        .evaluateAll((items) => items.map((item) => item.textContent?.trim()).join(", "));
    const wanted =
      "Waiting 1, WaitingOnDependency 0, Running 1, Succeeded 0, Failed 0, Cancelled 1";
    await waitUntil(async () => ((await shown()) === wanted ? true : undefined), 10_000, wanted);
    // Only ended windows offer a rerun.
    await expect(
      suite.page.getByRole("button", { name: /^Rerun the window/ }).count(),
    ).resolves.toBe(1);

    await suite.page.goto(`${suite.ui.server.url}/ui/f/default/triggers/Downstream`);
    const waiting = suite.page.locator("tr[data-window-state='WaitingOnDependency']");
    await waitUntil(
      async () => ((await waiting.count()) === 2 ? true : undefined),
      10_000,
      "2 rows",
    );
    await screenshot(suite.page, "20-trigger-windows-dependency");

    // Rerun Hourly's first window (it failed): a new pipeline run for the same window.
    const first = ended.find((window) => window.windowStartTime.startsWith("2026-01-01T00:"));
    await suite.page.goto(`${suite.ui.server.url}/ui/f/default/triggers/Hourly`);
    await suite.page.getByLabel("State", { exact: true }).selectOption("Failed");
    const rows = suite.page.getByRole("table", { name: "Windows" }).locator("tbody tr");
    await waitUntil(
      async () => ((await rows.count()) === 2 ? true : undefined),
      10_000,
      "2 failed",
    );
    await screenshot(suite.page, "21-trigger-windows-failed");
    const firstRow = suite.page.locator(`tr[data-window-start='${first?.windowStartTime}']`);
    await firstRow.getByRole("button", { name: /^Rerun the window/ }).click();
    const rerun = await waitUntil(
      async () => {
        const now = (await windows("Hourly")).find((w) => w.triggerRunId === first?.triggerRunId);
        return now?.status === "Failed" && now.runId !== first?.runId ? now : undefined;
      },
      40_000,
      "the rerun window to fail again with a new run",
    );
    await firstRow
      .getByRole("link", { name: new RegExp(`^Run ${rerun.runId}`) })
      .waitFor({ timeout: 20_000 });
    const run = await suite.ui.call<{ pipelineName: string; invokedBy: { invokedByType: string } }>(
      "GET",
      `/factories/default/pipelineruns/${rerun.runId}`,
    );
    expect(run).toMatchObject({
      pipelineName: "odd-hours",
      invokedBy: { invokedByType: "TumblingWindowTrigger" },
    });
  });
});
