/** How retries of an unreachable server are spaced. */
export interface BackoffPolicy {
  /** First delay in milliseconds; default 200. */
  readonly initialMs?: number;
  /** Longest delay in milliseconds; default 5,000. */
  readonly maxMs?: number;
}

/**
 * The delay before retry number `attempt` (0 for the first): doubling from `initialMs` up to
 * `maxMs`, scaled by a jitter factor in [0.5, 1) from `random` so many agents that lost one
 * server do not all come back in the same millisecond. Pure.
 */
export function backoffDelay(attempt: number, random: number, policy: BackoffPolicy = {}): number {
  const initial = policy.initialMs ?? 200;
  const max = policy.maxMs ?? 5000;
  const raw = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return Math.round(raw * (0.5 + random / 2));
}

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
