import type { Kysely } from "kysely";
import {
  systemClock,
  systemRandom,
  type Clock,
  type RandomSource,
  type SluiceError,
} from "../core/index.js";
import { toJobRecord, toJobRow, toJobUpdate } from "./job-row.js";
import type { JobPatch, JobRecord, JobStore, NewJob } from "./job-store.js";
import { decodeContinuationToken, pageSize, toPage, type ListOptions, type Page } from "./page.js";
import type { WriteOptions } from "./pool-store.js";
import { duplicate, etagConflict, idKey, newEtag, notFound } from "./record-keys.js";
import type { StoreSchema } from "./schema.js";
import type { StoreDeps } from "./sql-pool-store.js";
import type { StoreContext } from "./store-context.js";

/** The {@link JobStore} for both dialects. Pass a `Database`, or `joinTransaction(...)`. */
export function createJobStore(context: StoreContext, deps: StoreDeps = {}): JobStore {
  return new SqlJobStore(context, deps.clock ?? systemClock, deps.random ?? systemRandom);
}

// As in SqlPoolStore, each write's WHERE carries the etag check, so a rejected write changes
// nothing and of two racing writers with one etag exactly one wins.
class SqlJobStore implements JobStore {
  constructor(
    private readonly context: StoreContext,
    private readonly clock: Clock,
    private readonly random: RandomSource,
  ) {}

  async create(job: NewJob): Promise<JobRecord> {
    const row = toJobRow(job, this.clock.now(), newEtag(this.random));
    const inserted = await this.context.db
      .insertInto("jobs")
      .values(row)
      .onConflict((conflict) => conflict.column("id_key").doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted === undefined) throw duplicate("job", job.id);
    return toJobRecord(inserted);
  }

  async get(id: string): Promise<JobRecord> {
    const row = await findJob(this.context.db, id);
    if (row === undefined) throw notFound("job", id);
    return toJobRecord(row);
  }

  list(options: ListOptions = {}): Promise<Page<JobRecord>> {
    return this.page(undefined, options);
  }

  listByPool(poolId: string, options: ListOptions = {}): Promise<Page<JobRecord>> {
    return this.page(idKey(poolId), options);
  }

  async update(id: string, patch: JobPatch, options: WriteOptions = {}): Promise<JobRecord> {
    const now = this.clock.now();
    const write = async (db: Kysely<StoreSchema>) => {
      let query = db
        .updateTable("jobs")
        .set({ ...toJobUpdate(patch), etag: newEtag(this.random), last_modified: now })
        .where("id_key", "=", idKey(id));
      if (options.ifMatch !== undefined) query = query.where("etag", "=", options.ifMatch);
      const updated = await query.returningAll().executeTakeFirst();
      if (updated === undefined) throw await rejection(db, id, options);
      // Tasks carry their job's pool so a pool's work can be found without the job.
      if (patch.poolId !== undefined) {
        await db
          .updateTable("tasks")
          .set({ pool_id_key: updated.pool_id_key })
          .where("job_id_key", "=", updated.id_key)
          .execute();
      }
      return toJobRecord(updated);
    };
    return patch.poolId === undefined
      ? write(this.context.db)
      : this.context.writeTransaction(write);
  }

  async delete(id: string, options: WriteOptions = {}): Promise<void> {
    // Tasks and their dependency edges go by ON DELETE CASCADE, in the same statement.
    let query = this.context.db.deleteFrom("jobs").where("id_key", "=", idKey(id));
    if (options.ifMatch !== undefined) query = query.where("etag", "=", options.ifMatch);
    const result = await query.executeTakeFirst();
    if (result.numDeletedRows === 0n) throw await rejection(this.context.db, id, options);
  }

  private async page(poolKey: string | undefined, options: ListOptions): Promise<Page<JobRecord>> {
    const size = pageSize(options);
    let query = this.context.db
      .selectFrom("jobs")
      .selectAll()
      .orderBy("id_key")
      .limit(size + 1);
    if (poolKey !== undefined) query = query.where("pool_id_key", "=", poolKey);
    if (options.continuationToken !== undefined) {
      query = query.where("id_key", ">", decodeContinuationToken(options.continuationToken));
    }
    return toPage(await query.execute(), size, (row) => row.id_key, toJobRecord);
  }
}

function findJob(db: Kysely<StoreSchema>, id: string) {
  return db.selectFrom("jobs").selectAll().where("id_key", "=", idKey(id)).executeTakeFirst();
}

/** Why a job write matched no row: the job is gone, or changed since it was read. */
async function rejection(
  db: Kysely<StoreSchema>,
  id: string,
  options: WriteOptions,
): Promise<SluiceError> {
  const row = await findJob(db, id);
  if (row === undefined) return notFound("job", id);
  return etagConflict("job", id, options.ifMatch ?? "", row.etag);
}
