/** A crashed agent waiting to be restarted at its index (same root: it rejoins as its node). */
export interface PendingRestart {
  readonly index: number;
  /** Clock time from which it may start. */
  readonly dueAt: number;
}

/** What to do for one embedded pool now. */
export interface PoolAgentPlan {
  /** Indexes to start an agent at: due restarts first, then new agents at free indexes. */
  readonly start: readonly number[];
  /** Restarts no longer wanted (the pool shrank meanwhile). */
  readonly dropRestarts: readonly number[];
}

/**
 * Plans one pool's agents: `target` agents are wanted, counting live ones and crashed ones
 * waiting to restart. Surplus live agents are left alone: the server tells nodes to leave on
 * a scale-down and they exit by themselves. Pure.
 */
export function planPoolAgents(
  target: number,
  live: readonly number[],
  restarts: readonly PendingRestart[],
  now: number,
): PoolAgentPlan {
  const kept = [...restarts].sort((a, b) => a.index - b.index);
  const dropRestarts: number[] = [];
  while (kept.length > 0 && live.length + kept.length > target) {
    dropRestarts.push(kept.pop()!.index);
  }
  const start = kept.filter((restart) => restart.dueAt <= now).map((restart) => restart.index);
  const taken = new Set([...live, ...kept.map((restart) => restart.index)]);
  for (let index = 0, missing = target - taken.size; missing > 0; index++) {
    if (taken.has(index)) continue;
    start.push(index);
    missing--;
  }
  return { start, dropRestarts };
}
