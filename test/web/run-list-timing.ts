// The run list at scale: many finished runs written straight into a server's store (as the
// engine leaves them), and the browser-side timings of the runs page over them: first page
// shown, each page turn, and the longest main-thread task (stutter).
import { join } from "node:path";
import type { Page } from "playwright-core";
import { createPipelineRunStore, joinTransaction, openDatabase } from "../../src/store/index.js";

/**
 * Writes `count` Succeeded runs of `pipeline` into the SQLite store in `dataDir`, one second
 * apart ending at `now`, in one transaction: the quickest honest way to 10,000 runs (through
 * createRun each would take minutes of engine work that the list never sees). The server may
 * be running: SQLite's WAL lets this second connection write beside it.
 */
export async function seedFinishedRuns(
  dataDir: string,
  factory: string,
  pipeline: string,
  count: number,
  now: number,
): Promise<void> {
  const database = await openDatabase({ kind: "sqlite", path: join(dataDir, "sluice.db") });
  try {
    await database.writeTransaction(async (trx) => {
      const runs = createPipelineRunStore(joinTransaction(database.dialect, trx), {
        clock: { now: () => now },
      });
      for (let i = 0; i < count; i++) {
        const runStart = now - (count - i) * 1000;
        const run = await runs.create({
          factory,
          pipelineName: pipeline,
          status: "Succeeded",
          runStart,
          parameters: { index: i },
          invokedBy: { name: "Manual", id: `seed-${i}`, invokedByType: "Manual" },
        });
        await runs.update(run.runId, { runEnd: runStart + 250, durationInMs: 250 });
      }
    });
  } finally {
    await database.close();
  }
}

/** What {@link measureRunList} saw, in milliseconds. */
export interface RunListTimings {
  /** From navigation start to the first page's rows in the DOM (links live, handlers bound). */
  readonly firstPageMs: number;
  /** Each page turn: from the click to the new rows' summary. */
  readonly pageTurnsMs: readonly number[];
  /** The page turn that needed the server's next page (continuation token). */
  readonly serverPageTurnMs: number;
  /** The longest main-thread task (0 when none over 50 ms) Chromium reported while paging. */
  readonly longestTaskMs: number;
}

// Runs in the page: clicks Next page and resolves with the time until the summary changes.
const turnPage = `(async () => {
  const summary = document.querySelector('.pager [role="status"]');
  const before = summary.textContent;
  const next = [...document.querySelectorAll('.pager button')].find((b) => b.textContent === 'Next page');
  const start = performance.now();
  next.click();
  await new Promise((resolve) => {
    const done = () => summary.textContent !== before && summary.textContent.startsWith('Runs ');
    const check = () => done() ? resolve() : requestAnimationFrame(check);
    check();
  });
  // The time the new rows were painted-ready: the frame after the change.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return performance.now() - start;
})()`;

const observeLongTasks = `(() => {
  window.__longest = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
  }).observe({ type: "longtask" });
})()`;

/**
 * Opens `url` (the runs page; the tab must be signed in) afresh, waits for `rowsPerPage` rows
 * and turns `turns` pages forward. Asserting what shows is the caller's part.
 */
export async function measureRunList(
  page: Page,
  url: string,
  rowsPerPage: number,
  turns: number,
): Promise<RunListTimings> {
  await page.goto(url);
  const firstPageMs = await page.evaluate<number>(`new Promise((resolve) => {
    const check = () => document.querySelectorAll('table.runs tbody tr').length >= ${rowsPerPage}
      ? resolve(performance.now())
      : requestAnimationFrame(check);
    check();
  })`);
  await page.evaluate(observeLongTasks);
  const pageTurnsMs: number[] = [];
  for (let i = 0; i < turns; i++) pageTurnsMs.push(await page.evaluate<number>(turnPage));
  const serverTurn = Math.floor(1000 / rowsPerPage) - 1;
  const longestTaskMs = await page.evaluate<number>("window.__longest");
  return {
    firstPageMs,
    pageTurnsMs,
    serverPageTurnMs: pageTurnsMs[serverTurn] ?? Number.NaN,
    longestTaskMs,
  };
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
