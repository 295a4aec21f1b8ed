import type { Kysely } from "kysely";
import { lockForTransaction, lockSpace } from "./advisory-lock.js";
import { findRun, toPipelineRunRecord, toPipelineRunUpdate } from "./pipeline-run-row.js";
import type {
  ActiveRunCounts,
  PipelineRunPatch,
  PipelineRunRecord,
  StartAttempt,
} from "./pipeline-run-store.js";
import { idKey, notFound } from "./record-keys.js";
import type { StoreSchema } from "./schema.js";
import { chunks, type StoreContext } from "./store-context.js";
import { integerAtLeast } from "./store-arguments.js";

/** The run to start, the pipeline's `concurrency` (undefined: no limit) and what to set with it. */
export interface StartRequest {
  readonly runId: string;
  readonly concurrency: number | undefined;
  readonly patch: PipelineRunPatch;
}

/** When the start happens and the etag it stamps. */
export interface StartStamp {
  /**
   * Read once the start is decided, not before: a run that ended while this start waited
   * for the lock then ended before this run's start.
   */
  readonly now: () => number;
  readonly etag: string;
}

/**
 * `PipelineRunStore.tryStart`. One write transaction: read the run, and, for a Queued run
 * of a pipeline with a limit, count the runs ahead of it (InProgress or Canceling, and
 * Queued ones created before it) under the pipeline's lock (PostgreSQL's advisory lock;
 * SQLite's write transactions are serial), then move it to InProgress if that count is
 * below the limit. Counting older queued runs as ahead keeps ADF's first-in-first-out
 * queue, and every start sees the starts committed before it, so a limit is never passed.
 * The run's `runStart` is the time of the start unless the patch gives one.
 */
export async function tryStartRun(
  context: StoreContext,
  request: StartRequest,
  stamp: StartStamp,
): Promise<StartAttempt> {
  const limit =
    request.concurrency === undefined
      ? undefined
      : integerAtLeast("concurrency", request.concurrency, 1);
  return context.writeTransaction(async (trx) => {
    const run = await findRun(trx, request.runId);
    if (run === undefined) throw notFound("pipeline run", request.runId);
    if (run.status !== "Queued") return { outcome: "notQueued", run: toPipelineRunRecord(run) };
    if (limit !== undefined) {
      const pipeline = `${run.factory_key}/${run.pipeline_key}`;
      await lockForTransaction(context.dialect, trx, lockSpace.pipelineStart, pipeline);
      // Read again under the lock: a caller that held it may have started this very run.
      const locked = await findRun(trx, request.runId);
      if (locked === undefined) throw notFound("pipeline run", request.runId);
      if (locked.status !== "Queued")
        return { outcome: "notQueued", run: toPipelineRunRecord(locked) };
      const ahead = await runsAhead(trx, run.factory_key, run.pipeline_key, run.pk);
      if (ahead >= limit) return { outcome: "queued", run: toPipelineRunRecord(locked) };
    }
    const startedAt = stamp.now();
    const started = await trx
      .updateTable("pipeline_runs")
      .set({
        run_start: startedAt,
        ...toPipelineRunUpdate(request.patch),
        status: "InProgress",
        etag: stamp.etag,
        last_updated: startedAt,
      })
      .where("pk", "=", run.pk)
      .where("status", "=", "Queued")
      .returningAll()
      .executeTakeFirst();
    if (started !== undefined) return { outcome: "started", run: toPipelineRunRecord(started) };
    // Another caller changed it between our read and this write (PostgreSQL).
    const now = await findRun(trx, request.runId);
    if (now === undefined) throw notFound("pipeline run", request.runId);
    return { outcome: "notQueued", run: toPipelineRunRecord(now) };
  });
}

/**
 * `PipelineRunStore.startMany`: one UPDATE per 500 runs moves the still Queued ones to
 * InProgress. Only for pipelines without a concurrency limit: no count is taken.
 */
export async function startRuns(
  context: StoreContext,
  runIds: readonly string[],
  stamp: StartStamp,
): Promise<PipelineRunRecord[]> {
  if (runIds.length === 0) return [];
  return context.writeTransaction(async (trx) => {
    const now = stamp.now();
    const started: PipelineRunRecord[] = [];
    for (const part of chunks([...new Set(runIds.map(idKey))])) {
      const rows = await trx
        .updateTable("pipeline_runs")
        .set({ run_start: now, status: "InProgress", etag: stamp.etag, last_updated: now })
        .where("run_id", "in", part)
        .where("status", "=", "Queued")
        .returningAll()
        .execute();
      started.push(...rows.map(toPipelineRunRecord));
    }
    return started;
  });
}

/** Runs of the pipeline holding a slot, plus queued ones older than `pk`: two index ranges. */
async function runsAhead(
  trx: Kysely<StoreSchema>,
  factoryKey: string,
  pipelineKey: string,
  pk: number,
): Promise<number> {
  const row = await trx
    .selectFrom("pipeline_runs")
    .select((eb) => eb.fn.countAll<number>().as("ahead"))
    .where("factory_key", "=", factoryKey)
    .where("pipeline_key", "=", pipelineKey)
    .where((eb) =>
      eb.or([
        eb("status", "in", ["InProgress", "Canceling"]),
        eb.and([eb("status", "=", "Queued"), eb("pk", "<", pk)]),
      ]),
    )
    .executeTakeFirst();
  return Number(row?.ahead ?? 0);
}

/** `PipelineRunStore.countActive`. */
export async function countActiveRuns(
  db: Kysely<StoreSchema>,
  factoryKey: string,
  pipelineKey: string,
): Promise<ActiveRunCounts> {
  const rows = await db
    .selectFrom("pipeline_runs")
    .select(["status", (eb) => eb.fn.countAll<number>().as("count")])
    .where("factory_key", "=", factoryKey)
    .where("pipeline_key", "=", pipelineKey)
    .where("status", "in", ["Queued", "InProgress", "Canceling"])
    .groupBy("status")
    .execute();
  const count = (status: string) => Number(rows.find((row) => row.status === status)?.count ?? 0);
  return { queued: count("Queued"), inProgress: count("InProgress") + count("Canceling") };
}
