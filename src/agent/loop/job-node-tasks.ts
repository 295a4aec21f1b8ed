import type { TaskAssignment, TaskRunOutcome } from "../../client/index.js";
import type { Execution } from "./execute-assignment.js";

/** How a completion went: taken by the server, refused (lease lost), or never delivered. */
export type Reported = "completed" | "leaseLost" | "cancelled" | "unreported";

/** What running a job's preparation and release tasks needs from the agent. */
export interface JobNodeTaskDeps {
  readonly execute: (task: TaskAssignment, signal: AbortSignal) => Promise<Execution>;
  /** Completes a run (retrying while the server is unreachable); never claims more work. */
  readonly complete: (
    task: TaskAssignment,
    outcome: TaskRunOutcome,
    retryCount: number,
  ) => Promise<Reported>;
  readonly started: (task: TaskAssignment) => void;
  readonly ended: (task: TaskAssignment, outcome: TaskRunOutcome, reported: Reported) => void;
}

/**
 * A node's job preparation and release tasks. A preparation task runs once per claim token,
 * however many claimed tasks wait for it, retried on the node up to its `maxTaskRetryCount`;
 * the tasks start when it succeeded (or failed without `waitForSuccess`) and the server took
 * the result. A release task runs once per claim token, though heartbeats list it until done.
 * Neither holds task slots, as in Batch.
 */
export class JobNodeTasks {
  /** Preparation runs by claim token, with their job (to forget them when it ends). */
  private readonly preparations = new Map<string, { jobId?: string; run: Promise<boolean> }>();
  private readonly releases = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();

  constructor(private readonly deps: JobNodeTaskDeps) {}

  /** Resolves true when tasks waiting for `prep` may start on this node. */
  prepare(prep: TaskAssignment): Promise<boolean> {
    let entry = this.preparations.get(prep.claimToken);
    if (entry === undefined) {
      entry = { run: this.track(this.runPreparation(prep)) };
      if (prep.jobId !== undefined) entry.jobId = prep.jobId;
      this.preparations.set(prep.claimToken, entry);
    }
    return entry.run;
  }

  /** Starts a release task unless this claim token already ran (or runs) here. */
  release(task: TaskAssignment): void {
    if (this.releases.has(task.claimToken)) return;
    // The job ended: its preparation runs will not be asked for again.
    for (const [token, entry] of this.preparations) {
      if (entry.jobId === task.jobId) void entry.run.then(() => this.preparations.delete(token));
    }
    this.releases.set(task.claimToken, this.track(this.runOnce(task, 0).then(() => undefined)));
  }

  busy(): boolean {
    return this.running.size > 0;
  }

  /** Resolves when every run in progress has ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.running]);
  }

  /** Ends every run now; their results are dropped. */
  cancelAll(reason: string): void {
    this.abort.abort(new Error(reason));
  }

  private track<T>(run: Promise<T>): Promise<T> {
    const tracked = run.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
    return tracked;
  }

  private async runPreparation(prep: TaskAssignment): Promise<boolean> {
    const retries = prep.maxTaskRetryCount ?? 0;
    for (let attempt = 0; ; attempt++) {
      const last = retries !== -1 && attempt >= retries;
      this.deps.started(prep);
      const execution = await this.deps.execute(prep, this.abort.signal);
      if (execution.cancelled || this.abort.signal.aborted) {
        this.deps.ended(prep, execution.outcome, "cancelled");
        return false;
      }
      if (execution.outcome.result === "success" || last) {
        const reported = await this.report(prep, execution.outcome, attempt);
        if (reported !== "completed") return false;
        return execution.outcome.result === "success" || prep.waitForSuccess === false;
      }
    }
  }

  private async runOnce(task: TaskAssignment, retryCount: number): Promise<Reported> {
    this.deps.started(task);
    const execution = await this.deps.execute(task, this.abort.signal);
    if (execution.cancelled || this.abort.signal.aborted) {
      this.deps.ended(task, execution.outcome, "cancelled");
      return "cancelled";
    }
    return this.report(task, execution.outcome, retryCount);
  }

  private async report(
    task: TaskAssignment,
    outcome: TaskRunOutcome,
    retryCount: number,
  ): Promise<Reported> {
    const reported = await this.deps.complete(task, outcome, retryCount);
    this.deps.ended(task, outcome, reported);
    return reported;
  }
}
