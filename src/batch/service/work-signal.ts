/**
 * An in-process wake-up per pool: claims waiting for work on a pool sleep on it, and adding,
 * requeueing or freeing tasks there wakes them at once. Other servers sharing a PostgreSQL
 * store do not see it; waiting claims also re-read the store every second for their sake.
 */
export class WorkSignal {
  private readonly waiters = new Map<string, Set<() => void>>();
  private closed = false;

  /** Wakes every claim waiting on the pool (any case). */
  notify(poolId: string): void {
    const set = this.waiters.get(poolId.toLowerCase());
    if (set === undefined) return;
    this.waiters.delete(poolId.toLowerCase());
    for (const wake of set) wake();
  }

  /** Resolves when the pool is notified, after `ms`, on `abort`, or when closed. */
  wait(poolId: string, ms: number, abort?: AbortSignal): Promise<void> {
    if (this.closed || abort?.aborted === true) return Promise.resolve();
    const key = poolId.toLowerCase();
    return new Promise((resolve) => {
      const set = this.waiters.get(key) ?? new Set<() => void>();
      this.waiters.set(key, set);
      const done = (): void => {
        clearTimeout(timer);
        set.delete(done);
        abort?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      abort?.addEventListener("abort", done, { once: true });
      set.add(done);
    });
  }

  /** Wakes every waiter and makes later waits return at once (the service is stopping). */
  close(): void {
    this.closed = true;
    for (const set of this.waiters.values()) for (const wake of set) wake();
    this.waiters.clear();
  }
}
