import type { Kysely } from "kysely";
import {
  SluiceError,
  systemClock,
  systemRandom,
  type Clock,
  type RandomSource,
} from "../core/index.js";
import { pageSize, type Page } from "./page.js";
import { newEtag, notFound } from "./record-keys.js";
import type { StoreSchema } from "./schema.js";
import type { StoreContext } from "./store-context.js";
import { chunks } from "./store-context.js";
import { moveCursor, recordFires, type CursorMove, type NewFire } from "./trigger-fire-batch.js";
import { applyRunPatch } from "./trigger-run-patch.js";
import {
  nameKey,
  offsetOf,
  offsetToken,
  toRunRecord,
  toRunRow,
  toStateRecord,
} from "./trigger-run-row.js";
import type {
  BlobCursorEntry,
  NewTriggerRun,
  TriggerRunCondition,
  TriggerRunPatch,
  TriggerRunQuery,
  TriggerRunRecord,
  TriggerRunStatus,
  TriggerStateRecord,
  TriggerStore,
} from "./trigger-store.js";

/** The {@link TriggerStore} over a database or a joined transaction. */
export function createTriggerStore(
  context: StoreContext,
  deps: { readonly clock?: Clock; readonly random?: RandomSource } = {},
): TriggerStore {
  return new SqlTriggerStore(context, deps.clock ?? systemClock, deps.random ?? systemRandom);
}

class SqlTriggerStore implements TriggerStore {
  constructor(
    private readonly context: StoreContext,
    private readonly clock: Clock,
    private readonly random: RandomSource,
  ) {}

  private get db(): Kysely<StoreSchema> {
    return this.context.db;
  }

  private stateQuery(db: Kysely<StoreSchema>, factory: string, trigger: string) {
    return db
      .selectFrom("trigger_states")
      .selectAll()
      .where("factory_key", "=", nameKey(factory))
      .where("trigger_key", "=", nameKey(trigger));
  }

  async getState(factory: string, trigger: string): Promise<TriggerStateRecord | undefined> {
    const row = await this.stateQuery(this.db, factory, trigger).executeTakeFirst();
    return row && toStateRecord(row);
  }

  async listStates(factory?: string): Promise<TriggerStateRecord[]> {
    let query = this.db
      .selectFrom("trigger_states")
      .selectAll()
      .orderBy("factory_key")
      .orderBy("trigger_key");
    if (factory !== undefined) query = query.where("factory_key", "=", nameKey(factory));
    return (await query.execute()).map(toStateRecord);
  }

  async listStarted(): Promise<TriggerStateRecord[]> {
    const rows = await this.db
      .selectFrom("trigger_states")
      .selectAll()
      .where("runtime_state", "=", "Started")
      .execute();
    return rows.map(toStateRecord);
  }

  start(factory: string, trigger: string, cursor: number): Promise<TriggerStateRecord> {
    const now = this.clock.now();
    return this.context.writeTransaction(async (db) => {
      const row = await this.stateQuery(db, factory, trigger).executeTakeFirst();
      if (row?.runtime_state === "Started") return toStateRecord(row);
      const values = {
        factory_name: factory,
        trigger_name: trigger,
        runtime_state: "Started",
        generation: (row?.generation ?? 0) + 1,
        started_at: now,
        cursor,
        event_baseline: 0,
        last_updated: now,
      };
      await db
        .insertInto("trigger_states")
        .values({ factory_key: nameKey(factory), trigger_key: nameKey(trigger), ...values })
        .onConflict((c) => c.columns(["factory_key", "trigger_key"]).doUpdateSet(values))
        .execute();
      const written = await this.stateQuery(db, factory, trigger).executeTakeFirstOrThrow();
      return toStateRecord(written);
    });
  }

  async stop(factory: string, trigger: string): Promise<TriggerStateRecord | undefined> {
    await this.db
      .updateTable("trigger_states")
      .set({ runtime_state: "Stopped", last_updated: this.clock.now() })
      .where("factory_key", "=", nameKey(factory))
      .where("trigger_key", "=", nameKey(trigger))
      .execute();
    return this.getState(factory, trigger);
  }

  async deleteState(factory: string, trigger: string): Promise<void> {
    await this.db
      .deleteFrom("trigger_states")
      .where("factory_key", "=", nameKey(factory))
      .where("trigger_key", "=", nameKey(trigger))
      .execute();
  }

