import type { Insertable, Kysely } from "kysely";
import {
  newUuid,
  systemClock,
  systemRandom,
  type Clock,
  type RandomSource,
} from "../core/index.js";
import { activityRunQuerySpec } from "./activity-run-query.js";
import { toActivityRunRecord, toActivityRunRow, toActivityRunUpdate } from "./activity-run-row.js";
import {
  activityRunStatuses,
  type ActivityRunPatch,
  type ActivityRunQuery,
  type ActivityRunRecord,
  type ActivityRunStatus,
  type ActivityRunStore,
  type BatchTaskReference,
  type NewActivityRun,
} from "./activity-run-store.js";
import { toPage, type Page } from "./page.js";
import { duplicate, idKey, newEtag, notFound } from "./record-keys.js";
import { planRunQuery } from "./run-query.js";
import { oneOf, writeRejection } from "./run-write-checks.js";
import type { ActivityRunsTable, StoreSchema } from "./schema.js";
import type { StoreDeps } from "./sql-pool-store.js";
import { chunks, type StoreContext } from "./store-context.js";
import { integerAtLeast } from "./store-arguments.js";

/** Rows per INSERT: 26 values each stay far below both dialects' limit on bound values. */
const rowsPerInsert = 500;

/** The {@link ActivityRunStore} for both dialects. Pass a `Database`, or `joinTransaction(...)`. */
export function createActivityRunStore(
  context: StoreContext,
  deps: StoreDeps = {},
): ActivityRunStore {
  return new SqlActivityRunStore(context, deps.clock ?? systemClock, deps.random ?? systemRandom);
}

class SqlActivityRunStore implements ActivityRunStore {
  constructor(
    private readonly context: StoreContext,
    private readonly clock: Clock,
    private readonly random: RandomSource,
  ) {}

  async createMany(
    pipelineRunId: string,
    runs: readonly NewActivityRun[],
  ): Promise<ActivityRunRecord[]> {
    const runKey = idKey(pipelineRunId);
    const now = this.clock.now();
    const rows = runs.map((run, index) => {
      checkNewRun(run, index);
      const activityRunId = idKey(run.activityRunId ?? newUuid(this.random));
      return toActivityRunRow(run, {
        activityRunId,
        pipelineRunId: runKey,
        now,
        etag: newEtag(this.random),
      });
    });
    if (rows.length === 0) return [];
    const ids = new Set<string>();
    for (const row of rows) {
      if (ids.has(row.activity_run_id)) throw duplicate("activity run", row.activity_run_id);
      ids.add(row.activity_run_id);
    }
    return this.context.writeTransaction(async (trx) => {
      const parent = await trx
        .selectFrom("pipeline_runs")
        .select("run_id")
        .where("run_id", "=", runKey)
        .executeTakeFirst();
      if (parent === undefined) throw notFound("pipeline run", pipelineRunId);
      const created: ActivityRunRecord[] = [];
      for (const part of chunks(rows, rowsPerInsert)) {
        created.push(...(await insertPart(trx, part)));
      }
      return created;
    });
  }

  async get(activityRunId: string): Promise<ActivityRunRecord> {
    const row = await findActivityRun(this.context.db, activityRunId);
    if (row === undefined) throw notFound("activity run", activityRunId);
    return toActivityRunRecord(row);
  }

  async update(
    activityRunId: string,
    patch: ActivityRunPatch,
    options: { readonly ifMatch?: string; readonly ifStatus?: readonly ActivityRunStatus[] } = {},
  ): Promise<ActivityRunRecord> {
    if (patch.status !== undefined) oneOf("status", patch.status, activityRunStatuses);
    let query = this.context.db
      .updateTable("activity_runs")
      .set({
        ...toActivityRunUpdate(patch),
        etag: newEtag(this.random),
        last_updated: this.clock.now(),
      })
      .where("activity_run_id", "=", idKey(activityRunId));
    if (options.ifMatch !== undefined) query = query.where("etag", "=", options.ifMatch);
    if (options.ifStatus !== undefined) query = query.where("status", "in", [...options.ifStatus]);
    const updated = await query.returningAll().executeTakeFirst();
    if (updated === undefined) {
      const row = await findActivityRun(this.context.db, activityRunId);
      throw writeRejection("activity run", activityRunId, row, options);
    }
    return toActivityRunRecord(updated);
  }

  async query(
    pipelineRunId: string,
    query: ActivityRunQuery = {},
  ): Promise<Page<ActivityRunRecord>> {
    const plan = planRunQuery(activityRunQuerySpec, query);
    let select = this.context.db
      .selectFrom("activity_runs")
      .selectAll()
      .where("pipeline_run_id", "=", idKey(pipelineRunId));
    if (query.scopePath !== undefined) select = select.where("scope_path", "=", query.scopePath);
    for (const condition of plan.conditions) select = select.where(condition);
    for (const key of plan.order) select = select.orderBy(key.expr, key.direction);
    const rows = await select.limit(plan.size + 1).execute();
    return toPage(rows, plan.size, plan.keyOf, toActivityRunRecord);
  }

  async findByBatchTask(task: BatchTaskReference): Promise<ActivityRunRecord | undefined> {
    const row = await this.context.db
      .selectFrom("activity_runs")
      .selectAll()
      .where("batch_job_id_key", "=", idKey(task.jobId))
      .where("batch_task_id_key", "=", idKey(task.taskId))
      .orderBy("pk", "desc")
      .executeTakeFirst();
    return row === undefined ? undefined : toActivityRunRecord(row);
  }
}

/** Inserts rows; a taken id rolls the whole call back as `StoreDuplicate`. */
async function insertPart(
  trx: Kysely<StoreSchema>,
  part: readonly Insertable<ActivityRunsTable>[],
): Promise<ActivityRunRecord[]> {
  const inserted = await trx
    .insertInto("activity_runs")
    .values([...part])
    .onConflict((conflict) => conflict.column("activity_run_id").doNothing())
    .returningAll()
    .execute();
  if (inserted.length < part.length) {
    const stored = new Set(inserted.map((row) => row.activity_run_id));
    const taken = part.find((row) => !stored.has(row.activity_run_id));
    throw duplicate("activity run", taken?.activity_run_id ?? "");
  }
  const byId = new Map(inserted.map((row) => [row.activity_run_id, row]));
  return part.flatMap((row) => {
    const stored = byId.get(row.activity_run_id);
    return stored === undefined ? [] : [toActivityRunRecord(stored)];
  });
}

function checkNewRun(run: NewActivityRun, index: number): void {
  if (run.status !== undefined) oneOf(`runs[${index}].status`, run.status, activityRunStatuses);
  if (run.iterationIndex !== undefined && run.iterationIndex !== null) {
    integerAtLeast(`runs[${index}].iterationIndex`, run.iterationIndex, 0);
  }
  if (run.retryAttempt !== undefined && run.retryAttempt !== null) {
    integerAtLeast(`runs[${index}].retryAttempt`, run.retryAttempt, 0);
  }
}

function findActivityRun(db: Kysely<StoreSchema>, activityRunId: string) {
  return db
    .selectFrom("activity_runs")
    .selectAll()
    .where("activity_run_id", "=", idKey(activityRunId))
    .executeTakeFirst();
}
