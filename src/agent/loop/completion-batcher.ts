import type {
  AgentClient,
  CompleteResult,
  CompleteTaskRequest,
  TaskAssignment,
} from "../../client/index.js";

/** What a completion came to, and the work claimed with it. */
export interface Completed {
  readonly result: CompleteResult;
  readonly tasks: readonly TaskAssignment[];
}

interface Waiting {
  readonly claimToken: string;
  readonly outcome: CompleteTaskRequest;
  readonly claimSlots: number;
  readonly resolve: (completed: Completed) => void;
  readonly reject: (error: unknown) => void;
}

/** Most completions sent in one call (the server takes up to 256). */
const maxBatch = 256;

/**
 * Calls on their way at once. With one, a task that ends just after a call left waits for
 * that call's whole round trip before its own is even sent, and its slot stays idle (the
 * next task comes with the answer); two keep that wait under one round trip.
 */
const maxInFlight = 2;

/**
 * Sends a node's completions to the server, at most {@link maxInFlight} calls at a time:
 * completions that end while calls are on their way wait and go together in the next
 * (`completeMany`), with one claim for the
 * slots they all free. No completion waits for a timer, and a busy node needs far fewer round
 * trips than tasks. Each completion gets its own result: a stale claim is `leaseLost` alone. A
 * failed call rejects all of its completions (the caller retries each; one already stored is
 * then `leaseLost`, which loses nothing). Against a server without `completeMany`, completes
 * one claim per call.
 */
export class CompletionBatcher {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;
  private many = true;

  constructor(
    private readonly client: AgentClient,
    private readonly nodeId: () => string,
  ) {}

  /** Completes `claimToken`; with `claimSlots` > 0, also claims work for that many slots. */
  complete(
    claimToken: string,
    outcome: CompleteTaskRequest,
    claimSlots: number,
    signal: AbortSignal,
  ): Promise<Completed> {
    if (!this.many) return this.one(claimToken, outcome, claimSlots, signal);
    return new Promise((resolve, reject) => {
      this.queue.push({ claimToken, outcome, claimSlots, resolve, reject });
      if (this.inFlight < maxInFlight) void this.drain(signal);
    });
  }

  private async drain(signal: AbortSignal): Promise<void> {
    this.inFlight += 1;
    try {
      while (this.queue.length > 0) await this.sendBatch(this.queue.splice(0, maxBatch), signal);
    } finally {
      this.inFlight -= 1;
    }
  }

  private async sendBatch(batch: Waiting[], signal: AbortSignal): Promise<void> {
    const claimSlots = batch.reduce((sum, item) => sum + item.claimSlots, 0);
    try {
      const answer = this.many
        ? await this.client.completeMany(
            this.nodeId(),
            {
              completions: batch.map((item) => ({ ...item.outcome, claimToken: item.claimToken })),
              ...(claimSlots > 0 ? { claimSlots } : {}),
            },
            signal,
          )
        : undefined;
      if (answer === undefined) {
        // The server predates completeMany: one call per claim from now on.
        this.many = false;
        for (const item of batch) {
          this.one(item.claimToken, item.outcome, item.claimSlots, signal).then(
            item.resolve,
            item.reject,
          );
        }
        return;
      }
      // The claimed work goes with the first completion that asked for slots: it starts
      // before any of these completions' slots are given back (see NodeAgent.startRun).
      let tasks: readonly TaskAssignment[] | undefined = answer.tasks;
      batch.forEach((item, index) => {
        const result = answer.results[index]?.result === "completed" ? "completed" : "leaseLost";
        const mine = item.claimSlots > 0 && tasks !== undefined ? tasks : [];
        if (mine.length > 0 || item.claimSlots > 0) tasks = undefined;
        item.resolve({ result, tasks: mine });
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }

  private async one(
    claimToken: string,
    outcome: CompleteTaskRequest,
    claimSlots: number,
    signal: AbortSignal,
  ): Promise<Completed> {
    return this.client.completeAndClaim(this.nodeId(), claimToken, outcome, claimSlots, signal);
  }
}
