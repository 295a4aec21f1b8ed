// What every claim shares, the ordinary one (task-claim.ts) and a multi-instance task's
// (gang-claim.ts): which jobs a node may take work of, and how a task moves to running.
import type { ExpressionBuilder } from "kysely";
import type { StoreSchema } from "./schema.js";

/**
 * A `where` condition on a query over `jobs`: the job's preparation task has not failed on
 * `nodeId` under waitForSuccess (such a job never runs there).
 */
export function jobNotBlockedOn(nodeId: string) {
  return ({ not, exists, selectFrom }: ExpressionBuilder<StoreSchema, "jobs">) =>
    not(
      exists(
        selectFrom("job_preparations")
          .select("job_preparations.blocked")
          .whereRef("job_preparations.job_id_key", "=", "jobs.id_key")
          .where("job_preparations.node_id", "=", nodeId)
          .where("job_preparations.blocked", "=", 1),
      ),
    );
}

/** When and where a claim starts its tasks. */
export interface RunningStamp {
  readonly nodeId: string;
  readonly now: number;
  readonly leaseMs: number;
  readonly etag: string;
}

/**
 * The columns a task's move to running sets, its previous state kept and its last attempt's
 * outcome cleared; the caller adds the claim token.
 */
export function runningColumns(eb: ExpressionBuilder<StoreSchema, "tasks">, stamp: RunningStamp) {
  return {
    previous_state: eb.ref("state"),
    previous_state_transition_time: eb.ref("state_transition_time"),
    state: "running",
    state_transition_time: stamp.now,
    node_id: stamp.nodeId,
    lease_expiry: stamp.now + stamp.leaseMs,
    start_time: stamp.now,
    end_time: null,
    exit_code: null,
    result: null,
    failure_info: null,
    etag: stamp.etag,
    last_modified: stamp.now,
  } as const;
}
