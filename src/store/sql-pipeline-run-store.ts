import type { Kysely } from "kysely";
import {
  newUuid,
  systemClock,
  systemRandom,
  type Clock,
  type RandomSource,
} from "../core/index.js";
import { toPage, type Page } from "./page.js";
import { claimRuns, releaseRunLeases, renewRunLeases } from "./pipeline-run-leases.js";
import { pipelineRunQuerySpec } from "./pipeline-run-query.js";
import {
  findRun,
  toPipelineRunRecord,
  toPipelineRunRow,
  toPipelineRunUpdate,
} from "./pipeline-run-row.js";
import { countActiveRuns, startRuns, tryStartRun } from "./pipeline-run-start.js";
import {
  pipelineRunStatuses,
  type ActiveRunCounts,
  type NewPipelineRun,
  type PipelineRunPatch,
  type PipelineRunQuery,
  type PipelineRunRecord,
  type PipelineRunStore,
  type RunLeaseRenewal,
  type RunWriteOptions,
  type StartAttempt,
} from "./pipeline-run-store.js";
import { duplicate, idKey, newEtag, notFound } from "./record-keys.js";
import { planRunQuery } from "./run-query.js";
import { oneOf, writeRejection } from "./run-write-checks.js";
import type { StoreSchema } from "./schema.js";
import type { StoreDeps } from "./sql-pool-store.js";
import type { StoreContext } from "./store-context.js";
import { integerAtLeast } from "./store-arguments.js";

/** The {@link PipelineRunStore} for both dialects. Pass a `Database`, or `joinTransaction(...)`. */
export function createPipelineRunStore(
  context: StoreContext,
  deps: StoreDeps = {},
): PipelineRunStore {
  return new SqlPipelineRunStore(context, deps.clock ?? systemClock, deps.random ?? systemRandom);
}

// Each write is one statement whose WHERE carries its conditions (etag, status, lease
// owner), so a rejected write changes nothing and of two racing writers one wins.
class SqlPipelineRunStore implements PipelineRunStore {
  constructor(
    private readonly context: StoreContext,
    private readonly clock: Clock,
    private readonly random: RandomSource,
  ) {}

  async create(run: NewPipelineRun): Promise<PipelineRunRecord> {
    if (run.status !== undefined) oneOf("status", run.status, pipelineRunStatuses);
    if (run.pipelineVersion !== undefined && run.pipelineVersion !== null) {
      integerAtLeast("pipelineVersion", run.pipelineVersion, 1);
    }
    const runId = idKey(run.runId ?? newUuid(this.random));
    const row = toPipelineRunRow(run, { runId, now: this.clock.now(), etag: newEtag(this.random) });
    const insert = async (db: Kysely<StoreSchema>) => {
      const inserted = await db
        .insertInto("pipeline_runs")
        .values(row)
        .onConflict((conflict) => conflict.column("run_id").doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted === undefined) throw duplicate("pipeline run", runId);
      // A rerun becomes its group's latest run; the runs it reruns no longer are.
      if (row.is_latest === 1 && row.run_group_id !== runId) {
        await db
          .updateTable("pipeline_runs")
          .set({ is_latest: 0 })
          .where("run_group_id", "=", row.run_group_id)
          .where("run_id", "!=", runId)
          .where("is_latest", "=", 1)
          .execute();
      }
      return toPipelineRunRecord(inserted);
    };
    return row.run_group_id === runId
      ? insert(this.context.db)
      : this.context.writeTransaction(insert);
  }

  async get(runId: string): Promise<PipelineRunRecord> {
    const row = await findRun(this.context.db, runId);
    if (row === undefined) throw notFound("pipeline run", runId);
    return toPipelineRunRecord(row);
  }

  async update(
    runId: string,
    patch: PipelineRunPatch,
    options: RunWriteOptions = {},
  ): Promise<PipelineRunRecord> {
    if (patch.status !== undefined) oneOf("status", patch.status, pipelineRunStatuses);
    const now = this.clock.now();
    let query = this.context.db
      .updateTable("pipeline_runs")
      .set({ ...toPipelineRunUpdate(patch), etag: newEtag(this.random), last_updated: now })
      .where("run_id", "=", idKey(runId));
    if (options.ifMatch !== undefined) query = query.where("etag", "=", options.ifMatch);
    if (options.ifStatus !== undefined) query = query.where("status", "in", [...options.ifStatus]);
    if (options.leaseOwner !== undefined)
      query = query.where("lease_owner", "=", options.leaseOwner);
    const updated = await query.returningAll().executeTakeFirst();
    if (updated === undefined) {
      throw writeRejection("pipeline run", runId, await findRun(this.context.db, runId), options);
    }
    return toPipelineRunRecord(updated);
  }

  claimRunsToDrive(owner: string, leaseMs: number, limit: number): Promise<PipelineRunRecord[]> {
    return claimRuns(
      this.context,
      { owner, leaseMs, limit },
      {
        now: this.clock.now(),
        etag: newEtag(this.random),
      },
    );
  }

  renewLeases(owner: string, runIds: readonly string[], leaseMs: number): Promise<RunLeaseRenewal> {
    return renewRunLeases(this.context.db, owner, runIds, leaseMs, this.clock.now());
  }

  releaseLeases(owner: string, runIds: readonly string[]): Promise<void> {
    return releaseRunLeases(this.context.db, owner, runIds);
  }

  tryStart(
    runId: string,
    concurrency?: number,
    patch: PipelineRunPatch = {},
  ): Promise<StartAttempt> {
    if (patch.status !== undefined) oneOf("status", patch.status, ["InProgress"]);
    return tryStartRun(
      this.context,
      { runId, concurrency, patch },
      {
        now: () => this.clock.now(),
        etag: newEtag(this.random),
      },
    );
  }

  startMany(runIds: readonly string[]): Promise<PipelineRunRecord[]> {
    const etag = newEtag(this.random);
    return startRuns(this.context, runIds, { now: () => this.clock.now(), etag });
  }

  countActive(factory: string, pipelineName: string): Promise<ActiveRunCounts> {
    return countActiveRuns(this.context.db, idKey(factory), idKey(pipelineName));
  }

  async query(factory: string, query: PipelineRunQuery = {}): Promise<Page<PipelineRunRecord>> {
    const plan = planRunQuery(pipelineRunQuerySpec, query);
    let select = this.context.db
      .selectFrom("pipeline_runs")
      .selectAll()
      .where("factory_key", "=", idKey(factory));
    for (const condition of plan.conditions) select = select.where(condition);
    for (const key of plan.order) select = select.orderBy(key.expr, key.direction);
    const rows = await select.limit(plan.size + 1).execute();
    return toPage(rows, plan.size, plan.keyOf, toPipelineRunRecord);
  }

  async listChildren(parentRunId: string): Promise<PipelineRunRecord[]> {
    const rows = await this.context.db
      .selectFrom("pipeline_runs")
      .selectAll()
      .where("parent_run_id", "=", idKey(parentRunId))
      .orderBy("pk")
      .execute();
    return rows.map(toPipelineRunRecord);
  }
}
