import type { Kysely } from "kysely";
import type { Dialect } from "./database.js";
import type { StoreSchema } from "./schema.js";
import type { ClaimNode } from "./task-types.js";

/**
 * The claiming node with its pool and running slots, read in the claim's transaction. With
 * `lock` on PostgreSQL the node row is locked `FOR SHARE`: a concurrent change of the node
 * (disabling its scheduling, a reboot) waits for the claim to commit and then sees the tasks
 * it took, or commits first and the claim sees the change. (The claim takes this lock last,
 * after any job locks, in the order completions take theirs: job, then node.) SQLite's write
 * transactions already run one at a time.
 */
export async function readClaimNode(
  dialect: Dialect,
  trx: Kysely<StoreSchema>,
  nodeId: string,
  lock = false,
): Promise<ClaimNode | undefined> {
  const query = trx
    .selectFrom("nodes")
    .innerJoin("pools", "pools.id_key", "nodes.pool_id_key")
    .select((eb) => [
      "nodes.id",
      "nodes.pool_id_key",
      "nodes.state",
      "nodes.scheduling_state",
      "nodes.task_slots",
      "nodes.last_boot_time",
      "pools.id as pool_id",
      "pools.state as pool_state",
      "pools.node_fill_type",
      eb
        .selectFrom("tasks")
        .select((inner) => inner.fn.sum<number>("tasks.required_slots").as("slots"))
        .whereRef("tasks.node_id", "=", "nodes.id")
        .where("tasks.state", "in", ["running", "preparing"])
        .as("running_slots"),
    ])
    .where("nodes.id", "=", nodeId);
  const row = await (
    lock && dialect === "postgres" ? query.forShare("nodes") : query
  ).executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    id: row.id,
    poolKey: row.pool_id_key,
    poolId: row.pool_id,
    poolState: row.pool_state,
    nodeFillType: row.node_fill_type,
    state: row.state,
    schedulingState: row.scheduling_state,
    slots: row.task_slots,
    runningSlots: Number(row.running_slots ?? 0),
    lastBootTime: row.last_boot_time,
  };
}
