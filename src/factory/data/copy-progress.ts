import type { Clock, JsonValue } from "../../core/index.js";

/** Files and rows a running copy has done so far. */
export interface CopyCounts {
  filesDone: number;
  rowsDone: number;
}

/**
 * Reports a copy's progress through the attempt's `saveState` (the engine keeps it on the
 * activity run), at most once per `intervalMs` (default 1 s) so a copy of many small files
 * does not write the store per file. Saving never fails the copy.
 */
export class CopyProgress {
  readonly counts: CopyCounts = { filesDone: 0, rowsDone: 0 };
  private lastSaved = Number.NEGATIVE_INFINITY;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly save: (state: JsonValue) => Promise<void>,
    private readonly clock: Clock,
    private readonly intervalMs = 1000,
  ) {}

  /** Adds to the counts and saves them if the interval has passed. */
  add(files: number, rows: number): void {
    this.counts.filesDone += files;
    this.counts.rowsDone += rows;
    const now = this.clock.now();
    if (now - this.lastSaved < this.intervalMs) return;
    this.lastSaved = now;
    const state = { filesDone: this.counts.filesDone, rowsDone: this.counts.rowsDone };
    this.pending = this.pending.then(() => this.save(state)).catch(() => undefined);
  }

  /** Waits for saves in flight (so none lands after the activity ends). */
  async flush(): Promise<void> {
    await this.pending;
  }
}
