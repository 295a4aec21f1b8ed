import type { Clock, RandomSource } from "../../core/index.js";
import {
  createActivityRunStore,
  createPipelineRunStore,
  joinTransaction,
  type ActivityRunRecord,
  type ActivityRunStore,
  type Database,
  type NewActivityRun,
  type PipelineRunStore,
} from "../../store/index.js";

/** The run stores a batched write uses: bound to the batch's transaction. */
export interface RunStores {
  readonly runs: PipelineRunStore;
  readonly activities: ActivityRunStore;
}

/** One write of the engine; it must only write through `stores`. */
export type BatchedWrite<T> = (stores: RunStores) => Promise<T>;

/** Activity rows to add to one pipeline run: neighbouring ones share an INSERT. */
interface NewRows {
  readonly pipelineRunId: string;
  readonly rows: readonly NewActivityRun[];
}

interface Entry {
  readonly write: BatchedWrite<unknown> | NewRows;
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
    return this.enqueue<T>(write);
  }

  /**
   * Adds activity rows (all or none) in the next batch's transaction, in one INSERT with
   * the rows of the same run submitted next to them; resolves once that transaction commits.
   */
  addRows(pipelineRunId: string, rows: readonly NewActivityRun[]): Promise<ActivityRunRecord[]> {
    return this.enqueue<ActivityRunRecord[]>({ pipelineRunId, rows });
  }

  private enqueue<T>(write: Entry["write"]): Promise<T> {
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
        for (let i = 0; i < batch.length;) {
          const write = batch[i]?.write;
          if (typeof write === "function") {
            results.push(await write(stores));
            i += 1;
          } else i = await addRowsRun(stores, batch, i, results);
        }
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

/**
 * Adds the rows of the entries from `start` on that add rows to the same run as it, in one
 * createMany; pushes each entry's own records to `results` and returns the next index.
 */
async function addRowsRun(
  stores: RunStores,
  batch: readonly Entry[],
  start: number,
  results: unknown[],
): Promise<number> {
  const first = batch[start]?.write as NewRows;
  const counts: number[] = [];
  const rows: NewActivityRun[] = [];
  let end = start;
  for (; end < batch.length; end++) {
    const write = batch[end]?.write;
    if (typeof write === "function" || write?.pipelineRunId !== first.pipelineRunId) break;
    counts.push(write.rows.length);
    rows.push(...write.rows);
  }
  const created = await stores.activities.createMany(first.pipelineRunId, rows);
  let offset = 0;
  for (const count of counts) {
    results.push(created.slice(offset, offset + count));
    offset += count;
  }
  return end;
}
