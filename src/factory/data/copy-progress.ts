import type { Clock, JsonObject, JsonValue } from "../../core/index.js";

/** What a running copy has done so far, in the names of ADF's Copy output. */
export interface CopyCounts {
  filesRead: number;
  filesWritten: number;
  dataRead: number;
  dataWritten: number;
  rowsRead: number;
  rowsCopied: number;
}

/** Work done since the last {@link CopyProgress.add}; absent fields add nothing. */
export type CopyDelta = Partial<Readonly<CopyCounts>>;

/**
 * A running copy's progress, reported (through the attempt's `reportProgress`, which shows
 * it as the InProgress activity run's output) at once for the first piece of work, then at
 * most once per `intervalMs` (default 1 s), so a copy of many small files does not write the
 * store per file. Reporting never fails the copy.
 */
export class CopyProgress {
  readonly counts: CopyCounts = {
    filesRead: 0,
    filesWritten: 0,
    dataRead: 0,
    dataWritten: 0,
    rowsRead: 0,
    rowsCopied: 0,
  };
  /** True once any work counted rows (ADF shows no rows for a binary copy). */
  private tabular = false;
  private lastReported = Number.NEGATIVE_INFINITY;
  private pending: Promise<void> = Promise.resolve();
  private readonly startMs: number;

  constructor(
    private readonly report: (progress: JsonValue) => Promise<void>,
    private readonly clock: Clock,
    private readonly intervalMs = 1000,
  ) {
    this.startMs = clock.now();
  }

  /** Adds to the counts and reports them if the interval has passed. */
  add(delta: CopyDelta): void {
    for (const [key, value] of Object.entries(delta) as [keyof CopyCounts, number][]) {
      this.counts[key] += value;
    }
    if (delta.rowsRead !== undefined || delta.rowsCopied !== undefined) this.tabular = true;
    const now = this.clock.now();
    if (now - this.lastReported < this.intervalMs) return;
    this.lastReported = now;
    const output = progressOutput(this.counts, this.tabular, this.startMs, now);
    this.pending = this.pending.then(() => this.report(output)).catch(() => undefined);
  }

  /** Waits for reports in flight. */
  async flush(): Promise<void> {
    await this.pending;
  }
}

/**
 * An in-progress Copy's output: the counts so far under the names of ADF's final output,
 * `copyDuration` so far in seconds, and one `executionDetails` entry whose status is
 * `InProgress`.
 */
export function progressOutput(
  counts: Readonly<CopyCounts>,
  tabular: boolean,
  startMs: number,
  nowMs: number,
): JsonObject {
  const seconds = Math.round(Math.max(nowMs - startMs, 0) / 1000);
  return {
    dataRead: counts.dataRead,
    dataWritten: counts.dataWritten,
    filesRead: counts.filesRead,
    filesWritten: counts.filesWritten,
    ...(tabular ? { rowsRead: counts.rowsRead, rowsCopied: counts.rowsCopied } : {}),
    copyDuration: seconds,
    executionDetails: [
      { status: "InProgress", start: new Date(startMs).toISOString(), duration: seconds },
    ],
  };
}
