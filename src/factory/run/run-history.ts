import type { ActivityRunRecord } from "../../store/index.js";

/**
 * The activity runs a pipeline run already has, by container and activity name: what a
 * resumed run (after a restart) finds done or in progress. Seeded rows come from the run a
 * rerun reuses (`startFromFailure`, `startActivityName`): they count as done in this run
 * without being copied into it.
 */
export class RunHistory {
  private readonly attempts = new Map<string, ActivityRunRecord[]>();
  private readonly seeded = new Map<string, ActivityRunRecord>();

  /** Adds this run's own rows (any order; kept in creation order per activity). */
  addOwn(rows: readonly ActivityRunRecord[]): void {
    for (const row of rows) {
      const key = historyKey(row.scopePath, row.activityName);
      const list = this.attempts.get(key) ?? [];
      list.push(row);
      this.attempts.set(key, list);
    }
    for (const list of this.attempts.values()) list.sort(byCreation);
  }

  /** Adds a reused run's final row for an activity (the latest one wins). */
  addSeed(row: ActivityRunRecord): void {
    const key = historyKey(row.scopePath, row.activityName);
    const current = this.seeded.get(key);
    if (current === undefined || byCreation(current, row) <= 0) this.seeded.set(key, row);
  }

  /** This run's attempts of the activity in that container, oldest first. */
  attemptsOf(scopePath: string, activityName: string): readonly ActivityRunRecord[] {
    return this.attempts.get(historyKey(scopePath, activityName)) ?? [];
  }

  /** The reused run's final row for the activity, if a rerun reuses it. */
  seedOf(scopePath: string, activityName: string): ActivityRunRecord | undefined {
    return this.seeded.get(historyKey(scopePath, activityName));
  }

  /** True when nothing was recorded before (a fresh run: no lookups can hit). */
  get isEmpty(): boolean {
    return this.attempts.size === 0 && this.seeded.size === 0;
  }
}

function historyKey(scopePath: string, activityName: string): string {
  return `${scopePath}\u0000${activityName.toLowerCase()}`;
}

function byCreation(a: ActivityRunRecord, b: ActivityRunRecord): number {
  return a.creationTime - b.creationTime || (a.retryAttempt ?? 0) - (b.retryAttempt ?? 0);
}
