// The monitoring UI's Batch pages in Debian's Chromium against a real server with a local
// pool: the node heatmap and resize, jobs and task counts, the task table, a task's stdout.
// (The trigger pages are factory-ui.test.ts's.)
import { describe, expect, it } from "vitest";
import { screenshot, waitUntil } from "./browser-kit.js";
import { browserSuite } from "./browser-suite.js";

describe("monitoring UI: pools, jobs, tasks and triggers", { timeout: 60_000 }, () => {
  const suite = browserSuite({
    localPools: true,
    setup: async (ui) => {
      await ui.call("POST", "/pools", { id: "local", vmSize: "local", targetDedicatedNodes: 1 });
      await ui.call("POST", "/jobs", { id: "hello", poolInfo: { poolId: "local" } });
      await ui.call("POST", "/jobs/hello/tasks", { id: "echo", commandLine: "/bin/echo hi" });
      for (let i = 0; i < 55; i++) {
        await ui.call("POST", "/jobs/hello/tasks", {
          id: `t${String(i).padStart(2, "0")}`,
          commandLine: "/bin/true",
        });
      }
    },
  });

  it("shows a pool's nodes as a heatmap and resizes the pool", async () => {
    await suite.page.getByRole("link", { name: "Pools" }).click();
    const pool = suite.page.locator("[data-pool='local']");
    await pool
      .locator("[data-node-state='idle'], [data-node-state='running']")
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await pool.getByRole("list", { name: "Nodes", exact: true }).locator("li").count()).toBe(
      1,
    );
    await screenshot(suite.page, "10-pools");
    await pool.getByLabel("Target dedicated nodes").fill("2");
    await pool.getByRole("button", { name: "Resize" }).click();
    await pool.getByText("of 2 wanted").waitFor();
    const body = await suite.ui.call<{ targetDedicatedNodes: number }>("GET", "/pools/local");
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
        const counts = await suite.ui.call<{ taskCounts: { completed: number } }>(
          "GET",
          "/jobs/hello/taskcounts",
        );
        return counts.taskCounts.completed === 56 ? true : undefined;
      },
      60_000,
      "every task to complete",
    );
    await suite.page.getByRole("link", { name: "Jobs" }).click();
    const row = suite.page.getByRole("table", { name: "Jobs" }).getByRole("row", { name: /hello/ });
    await row.getByText("56").waitFor();
    await screenshot(suite.page, "11-jobs");
    await row.getByRole("link", { name: "hello" }).click();
    await suite.page.getByRole("heading", { name: /Job hello/ }).waitFor();
    await suite.page.getByText("Tasks 1–50").waitFor();
    const rows = suite.page.getByRole("table", { name: "Tasks" }).locator("tbody tr");
    expect(await rows.count()).toBe(50);
    await screenshot(suite.page, "12-job-tasks");
    await suite.page.getByRole("button", { name: "Next page" }).click();
    await suite.page.getByText("Tasks 51–56").waitFor();
    expect(await rows.count()).toBe(6);
    await suite.page.getByLabel("State", { exact: true }).selectOption("running");
    await suite.page.getByText("No tasks match.").waitFor();
  });

  it("reads a task's stdout and exit code", async () => {
    await suite.page.goto(`${suite.ui.server.url}/ui/jobs/hello/tasks/echo`);
    await suite.page.getByRole("heading", { name: /Task echo/ }).waitFor();
    const stdout = suite.page.getByTestId("log-stdout.txt");
    await waitUntil(
      async () => ((await stdout.textContent())?.includes("hi") ? true : undefined),
      20_000,
      "stdout to show 'hi'",
    );
    expect(await stdout.textContent()).toBe("hi\n");
    expect(await suite.page.getByTestId("exit-code").textContent()).toBe("0");
    await screenshot(suite.page, "13-task-stdout");
    await suite.page.getByRole("tab", { name: "stderr.txt" }).click();
    await suite.page.getByTestId("log-stderr.txt").waitFor();
  });
});
