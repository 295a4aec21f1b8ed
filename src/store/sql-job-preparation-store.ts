import type { Kysely, Selectable } from "kysely";
import {
  SluiceError,
  systemClock,
  systemRandom,
  type Clock,
  type JsonObject,
  type RandomSource,
} from "../core/index.js";
import type {
  BeginPreparation,
  FinishPreparation,
  JobPreparationRecord,
  JobPreparationStore,
  PreparationDecision,
} from "./job-preparation-store.js";
import { idKey, newEtag } from "./record-keys.js";
import type { JobPreparationsTable, StoreSchema } from "./schema.js";
import type { StoreDeps } from "./sql-pool-store.js";
import type { StoreContext } from "./store-context.js";

/** The {@link JobPreparationStore} for both dialects. */
export function createJobPreparationStore(
  context: StoreContext,
  deps: StoreDeps = {},
): JobPreparationStore {
  return new SqlJobPreparationStore(
    context,
    deps.clock ?? systemClock,
    deps.random ?? systemRandom,
  );
}

type Row = Selectable<JobPreparationsTable>;
type Db = Kysely<StoreSchema>;

const parse = (text: string | null): JsonObject | null =>
  text === null ? null : (JSON.parse(text) as JsonObject);

function toRecord(row: Row): JobPreparationRecord {
  return {
    jobId: row.job_id,
    jobKey: row.job_id_key,
    nodeId: row.node_id,
    poolKey: row.pool_id_key,
    prepToken: row.prep_token,
    prepState: row.prep_state as JobPreparationRecord["prepState"],
    prepStart: row.prep_start === null ? null : Number(row.prep_start),
    blocked: row.blocked === 1,
    prepInfo: parse(row.prep_info) ?? {},
    releaseToken: row.release_token,
    releaseState: row.release_state as JobPreparationRecord["releaseState"],
    releaseSpec: parse(row.release_spec),
    releaseInfo: parse(row.release_info),
  };
}

function conflict(what: string, jobId: string, nodeId: string): SluiceError {
  return new SluiceError(
    "StoreConflict",
    `The ${what} of job "${jobId}" on node "${nodeId}" is no longer the run this token names.`,
    { details: { kind: what, jobId, nodeId } },
  );
}

class SqlJobPreparationStore implements JobPreparationStore {
  constructor(
    private readonly context: StoreContext,
    private readonly clock: Clock,
    private readonly random: RandomSource,
  ) {}

  begin(request: BeginPreparation) {
    const jobKey = idKey(request.jobId);
    return this.context.writeTransaction(async (trx) => {
      const existing = await this.locked(trx, jobKey, request.nodeId);
      const decision: PreparationDecision = request.decide(
        existing === undefined ? undefined : toRecord(existing),
      );
      if (decision === "run") {
        const now = this.clock.now();
        const values = {
          prep_token: request.token,
          prep_state: "running",
          prep_start: now,
          blocked: 0,
          prep_info: JSON.stringify(request.info),
        };
        await trx
          .insertInto("job_preparations")
          .values({
            job_id_key: jobKey,
            node_id: request.nodeId,
            job_id: request.jobId,
            pool_id_key: idKey(request.poolId),
            ...values,
          })
          .onConflict((oc) => oc.columns(["job_id_key", "node_id"]).doUpdateSet(values))
          .execute();
      }
      if (decision === "run" || decision === "join") {
        await this.moveTasks(
          trx,
          jobKey,
          request.nodeId,
          "running",
          "preparing",
          request.taskTokens,
        );
      } else if (decision === "blocked") {
        await this.moveTasks(trx, jobKey, request.nodeId, "running", "active", request.taskTokens);
      }
      const record = await this.locked(trx, jobKey, request.nodeId);
      if (record === undefined) throw conflict("preparation task", request.jobId, request.nodeId);
      return { decision, record: toRecord(record) };
    });
  }

