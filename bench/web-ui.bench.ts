import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../src/app/index.js";
import { launchBrowser, signIn } from "../test/web/browser-kit.js";
import { measureRunList, median, seedFinishedRuns } from "../test/web/run-list-timing.js";
import { millis, printTable } from "./batch/figure.js";

const runCount = 10_000;
const rowsPerPage = 50;
const loads = 3;
const targetMs = 1000;
const chromium = process.env.SLUICE_CHROMIUM ?? "/usr/bin/chromium";
const webRoot = join(import.meta.dirname, "..", "web", "dist");

/**
 * The web UI issue's figure: the runs page over 10,000 runs on loopback, from navigation to
 * the first page's rows (median of 3 fresh loads; target under 1 s), beside the time the API
 * alone takes to answer that page (`queryPipelineRuns`, median of 5). Page turns and the
 * longest main-thread task are printed under it. Needs Debian's Chromium and the built UI;
 * without them it says so and measures nothing.
 */
export async function runWebUiBench(): Promise<void> {
  console.log(
    `\nWeb UI (runs page over ${runCount.toLocaleString("en-US")} runs; SQLite; Chromium)`,
  );
  if (!existsSync(chromium) || !existsSync(join(webRoot, "index.html"))) {
    console.log(`  skipped: needs ${chromium} and the built UI (npm run build:web)`);
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), "sluice-web-bench-"));
  const server = await startServer({ dataDir, port: 0, localPools: false, webRoot });
  const browser = await launchBrowser();
  try {
    await deploy(server);
    await seedFinishedRuns(dataDir, "bench", "tiny", runCount, Date.now());
    const apiMs = await apiFirstPageMs(server);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, server);
    const url = `${server.url}/ui/f/bench/runs?range=all`;
    const runs = [];
    for (let i = 0; i < loads; i++) {
      runs.push(await measureRunList(page, url, rowsPerPage, 1000 / rowsPerPage));
    }
    const first = median(runs.map((run) => run.firstPageMs));
    const turns = runs.flatMap((run) => run.pageTurnsMs);
    printTable([
      {
        name: "runs page: first page shown",
        value: millis(first),
        reference: `API answer ${millis(apiMs)}`,
        target: `< ${millis(targetMs)}`,
        pass: first < targetMs,
        notes: [
          `page turn: median ${millis(median(turns))}, max ${millis(Math.max(...turns))}; ` +
            `into the server's next page: ${millis(median(runs.map((run) => run.serverPageTurnMs)))}`,
          `longest main-thread task while paging (0: none over 50 ms): ${millis(Math.max(...runs.map((run) => run.longestTaskMs)))}`,
        ],
      },
    ]);
  } finally {
    await browser.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function deploy(server: RunningServer): Promise<void> {
  const response = await fetch(`${server.url}/factories/bench/sluice/deploy`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
    body: JSON.stringify({
      factory: { name: "bench", properties: {} },
      pipelines: [{ name: "tiny", properties: { activities: [] } }],
      datasets: [],
      linkedServices: [],
      triggers: [],
      others: [],
    }),
  });
  if (!response.ok) throw new Error(`deploy: ${response.status} ${await response.text()}`);
}

/** The API's time for the page the UI asks first (1000 runs, newest first), median of 5. */
async function apiFirstPageMs(server: RunningServer): Promise<number> {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const response = await fetch(`${server.url}/factories/bench/queryPipelineRuns`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
      body: JSON.stringify({ orderBy: [{ orderBy: "RunStart", order: "DESC" }] }),
    });
    await response.json();
    times.push(performance.now() - start);
  }
  return median(times);
}
