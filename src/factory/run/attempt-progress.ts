import type { JsonValue } from "../../core/index.js";
import { asJson, type RunContext } from "./run-context.js";

/**
 * An attempt's progress reports (a Copy's files and rows so far), shown as its InProgress
 * row's `output`. Writes go one after another; once the attempt has ended, {@link close}
 * waits for those in flight and later reports are dropped, so the final output always wins.
 * With `secureOutput` nothing is shown, as ADF keeps a secure output out of monitoring.
 */
export class AttemptProgress {
  private pending: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly ctx: RunContext,
    private readonly activityRunId: string,
    private readonly hidden: boolean,
  ) {}

  /** Shows `progress` (masked like any output); resolves once stored. */
  report(progress: unknown): Promise<void> {
    if (this.closed || this.hidden) return Promise.resolve();
    const output: JsonValue = this.ctx.masker.maskValue(asJson(progress));
    const write = this.pending.then(async () => {
      if (!this.closed) await this.ctx.recorder.showProgress(this.activityRunId, output);
    });
    this.pending = write.catch(() => undefined);
    return write;
  }

  /** Drops later reports and waits for the ones in flight. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pending;
  }
}
