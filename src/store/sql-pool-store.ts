import type { Kysely } from "kysely";
import {
  systemClock,
  systemRandom,
  type Clock,
  type RandomSource,
  type SluiceError,
} from "../core/index.js";
import { decodeContinuationToken, pageSize, toPage, type ListOptions, type Page } from "./page.js";
import { toPoolRecord, toPoolRow, toPoolUpdate } from "./pool-row.js";
import type { NewPool, PoolPatch, PoolRecord, PoolStore, WriteOptions } from "./pool-store.js";
import { duplicate, etagConflict, idKey, newEtag, notFound } from "./record-keys.js";
import type { StoreSchema } from "./schema.js";

/** Dependencies of the SQL stores. */
export interface StoreDeps {
  /** Stamps creation and modification times; default the system clock. */
  readonly clock?: Clock;
  /** Draws etags; default the platform's cryptographic generator. */
  readonly random?: RandomSource;
}

/**
 * The {@link PoolStore} for both dialects, over Kysely. Pass a `Database.db`, or the handle
 * a `writeTransaction` gives, to make its writes part of that transaction.
 */
export function createPoolStore(db: Kysely<StoreSchema>, deps: StoreDeps = {}): PoolStore {
  return new SqlPoolStore(db, deps.clock ?? systemClock, deps.random ?? systemRandom);
}

// Every write is one statement whose WHERE carries the etag check: a rejected write changes
// nothing, and of two writers racing with the same etag exactly one matches the row.
class SqlPoolStore implements PoolStore {
  constructor(
    private readonly db: Kysely<StoreSchema>,
    private readonly clock: Clock,
    private readonly random: RandomSource,
  ) {}

  async create(pool: NewPool): Promise<PoolRecord> {
    const now = this.clock.now();
    const record: PoolRecord = {
      ...pool,
      stateTransitionTime: now,
      allocationStateTransitionTime: now,
      etag: newEtag(this.random),
      lastModified: now,
      creationTime: now,
    };
    // ON CONFLICT DO NOTHING, not a caught constraint error: portable, and the id check is
    // atomic with the insert.
    const inserted = await this.db
      .insertInto("pools")
      .values(toPoolRow(record, idKey(pool.id)))
      .onConflict((conflict) => conflict.column("id_key").doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted === undefined) throw duplicate("pool", pool.id);
    return toPoolRecord(inserted);
  }

  async get(id: string): Promise<PoolRecord> {
    const row = await this.findRow(id);
    if (row === undefined) throw notFound("pool", id);
    return toPoolRecord(row);
  }

  async list(options: ListOptions = {}): Promise<Page<PoolRecord>> {
    const size = pageSize(options);
    let query = this.db
      .selectFrom("pools")
      .selectAll()
      .orderBy("id_key")
      .limit(size + 1);
    if (options.continuationToken !== undefined) {
      query = query.where("id_key", ">", decodeContinuationToken(options.continuationToken));
    }
    return toPage(await query.execute(), size, (row) => row.id_key, toPoolRecord);
  }

  async update(id: string, patch: PoolPatch, options: WriteOptions = {}): Promise<PoolRecord> {
    let query = this.db
      .updateTable("pools")
      .set({ ...toPoolUpdate(patch), etag: newEtag(this.random), last_modified: this.clock.now() })
      .where("id_key", "=", idKey(id));
    if (options.ifMatch !== undefined) query = query.where("etag", "=", options.ifMatch);
    const updated = await query.returningAll().executeTakeFirst();
    if (updated === undefined) throw await this.rejection(id, options);
    return toPoolRecord(updated);
  }

  async delete(id: string, options: WriteOptions = {}): Promise<void> {
    let query = this.db.deleteFrom("pools").where("id_key", "=", idKey(id));
    if (options.ifMatch !== undefined) query = query.where("etag", "=", options.ifMatch);
    const result = await query.executeTakeFirst();
    if (result.numDeletedRows === 0n) throw await this.rejection(id, options);
  }

  private findRow(id: string) {
    return this.db
      .selectFrom("pools")
      .selectAll()
      .where("id_key", "=", idKey(id))
      .executeTakeFirst();
  }

  /** Why a write matched no row: the pool is gone, or changed since it was read. */
  private async rejection(id: string, options: WriteOptions): Promise<SluiceError> {
    const row = await this.findRow(id);
    if (row === undefined) return notFound("pool", id);
    return etagConflict("pool", id, options.ifMatch ?? "", row.etag);
  }
}