  advanceCursor(
    factory: string,
    trigger: string,
    generation: number,
    cursor: number,
  ): Promise<boolean> {
    return moveCursor(this.db, { factory, trigger, generation, cursor }, this.clock.now());
  }

  async setEventBaseline(factory: string, trigger: string, generation: number): Promise<void> {
    await this.db
      .updateTable("trigger_states")
      .set({ event_baseline: 1 })
      .where("factory_key", "=", nameKey(factory))
      .where("trigger_key", "=", nameKey(trigger))
      .where("generation", "=", generation)
      .execute();
  }

  async insertRun(run: NewTriggerRun): Promise<TriggerRunRecord | undefined> {
    const row = await this.db
      .insertInto("trigger_runs")
      .values(toRunRow(run, this.clock.now()))
      .onConflict((c) => c.columns(["factory_key", "trigger_key", "fire_key"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    return row && toRunRecord(row);
  }

  recordFires(fires: readonly NewFire[], cursors: readonly CursorMove[] = []): Promise<string[]> {
    return recordFires(this.context, fires, cursors, {
      now: this.clock.now(),
      etag: () => newEtag(this.random),
    });
  }

  async insertRuns(runs: readonly NewTriggerRun[]): Promise<number> {
    if (runs.length === 0) return 0;
    const now = this.clock.now();
    return this.context.writeTransaction(async (db) => {
      let inserted = 0;
      for (const part of chunks(runs, 100)) {
        const rows = await db
          .insertInto("trigger_runs")
          .values(part.map((run) => toRunRow(run, now)))
          .onConflict((c) => c.columns(["factory_key", "trigger_key", "fire_key"]).doNothing())
          .returning("pk")
          .execute();
        inserted += rows.length;
      }
      return inserted;
    });
  }

  async getRun(triggerRunId: string): Promise<TriggerRunRecord> {
    const row = await this.db
      .selectFrom("trigger_runs")
      .selectAll()
      .where("trigger_run_id", "=", triggerRunId)
      .executeTakeFirst();
    if (row === undefined) throw notFound("trigger run", triggerRunId);
    return toRunRecord(row);
  }

  async getByFireKey(
    factory: string,
    trigger: string,
    fireKey: string,
  ): Promise<TriggerRunRecord | undefined> {
    const row = await this.db
      .selectFrom("trigger_runs")
      .selectAll()
      .where("factory_key", "=", nameKey(factory))
      .where("trigger_key", "=", nameKey(trigger))
      .where("fire_key", "=", fireKey)
      .executeTakeFirst();
    return row && toRunRecord(row);
  }

  async updateRun(
    triggerRunId: string,
    patch: TriggerRunPatch,
    condition: TriggerRunCondition = {},
  ): Promise<TriggerRunRecord | undefined> {
    const row = await applyRunPatch(this.db, triggerRunId, patch, condition, this.clock.now());
    return row && toRunRecord(row);
  }

  async listWindows(
    factory: string,
    trigger: string,
    options: {
      statuses?: readonly TriggerRunStatus[];
      fromStart?: number;
      toStart?: number;
      limit?: number;
    } = {},
  ): Promise<TriggerRunRecord[]> {
    let query = this.db
      .selectFrom("trigger_runs")
      .selectAll()
      .where("factory_key", "=", nameKey(factory))
      .where("trigger_key", "=", nameKey(trigger))
      .where("window_start", "is not", null);
    if (options.statuses !== undefined) query = query.where("status", "in", [...options.statuses]);
    if (options.fromStart !== undefined)
      query = query.where("window_start", ">=", options.fromStart);
    if (options.toStart !== undefined) query = query.where("window_start", "<", options.toStart);
    const rows = await query
      .orderBy("window_start")
      .limit(options.limit ?? 10_000)
      .execute();
    return rows.map(toRunRecord);
  }

  async countWindows(
    factory: string,
    trigger: string,
    statuses: readonly TriggerRunStatus[],
  ): Promise<number> {
    const row = await this.db
      .selectFrom("trigger_runs")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("factory_key", "=", nameKey(factory))
      .where("trigger_key", "=", nameKey(trigger))
      .where("status", "in", [...statuses])
      .where("window_start", "is not", null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async lastWindowStart(factory: string, trigger: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom("trigger_runs")
      .select((eb) => eb.fn.max("window_start").as("last"))
      .where("factory_key", "=", nameKey(factory))
      .where("trigger_key", "=", nameKey(trigger))
      .executeTakeFirst();
    return row?.last === null || row?.last === undefined ? undefined : Number(row.last);
  }

  async listUnleased(
    statuses: readonly TriggerRunStatus[],
    now: number,
    limit: number,
  ): Promise<TriggerRunRecord[]> {
    const rows = await this.db
      .selectFrom("trigger_runs")
      .selectAll()
      .where("status", "in", [...statuses])
      .where("lease_expiry", "<", now)
      .orderBy("pk")
      .limit(limit)
      .execute();
    return rows.map(toRunRecord);
  }

  async renewLeases(
    owner: string,
    triggerRunIds: readonly string[],
    leaseMs: number,
  ): Promise<string[]> {
    const now = this.clock.now();
    const held = new Set<string>();
    for (const part of chunks(triggerRunIds)) {
      const rows = await this.db
        .updateTable("trigger_runs")
        .set({ lease_expiry: now + leaseMs })
        .where("trigger_run_id", "in", part)
        .where("lease_owner", "=", owner)
        .returning("trigger_run_id")
        .execute();
      rows.forEach((row) => held.add(row.trigger_run_id));
    }
    return triggerRunIds.filter((id) => !held.has(id));
  }

  async queryRuns(factory: string, query: TriggerRunQuery): Promise<Page<TriggerRunRecord>> {
    const size = pageSize(query.maxResults === undefined ? {} : { maxResults: query.maxResults });
    const offset = offsetOf(query.continuationToken);
    if (offset < 0) {
      throw new SluiceError(
        "InvalidArgument",
        "continuationToken is not one this server returned.",
        { details: { field: "continuationToken" } },
      );
    }
    let select = this.db
      .selectFrom("trigger_runs")
      .selectAll()
      .where("factory_key", "=", nameKey(factory))
      .where("last_updated", ">=", query.lastUpdatedAfter)
      .where("last_updated", "<", query.lastUpdatedBefore);
    if (query.triggerNames?.length)
      select = select.where("trigger_key", "in", query.triggerNames.map(nameKey));
    if (query.excludeTriggerNames?.length)
      select = select.where("trigger_key", "not in", query.excludeTriggerNames.map(nameKey));
    if (query.statuses?.length) select = select.where("status", "in", [...query.statuses]);
    const direction = query.order === "ASC" ? "asc" : "desc";
    const rows = await select
      .orderBy("trigger_run_timestamp", direction)
      .orderBy("pk", direction)
      .limit(size + 1)
      .offset(offset)
      .execute();
    const items = rows.slice(0, size).map(toRunRecord);
    return rows.length > size
      ? { items, continuationToken: offsetToken(offset + size) }
      : { items };
  }

  async listBlobCursor(factory: string, trigger: string): Promise<BlobCursorEntry[]> {
    return this.db
      .selectFrom("blob_event_cursors")
      .select(["container", "path", "version", "size"])
      .where("factory_key", "=", nameKey(factory))
      .where("trigger_key", "=", nameKey(trigger))
      .execute();
  }

  applyBlobCursor(
    factory: string,
    trigger: string,
    seen: readonly BlobCursorEntry[],
    gone: readonly BlobCursorEntry[],
  ): Promise<void> {
    const keys = { factory_key: nameKey(factory), trigger_key: nameKey(trigger) };
    return this.context.writeTransaction(async (db) => {
      for (const part of chunks(seen, 100)) {
        await db
          .insertInto("blob_event_cursors")
          .values(part.map((entry) => ({ ...keys, ...entry })))
          .onConflict((c) =>
            c.columns(["factory_key", "trigger_key", "container", "path"]).doUpdateSet((eb) => ({
              version: eb.ref("excluded.version"),
              size: eb.ref("excluded.size"),
            })),
          )
          .execute();
      }
      for (const entry of gone) {
        await db
          .deleteFrom("blob_event_cursors")
          .where("factory_key", "=", keys.factory_key)
          .where("trigger_key", "=", keys.trigger_key)
          .where("container", "=", entry.container)
          .where("path", "=", entry.path)
          .execute();
      }
    });
  }

  async clearBlobCursor(factory: string, trigger: string): Promise<void> {
    await this.db
      .deleteFrom("blob_event_cursors")
      .where("factory_key", "=", nameKey(factory))
      .where("trigger_key", "=", nameKey(trigger))
      .execute();
  }
}
