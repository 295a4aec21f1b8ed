import type { TaskAssignment } from "../../client/index.js";

interface RunningTask {
  readonly task: TaskAssignment;
  readonly controller: AbortController;
  done: Promise<void>;
}

/**
 * The node's running tasks by claim token, and the slots they hold (`requiredSlots` each). A
 * task holds its slots until its completion is acknowledged, as the server sees it.
 */
export class TaskSlots {
  private readonly running = new Map<string, RunningTask>();

  constructor(private readonly capacity: () => number) {}

  /** Runs `run` for `task` with a signal that {@link cancel} aborts; resolves when it ended. */
  add(task: TaskAssignment, run: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const entry: RunningTask = { task, controller: new AbortController(), done: Promise.resolve() };
    this.running.set(task.claimToken, entry);
    entry.done = run(entry.controller.signal).finally(() => this.running.delete(task.claimToken));
    return entry.done;
  }

  free(): number {
    let used = 0;
    for (const { task } of this.running.values()) used += Math.max(1, task.requiredSlots ?? 1);
    return this.capacity() - used;
  }

  busy(): boolean {
    return this.running.size > 0;
  }

  /** Claim tokens of the tasks held now: the heartbeat renews their leases. */
  claims(): string[] {
    return [...this.running.keys()];
  }

  /** Aborts one task's run (its result is then dropped); false when it is not running here. */
  cancel(claimToken: string, reason: string): boolean {
    const entry = this.running.get(claimToken);
    entry?.controller.abort(new Error(reason));
    return entry !== undefined;
  }

  cancelAll(reason: string): void {
    for (const claimToken of this.running.keys()) this.cancel(claimToken, reason);
  }

  /** Resolves when every task running now has ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.running.values()].map((entry) => entry.done));
  }

  async cancelAndWait(reason: string): Promise<void> {
    this.cancelAll(reason);
    await this.settled();
  }
}