  finish(key: { jobId: string; nodeId: string }, token: string, outcome: FinishPreparation) {
    const jobKey = idKey(key.jobId);
    return this.context.writeTransaction(async (trx) => {
      const row = await trx
        .updateTable("job_preparations")
        .set({
          prep_state: "completed",
          prep_info: JSON.stringify(outcome.info),
          blocked: outcome.blocked ? 1 : 0,
        })
        .where("job_id_key", "=", jobKey)
        .where("node_id", "=", key.nodeId)
        .where("prep_token", "=", token)
        .where("prep_state", "=", "running")
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) throw conflict("preparation task", key.jobId, key.nodeId);
      if (outcome.tasks === "run") {
        await this.moveTasks(trx, jobKey, key.nodeId, "preparing", "running");
      } else {
        await this.moveTasks(trx, jobKey, key.nodeId, "preparing", "active");
      }
      return toRecord(row);
    });
  }

  async requestRelease(jobId: string, spec: JsonObject, token: string): Promise<number> {
    const rows = await this.context.db
      .updateTable("job_preparations")
      .set({ release_state: "pending", release_token: token, release_spec: JSON.stringify(spec) })
      .where("job_id_key", "=", idKey(jobId))
      .where("prep_state", "is not", null)
      .where("release_state", "is", null)
      .returning("node_id")
      .execute();
    return rows.length;
  }

  async releasesOn(nodeId: string, info: JsonObject): Promise<JobPreparationRecord[]> {
    // A read first: this runs at every heartbeat of every node, and there is rarely any.
    const open = await this.context.db
      .selectFrom("job_preparations")
      .select("release_state")
      .where("node_id", "=", nodeId)
      .where("release_state", "in", ["pending", "running"])
      .execute();
    if (open.length === 0) return [];
    if (open.some((row) => row.release_state === "pending")) {
      await this.context.db
        .updateTable("job_preparations")
        .set({ release_state: "running", release_info: JSON.stringify(info) })
        .where("node_id", "=", nodeId)
        .where("release_state", "=", "pending")
        .execute();
    }
    const rows = await this.context.db
      .selectFrom("job_preparations")
      .selectAll()
      .where("node_id", "=", nodeId)
      .where("release_state", "=", "running")
      .orderBy("job_id_key")
      .execute();
    return rows.map(toRecord);
  }

  async finishRelease(
    key: { jobId: string; nodeId: string },
    token: string,
    info: JsonObject,
  ): Promise<JobPreparationRecord> {
    const row = await this.context.db
      .updateTable("job_preparations")
      .set({ release_state: "completed", release_info: JSON.stringify(info) })
      .where("job_id_key", "=", idKey(key.jobId))
      .where("node_id", "=", key.nodeId)
      .where("release_token", "=", token)
      .where("release_state", "=", "running")
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) throw conflict("release task", key.jobId, key.nodeId);
    return toRecord(row);
  }

  async listByJob(jobId: string): Promise<JobPreparationRecord[]> {
    const rows = await this.context.db
      .selectFrom("job_preparations")
      .selectAll()
      .where("job_id_key", "=", idKey(jobId))
      .orderBy("node_id")
      .execute();
    return rows.map(toRecord);
  }

  /** The row, locked until the transaction ends on PostgreSQL (SQLite's is exclusive already). */
  private async locked(trx: Db, jobKey: string, nodeId: string): Promise<Row | undefined> {
    const query = trx
      .selectFrom("job_preparations")
      .selectAll()
      .where("job_id_key", "=", jobKey)
      .where("node_id", "=", nodeId);
    return (this.context.dialect === "postgres" ? query.forUpdate() : query).executeTakeFirst();
  }

  /**
   * Moves the node's tasks of the job in state `from` (those holding `tokens`, if given) to
   * `to`; to `active` as a requeue (not the task's fault: `retryCount` stays).
   */
  private async moveTasks(
    trx: Db,
    jobKey: string,
    nodeId: string,
    from: "running" | "preparing",
    to: "running" | "preparing" | "active",
    tokens?: readonly string[],
  ): Promise<void> {
    if (tokens !== undefined && tokens.length === 0) return;
    const now = this.clock.now();
    let query = trx
      .updateTable("tasks")
      .set((eb) => ({
        previous_state: eb.ref("state"),
        previous_state_transition_time: eb.ref("state_transition_time"),
        state: to,
        state_transition_time: now,
        etag: newEtag(this.random),
        last_modified: now,
        ...(to === "active"
          ? {
              requeue_count: eb("requeue_count", "+", 1),
              last_requeue_time: now,
              node_id: null,
              claim_token: null,
              lease_expiry: null,
            }
          : {}),
      }))
      .where("job_id_key", "=", jobKey)
      .where("node_id", "=", nodeId)
      .where("state", "=", from);
    if (tokens !== undefined) query = query.where("claim_token", "in", tokens);
    await query.execute();
  }
}
