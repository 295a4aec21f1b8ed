// The run list over 10,000 runs in Debian's Chromium: the first page shows, pages turn
// within the server's page of 1000 runs and across into the next one, and back. The timings
// (first page, page turns, longest main-thread task) are printed, not asserted: this machine
// is shared; `npm run bench` reports them beside the API's own answer time.
import { describe, expect, it } from "vitest";
import { screenshot } from "./browser-kit.js";
import { browserSuite } from "./browser-suite.js";
import { measureRunList, median, seedFinishedRuns } from "./run-list-timing.js";

const runCount = 10_000;
const rowsPerPage = 50;

describe("monitoring UI: 10,000 runs", { timeout: 60_000 }, () => {
  const suite = browserSuite({
    setup: async (ui) => {
      await ui.call("POST", "/factories/scale/sluice/deploy", {
        factory: { name: "scale", properties: {} },
        pipelines: [{ name: "tiny", properties: { activities: [] } }],
        datasets: [],
        linkedServices: [],
        triggers: [],
        others: [],
      });
      const started = performance.now();
      await seedFinishedRuns(ui.dataDir, "scale", "tiny", runCount, Date.now());
      console.log(`seeded ${runCount} runs in ${Math.round(performance.now() - started)} ms`);
    },
  });

  it("shows the first page, pages through the server's pages and back", async () => {
    const url = `${suite.ui.server.url}/ui/f/scale/runs?range=all`;
    const turns = 1000 / rowsPerPage; // the last one needs the server's second page
    const timings = await measureRunList(suite.page, url, rowsPerPage, turns);
    const rows = suite.page.getByRole("table", { name: "Pipeline runs" }).locator("tbody tr");
    await suite.page.getByText("Runs 1001–1050").waitFor();
    expect(await rows.count()).toBe(rowsPerPage);
    // Newest first: run 1001 of the list is the 9000th seeded.
    const first = await rows.first().getAttribute("data-run-id");
    const run = await suite.ui.call<{ parameters: { index: number } }>(
      "GET",
      `/factories/scale/pipelineruns/${first}`,
    );
    expect(run.parameters.index).toBe(runCount - 1001);
    await screenshot(suite.page, "22-runs-10000");
    await suite.page.getByRole("button", { name: "Previous page" }).click();
    await suite.page.getByText("Runs 951–1000").waitFor();
    // The rows are live links: one opens its run.
    await rows.first().getByRole("link", { name: "tiny" }).click();
    await suite.page.getByRole("heading", { name: /tiny/ }).waitFor();
    console.log(
      `runs page over ${runCount} runs: first page ${Math.round(timings.firstPageMs)} ms; ` +
        `page turn median ${median(timings.pageTurnsMs).toFixed(1)} ms, ` +
        `max ${Math.max(...timings.pageTurnsMs).toFixed(1)} ms; ` +
        `turn into the server's next page ${timings.serverPageTurnMs.toFixed(1)} ms; ` +
        `longest main-thread task while paging ${Math.round(timings.longestTaskMs)} ms`,
    );
  });
});
