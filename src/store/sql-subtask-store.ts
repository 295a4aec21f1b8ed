import { sql, type Kysely, type Selectable } from "kysely";
import {
  systemClock,
  systemRandom,
  type Clock,
  type JsonObject,
  type RandomSource,
} from "../core/index.js";
import { claimGang } from "./gang-claim.js";
import { gangHold } from "./gang-hold.js";
import { idKey, newEtag } from "./record-keys.js";
import type { StoreSchema } from "./schema.js";
import type { StoreDeps } from "./sql-pool-store.js";
import type { StoreContext } from "./store-context.js";
import type {
  GangClaim,
  GangClaimRequest,
  LostGang,
  SubtaskEnd,
  SubtaskRecord,
  SubtaskState,
  SubtaskStore,
} from "./subtask-store.js";
import type { SubtasksTable } from "./subtask-tables.js";
import { toTaskRecord } from "./task-row.js";
import type { TaskRecord } from "./task-store.js";

/** The {@link SubtaskStore} for both dialects. */
export function createSubtaskStore(context: StoreContext, deps: StoreDeps = {}): SubtaskStore {
  return new SqlSubtaskStore(context, deps.clock ?? systemClock, deps.random ?? systemRandom);
}

type Db = Kysely<StoreSchema>;
type InstanceRef = { jobId: string; taskId: string; instance: number; runToken: string };

function toRecord(row: Selectable<SubtasksTable>): SubtaskRecord {
  return {
    jobKey: row.job_id_key,
    taskKey: row.task_id_key,
    instance: row.instance,
    poolKey: row.pool_id_key,
    runToken: row.run_token,
    nodeId: row.node_id,
    delivered: row.delivered === 1,
    state: row.state as SubtaskState,
    stateTransitionTime: Number(row.state_transition_time),
    previousState: row.previous_state as SubtaskState | null,
    previousStateTransitionTime:
      row.previous_state_transition_time === null
        ? null
        : Number(row.previous_state_transition_time),
    coordination: row.coordination as SubtaskRecord["coordination"],
    startTime: Number(row.start_time),
    endTime: row.end_time === null ? null : Number(row.end_time),
    exitCode: row.exit_code,
    result: row.result as SubtaskRecord["result"],
    failureInfo: row.failure_info === null ? null : (JSON.parse(row.failure_info) as JsonObject),
  };
}

class SqlSubtaskStore implements SubtaskStore {
  constructor(
    private readonly context: StoreContext,
    private readonly clock: Clock,
    private readonly random: RandomSource,
  ) {}

  private get db(): Db {
    return this.context.db;
  }

  async poolHasGangWork(poolId: string): Promise<boolean> {
    const poolKey = idKey(poolId);
    const ready = await this.db
      .selectFrom("tasks")
      .select("pk")
      .where("pool_id_key", "=", poolKey)
      .where("state", "=", "active")
      // A literal, so the planners see the partial index tasks_gang applies.
      .where("unmet_dependencies", ">=", sql.lit(gangHold))
      .limit(1)
      .executeTakeFirst();
    if (ready !== undefined) return true;
    const pending = await this.db
      .selectFrom("subtasks")
      .select("instance")
      .where("pool_id_key", "=", poolKey)
      .where("delivered", "=", 0)
      .limit(1)
      .executeTakeFirst();
    return pending !== undefined;
  }

  claimGang(request: GangClaimRequest): Promise<GangClaim> {
    const tokenBase = newEtag(this.random).slice(2).toLowerCase();
    const stamp = { now: this.clock.now(), etag: newEtag(this.random), tokenBase };
    return claimGang(this.context, request, stamp);
  }

  async list(jobId: string, taskId: string): Promise<SubtaskRecord[]> {
    const rows = await this.db
      .selectFrom("subtasks")
      .selectAll()
      .where("job_id_key", "=", idKey(jobId))
      .where("task_id_key", "=", idKey(taskId))
      .orderBy("instance")
      .execute();
    return rows.map(toRecord);
  }

  async recordCoordination(ref: InstanceRef, end: SubtaskEnd): Promise<boolean> {
    const rows = await this.instance(ref)
      .set({
        coordination: end.result,
        exit_code: end.exitCode,
        ...(end.result === "failure"
          ? { result: "failure", failure_info: serialise(end.failureInfo) }
          : {}),
      })
      .where("state", "=", "running")
      .returning("instance")
      .execute();
    return rows.length > 0;
  }

  async finish(ref: InstanceRef, end: SubtaskEnd): Promise<boolean> {
    const now = this.clock.now();
    const rows = await this.instance(ref)
      .set((eb) => ({
        previous_state: eb.ref("state"),
        previous_state_transition_time: eb.ref("state_transition_time"),
        state: "completed",
        state_transition_time: now,
        end_time: now,
        exit_code: end.exitCode,
        result: end.result,
        failure_info: serialise(end.failureInfo),
      }))
      .where("state", "=", "running")
      .returning("instance")
      .execute();
    return rows.length > 0;
  }

  private instance(ref: InstanceRef) {
    return this.db
      .updateTable("subtasks")
      .where("job_id_key", "=", idKey(ref.jobId))
      .where("task_id_key", "=", idKey(ref.taskId))
      .where("instance", "=", ref.instance)
      .where("run_token", "=", ref.runToken);
  }

  async lostGangs(liveStates: readonly string[], restarted?: string): Promise<LostGang[]> {
    const rows = await this.db
      .selectFrom("subtasks as s")
      .innerJoin("tasks as t", (join) =>
        join
          .onRef("t.job_id_key", "=", "s.job_id_key")
          .onRef("t.id_key", "=", "s.task_id_key")
          .onRef("t.claim_token", "=", "s.run_token"),
      )
      .leftJoin("nodes as n", "n.id", "s.node_id")
      .select([
        "s.job_id_key",
        "s.task_id_key",
        "s.run_token",
        "s.pool_id_key",
        "s.node_id",
        "n.state",
      ])
      .where("t.state", "=", "running")
      .where("s.state", "=", "running")
      .execute();
    const lost = new Map<string, LostGang>();
    for (const row of rows) {
      const live = row.state !== null && liveStates.includes(row.state);
      if (live && row.node_id !== restarted) continue;
      lost.set(`${row.job_id_key}/${row.task_id_key}`, {
        jobKey: row.job_id_key,
        taskKey: row.task_id_key,
        runToken: row.run_token,
        poolKey: row.pool_id_key,
      });
    }
    return [...lost.values()];
  }

  async requeueRun(gang: LostGang): Promise<TaskRecord | undefined> {
    const now = this.clock.now();
    const etag = newEtag(this.random);
    const row = await this.db
      .updateTable("tasks")
      .set((eb) => ({
        previous_state: eb.ref("state"),
        previous_state_transition_time: eb.ref("state_transition_time"),
        state: "active",
        state_transition_time: now,
        requeue_count: eb("requeue_count", "+", 1),
        last_requeue_time: now,
        node_id: null,
        claim_token: null,
        lease_expiry: null,
        etag,
        last_modified: now,
      }))
      .where("job_id_key", "=", gang.jobKey)
      .where("id_key", "=", gang.taskKey)
      .where("state", "=", "running")
      .where("claim_token", "=", gang.runToken)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : toTaskRecord(row);
  }
}

const serialise = (info: JsonObject | null): string | null =>
  info === null ? null : JSON.stringify(info);
