import type { Clock, RandomSource } from "../../core/index.js";
import {
  createActivityRunStore,
  createPipelineRunStore,
  joinTransaction,
  type ActivityRunStore,
  type Database,
  type PipelineRunStore,
} from "../../store/index.js";

/** The run stores a batched write uses: bound to the batch's transaction. */
export interface RunStores {
  readonly runs: PipelineRunStore;
  readonly activities: ActivityRunStore;
}

/** One write of the engine; it must only write through `stores`. */
export type BatchedWrite<T> = (stores: RunStores) => Promise<T>;

interface Entry {
  readonly write: BatchedWrite<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** Most writes in one transaction: keeps the write lock short for other servers. */
const maxBatch = 500;

/**
 * Group commit: the engine's writes from many activities that end at about the same time
 * (a ForEach's iterations) share one transaction instead of paying a commit each. A write's
 * promise settles only once its transaction has committed, so whoever awaits it (the
 * activity, and through it its dependents and the run's end) sees only durable work, exactly
 * as with one transaction per write. Writes commit in the order submitted; one transaction
 * runs at a time, and writes submitted meanwhile form the next batch. When a batch fails, its
 * writes are retried one transaction each, so an error reaches only the write that caused it.
 */
export class GroupCommit {
  private pending: Entry[] = [];
  private running = false;

  constructor(
    private readonly database: Database,
    private readonly deps: { readonly clock: Clock; readonly random: RandomSource },
  ) {}

  /** Runs `write` in the next batch's transaction; resolves once that transaction commits. */
  submit<T>(write: BatchedWrite<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        // One macrotask turn lets the writes of everything ending in this turn join.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, maxBatch);
      await this.commit(batch);
    }
    this.running = false;
  }

  private async commit(batch: readonly Entry[]): Promise<void> {
    const results: unknown[] = [];
    try {
      await this.database.writeTransaction(async (trx) => {
        const stores = this.storesOn(trx);
        for (const entry of batch) results.push(await entry.write(stores));
      });
    } catch (error) {
      if (batch.length === 1) return batch[0]?.reject(error);
      // Nothing of the batch was kept: each write again alone, with its own outcome.
      for (const entry of batch) await this.commit([entry]);
      return;
    }
    batch.forEach((entry, index) => entry.resolve(results[index]));
  }

  private storesOn(trx: Parameters<Parameters<Database["writeTransaction"]>[0]>[0]): RunStores {
    const context = joinTransaction(this.database.dialect, trx);
    return {
      runs: createPipelineRunStore(context, this.deps),
      activities: createActivityRunStore(context, this.deps),
    };
  }
}
