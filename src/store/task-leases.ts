import type { Kysely } from "kysely";
import { idKey } from "./record-keys.js";
import type { StoreSchema } from "./schema.js";
import { chunks } from "./store-context.js";
import { integerAtLeast } from "./store-arguments.js";
import type { WriteStamp } from "./task-attempts.js";
import { toTaskRecord } from "./task-row.js";
import type { TaskRecord } from "./task-store.js";
import type { LeaseRenewal, RequeueSelector } from "./task-types.js";

/**
 * `TaskStore.requeue`: one statement, so each task is requeued at most once however many
 * sweepers run, and a completion racing it either lands first or finds its token gone.
 */
export async function requeueTasks(
  db: Kysely<StoreSchema>,
  selector: RequeueSelector,
  stamp: WriteStamp,
): Promise<TaskRecord[]> {
  let query = db
    .updateTable("tasks")
    .set((eb) => ({
      previous_state: eb.ref("state"),
      previous_state_transition_time: eb.ref("state_transition_time"),
      state: "active",
      state_transition_time: stamp.now,
      // A requeue is not the task's fault: retry_count stays.
      requeue_count: eb("requeue_count", "+", 1),
      last_requeue_time: stamp.now,
      node_id: null,
      claim_token: null,
      lease_expiry: null,
      etag: stamp.etag,
      last_modified: stamp.now,
    }))
    .where("state", "in", ["running", "preparing"]);
  query =
    "nodeId" in selector
      ? query.where("node_id", "=", selector.nodeId)
      : "jobId" in selector
        ? query.where("job_id_key", "=", idKey(selector.jobId))
        : query.where("lease_expiry", "<", selector.leaseExpiredBefore);
  const rows = await query.returningAll().execute();
  return rows.sort((a, b) => a.pk - b.pk).map(toTaskRecord);
}

/**
 * `TaskStore.renewLeases`: extends the leases of the node's attempts still running under
 * these tokens. Not a change of the task's Batch properties: etag and lastModified stay.
 */
export async function renewLeases(
  db: Kysely<StoreSchema>,
  nodeId: string,
  claimTokens: readonly string[],
  leaseMs: number,
  now: number,
): Promise<LeaseRenewal> {
  const expiry = now + integerAtLeast("leaseMs", leaseMs, 1);
  const renewed = new Set<string>();
  for (const part of chunks([...new Set(claimTokens)])) {
    const rows = await db
      .updateTable("tasks")
      .set({ lease_expiry: expiry })
      .where("node_id", "=", nodeId)
      .where("state", "in", ["running", "preparing"])
      .where("claim_token", "in", part)
      .returning("claim_token")
      .execute();
    for (const row of rows) if (row.claim_token !== null) renewed.add(row.claim_token);
  }
  return { invalid: claimTokens.filter((token) => !renewed.has(token)) };
}

/** `TaskStore.listOnNode`: the attempts running (or preparing) on a node, in add order. */
export async function tasksOnNode(db: Kysely<StoreSchema>, nodeId: string): Promise<TaskRecord[]> {
  const rows = await db
    .selectFrom("tasks")
    .selectAll()
    .where("node_id", "=", nodeId)
    .where("state", "in", ["running", "preparing"])
    .orderBy("pk")
    .execute();
  return rows.map(toTaskRecord);
}
