import type { Kysely } from "kysely";
import { SluiceError } from "../core/index.js";
import { toPipelineRunRecord } from "./pipeline-run-row.js";
import {
  drivenRunStatuses,
  type PipelineRunRecord,
  type RunLeaseRenewal,
} from "./pipeline-run-store.js";
import { idKey } from "./record-keys.js";
import type { StoreSchema } from "./schema.js";
import { chunks, type StoreContext } from "./store-context.js";
import { integerAtLeast } from "./store-arguments.js";

/** Who claims, for how long, and how many runs at most. */
export interface RunClaimRequest {
  readonly owner: string;
  readonly leaseMs: number;
  readonly limit: number;
}

/** When the claim happens and the etag it stamps. */
export interface RunClaimStamp {
  readonly now: number;
  readonly etag: string;
}

/**
 * `PipelineRunStore.claimRunsToDrive`: one UPDATE of the oldest unfinished runs whose lease
 * is free (0) or expired. On PostgreSQL the candidates are locked `FOR UPDATE SKIP LOCKED`,
 * so claimers racing each take different runs without waiting, and the outer WHERE repeats
 * the lease test, which PostgreSQL re-checks on a row changed since the statement began.
 * On SQLite one statement is one write transaction, and writers run one at a time.
 */
export async function claimRuns(
  context: StoreContext,
  request: RunClaimRequest,
  stamp: RunClaimStamp,
): Promise<PipelineRunRecord[]> {
  const owner = ownerName(request.owner);
  const leaseMs = integerAtLeast("leaseMs", request.leaseMs, 1);
  const limit = integerAtLeast("limit", request.limit, 0);
  if (limit === 0) return [];
  const statuses = [...drivenRunStatuses];
  const rows = await context.db
    // MATERIALIZED: the candidates are picked (and on PostgreSQL locked) once. As a plain
    // `IN (subquery)`, PostgreSQL may rescan the subquery per updated row, skip the rows
    // this very statement just locked, and claim far more than `limit`.
    .with(
      (cte) => cte("candidates").materialized(),
      (db) => {
        const candidates = db
          .selectFrom("pipeline_runs")
          .select("pk")
          .where("status", "in", statuses)
          .where("lease_expiry", "<=", stamp.now)
          .orderBy("pk")
          .limit(limit);
        return context.dialect === "postgres" ? candidates.forUpdate().skipLocked() : candidates;
      },
    )
    .updateTable("pipeline_runs")
    .set({ lease_owner: owner, lease_expiry: stamp.now + leaseMs, etag: stamp.etag })
    .where("pk", "in", (eb) => eb.selectFrom("candidates").select("candidates.pk"))
    .where("status", "in", statuses)
    .where("lease_expiry", "<=", stamp.now)
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.pk - b.pk).map(toPipelineRunRecord);
}

/**
 * `PipelineRunStore.renewLeases`: extends the leases `owner` still holds. Not a change of
 * the run: etag and lastUpdated stay.
 */
export async function renewRunLeases(
  db: Kysely<StoreSchema>,
  owner: string,
  runIds: readonly string[],
  leaseMs: number,
  now: number,
): Promise<RunLeaseRenewal> {
  const expiry = now + integerAtLeast("leaseMs", leaseMs, 1);
  const renewed = new Set<string>();
  for (const part of chunks([...new Set(runIds.map(idKey))])) {
    const rows = await db
      .updateTable("pipeline_runs")
      .set({ lease_expiry: expiry })
      .where("lease_owner", "=", ownerName(owner))
      .where("run_id", "in", part)
      .returning("run_id")
      .execute();
    for (const row of rows) renewed.add(row.run_id);
  }
  return {
    renewed: runIds.filter((runId) => renewed.has(idKey(runId))),
    lost: runIds.filter((runId) => !renewed.has(idKey(runId))),
  };
}

/** `PipelineRunStore.releaseLeases`: frees the leases `owner` holds on these runs. */
export async function releaseRunLeases(
  db: Kysely<StoreSchema>,
  owner: string,
  runIds: readonly string[],
): Promise<void> {
  for (const part of chunks([...new Set(runIds.map(idKey))])) {
    await db
      .updateTable("pipeline_runs")
      .set({ lease_owner: null, lease_expiry: 0 })
      .where("lease_owner", "=", ownerName(owner))
      .where("run_id", "in", part)
      .execute();
  }
}

function ownerName(owner: string): string {
  if (typeof owner !== "string" || owner === "") {
    throw new SluiceError(
      "InvalidArgument",
      `owner is "${String(owner)}"; name the server that drives the runs.`,
      {
        details: { field: "owner", value: String(owner) },
      },
    );
  }
  return owner;
}
