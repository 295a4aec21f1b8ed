import type { Kysely } from "kysely";
import {
  systemClock,
  systemRandom,
  type Clock,
  type RandomSource,
  type SluiceError,
} from "../core/index.js";
import { toJobScheduleRecord, toJobScheduleRow, toJobScheduleUpdate } from "./job-schedule-row.js";
import type {
  JobSchedulePatch,
  JobScheduleRecord,
  JobScheduleStore,
  NewJobSchedule,
} from "./job-schedule-store.js";
import { decodeContinuationToken, pageSize, toPage, type ListOptions, type Page } from "./page.js";
import type { WriteOptions } from "./pool-store.js";
import { duplicate, etagConflict, idKey, newEtag, notFound } from "./record-keys.js";
import type { StoreSchema } from "./schema.js";
import type { StoreDeps } from "./sql-pool-store.js";

/** The {@link JobScheduleStore} for both dialects. */
export function createJobScheduleStore(
  db: Kysely<StoreSchema>,
  deps: StoreDeps = {},
): JobScheduleStore {
  return new SqlJobScheduleStore(db, deps.clock ?? systemClock, deps.random ?? systemRandom);
}

// Each write's WHERE carries the etag check (as the other Batch stores): of two servers
// advancing one schedule from the same read, exactly one wins.
class SqlJobScheduleStore implements JobScheduleStore {
  constructor(
    private readonly db: Kysely<StoreSchema>,
    private readonly clock: Clock,
    private readonly random: RandomSource,
  ) {}

  async create(schedule: NewJobSchedule): Promise<JobScheduleRecord> {
    const row = toJobScheduleRow(schedule, this.clock.now(), newEtag(this.random));
    const inserted = await this.db
      .insertInto("job_schedules")
      .values(row)
      .onConflict((conflict) => conflict.column("id_key").doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted === undefined) throw duplicate("jobschedule", schedule.id);
    return toJobScheduleRecord(inserted);
  }

  async get(id: string): Promise<JobScheduleRecord> {
    const row = await find(this.db, id);
    if (row === undefined) throw notFound("jobschedule", id);
    return toJobScheduleRecord(row);
  }

  async list(options: ListOptions = {}): Promise<Page<JobScheduleRecord>> {
    const size = pageSize(options);
    let query = this.db
      .selectFrom("job_schedules")
      .selectAll()
      .orderBy("id_key")
      .limit(size + 1);
    if (options.continuationToken !== undefined) {
      query = query.where("id_key", ">", decodeContinuationToken(options.continuationToken));
    }
    return toPage(await query.execute(), size, (row) => row.id_key, toJobScheduleRecord);
  }

  async listLive(): Promise<readonly JobScheduleRecord[]> {
    const rows = await this.db
      .selectFrom("job_schedules")
      .selectAll()
      .where("state", "in", ["active", "terminating"])
      .orderBy("id_key")
      .execute();
    return rows.map(toJobScheduleRecord);
  }

  async update(
    id: string,
    patch: JobSchedulePatch,
    options: WriteOptions = {},
  ): Promise<JobScheduleRecord> {
    let query = this.db
      .updateTable("job_schedules")
      .set({
        ...toJobScheduleUpdate(patch),
        etag: newEtag(this.random),
        last_modified: this.clock.now(),
      })
      .where("id_key", "=", idKey(id));
    if (options.ifMatch !== undefined) query = query.where("etag", "=", options.ifMatch);
    const updated = await query.returningAll().executeTakeFirst();
    if (updated === undefined) throw await this.rejection(id, options);
    return toJobScheduleRecord(updated);
  }

  async delete(id: string, options: WriteOptions = {}): Promise<void> {
    let query = this.db.deleteFrom("job_schedules").where("id_key", "=", idKey(id));
    if (options.ifMatch !== undefined) query = query.where("etag", "=", options.ifMatch);
    const result = await query.executeTakeFirst();
    if (result.numDeletedRows === 0n) throw await this.rejection(id, options);
  }

  /** Why a write matched no row: the schedule is gone, or changed since it was read. */
  private async rejection(id: string, options: WriteOptions): Promise<SluiceError> {
    const row = await find(this.db, id);
    if (row === undefined) return notFound("jobschedule", id);
    return etagConflict("jobschedule", id, options.ifMatch ?? "", row.etag);
  }
}

function find(db: Kysely<StoreSchema>, id: string) {
  return db
    .selectFrom("job_schedules")
    .selectAll()
    .where("id_key", "=", idKey(id))
    .executeTakeFirst();
}
