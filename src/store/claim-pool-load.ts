import type { Kysely } from "kysely";
import type { PoolLoad, PoolNodeLoad } from "./claim-plan.js";
import type { StoreSchema } from "./schema.js";

/**
 * The pool's load for a claim's slot limit, read in the claim's transaction: each node's
 * running slots (index tasks_node_state), and when asked, the `requiredSlots` of the oldest
 * ready tasks, job by job in claim order (index tasks_claim), so its cost stays small however
 * many tasks wait. No row is locked: the load only sizes a share. (On PostgreSQL a claim
 * committing between the two reads makes the work look smaller: a smaller share now, and the
 * rest goes to the next claim.)
 */
export async function readPoolLoad(
  trx: Kysely<StoreSchema>,
  poolKey: string,
  jobKeys: readonly string[],
): Promise<PoolLoad> {
  const rows = await trx
    .selectFrom("nodes")
    .select((eb) => [
      "nodes.id",
      "nodes.state",
      "nodes.scheduling_state",
      "nodes.task_slots",
      eb
        .selectFrom("tasks")
        .select((inner) => inner.fn.sum<number>("tasks.required_slots").as("slots"))
        .whereRef("tasks.node_id", "=", "nodes.id")
        .where("tasks.state", "in", ["running", "preparing"])
        .as("running_slots"),
    ])
    .where("nodes.pool_id_key", "=", poolKey)
    .orderBy("nodes.id")
    .execute();
  const nodes: PoolNodeLoad[] = rows.map((row) => ({
    id: row.id,
    state: row.state,
    schedulingState: row.scheduling_state,
    slots: row.task_slots,
    runningSlots: Number(row.running_slots ?? 0),
  }));
  return { nodes, readySlots: (most) => readReadySlots(trx, jobKeys, most) };
}

async function readReadySlots(
  trx: Kysely<StoreSchema>,
  jobKeys: readonly string[],
  most: number,
): Promise<number[]> {
  const readySlots: number[] = [];
  for (const jobKey of jobKeys) {
    if (readySlots.length >= most) break;
    const ready = await trx
      .selectFrom("tasks")
      .select("required_slots")
      .where("job_id_key", "=", jobKey)
      .where("state", "=", "active")
      .where("unmet_dependencies", "=", 0)
      .orderBy("pk")
      .limit(most - readySlots.length)
      .execute();
    for (const row of ready) readySlots.push(row.required_slots);
  }
  return readySlots;
}
