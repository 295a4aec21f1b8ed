import type { TaskCounts } from "../../client/index.js";

/** Where a {@link ProgressLine} writes, and its clock. */
export interface ProgressOutput {
  readonly write: (text: string) => void;
  readonly isTTY: boolean;
  readonly now: () => number;
}

/** How often a non-terminal output gets a line when the state changes; default 5 s. */
const plainEveryMs = 5_000;
/** A line even without change, so a log shows the wait is alive; default 60 s. */
const heartbeatMs = 60_000;

/**
 * A live progress line. On a terminal it redraws itself in place (`\r`, clear to end of
 * line); elsewhere (CI logs, pipes) it prints a plain line when the state changed, at most
 * every 5 s, and every 60 s regardless. Each line starts with the elapsed time.
 */
export class ProgressLine {
  private readonly start: number;
  private lastText: string | undefined;
  private lastAt = -Infinity;
  private drawn = false;

  constructor(private readonly output: ProgressOutput) {
    this.start = output.now();
  }

  /** Milliseconds since the line was created. */
  elapsed(): number {
    return this.output.now() - this.start;
  }

  update(text: string): void {
    const now = this.output.now();
    if (this.output.isTTY) {
      this.output.write(`\r\x1b[K${this.stamp(now)} ${text}`);
      this.drawn = true;
      return;
    }
    const due = now - this.lastAt >= (text === this.lastText ? heartbeatMs : plainEveryMs);
    if (!due) return;
    this.output.write(`${this.stamp(now)} ${text}\n`);
    this.lastText = text;
    this.lastAt = now;
  }

  /** The final line, always written, ending the live line on a terminal. */
  done(text: string): void {
    const prefix = this.output.isTTY && this.drawn ? "\r\x1b[K" : "";
    this.output.write(`${prefix}${this.stamp(this.output.now())} ${text}\n`);
  }

  private stamp(now: number): string {
    return `[${formatElapsed(now - this.start)}]`;
  }
}

/** `mm:ss`, or `h:mm:ss` past an hour. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const two = (n: number) => String(n).padStart(2, "0");
  return h ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** A job's task counts in one line: `118/500 completed (2 failed), 80 running, 300 active`. */
export function formatCounts(counts: TaskCounts): string {
  const total = counts.active + counts.running + counts.completed;
  const failed = counts.failed ? ` (${counts.failed} failed)` : "";
  return `${counts.completed}/${total} completed${failed}, ${counts.running} running, ${counts.active} active`;
}
