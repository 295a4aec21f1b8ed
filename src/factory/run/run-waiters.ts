import type { PipelineRunRecord } from "../../store/index.js";
import type { Sleep } from "./engine-deps.js";

const endedStatuses = new Set(["Succeeded", "Failed", "Cancelled"]);

/** True once a run can no longer change. */
export function hasEnded(run: PipelineRunRecord): boolean {
  return endedStatuses.has(run.status);
}

/**
 * Waiting for runs to end: woken at once when this server ends a run, and re-reading the
 * store every `pollMs` for runs other servers drive.
 */
export class RunWaiters {
  private readonly waiting = new Map<string, Set<() => void>>();

  /** Wakes the waiters of a run this server just ended. */
  ended(run: PipelineRunRecord): void {
    const key = run.runId.toLowerCase();
    const set = this.waiting.get(key);
    if (!set) return;
    this.waiting.delete(key);
    for (const wake of set) wake();
  }

  async waitForEnd(
    runId: string,
    signal: AbortSignal | undefined,
    io: {
      readonly read: (runId: string) => Promise<PipelineRunRecord>;
      readonly sleep: Sleep;
      readonly pollMs: number;
    },
  ): Promise<PipelineRunRecord> {
    for (;;) {
      const run = await io.read(runId);
      if (hasEnded(run) || signal?.aborted) return run;
      const key = runId.toLowerCase();
      const set = this.waiting.get(key) ?? new Set<() => void>();
      this.waiting.set(key, set);
      const stop = new AbortController();
      const wake = (): void => stop.abort();
      set.add(wake);
      signal?.addEventListener("abort", wake, { once: true });
      await io.sleep(io.pollMs, stop.signal);
      set.delete(wake);
      signal?.removeEventListener("abort", wake);
    }
  }
}
