import type { Kysely } from "kysely";
import { notFound, idKey } from "./record-keys.js";
import type { StoreSchema } from "./schema.js";
import type { TaskCounts, TaskStateCounts } from "./task-types.js";

type MutableCounts = { -readonly [K in keyof TaskStateCounts]: number };

const zero = (): MutableCounts => ({
  active: 0,
  running: 0,
  completed: 0,
  succeeded: 0,
  failed: 0,
});

/**
 * `TaskStore.countByState`: one grouped scan of the job's tasks (index tasks_job_state).
 * Batch's task counts are themselves eventually consistent, so the service may cache them.
 */
export async function countTasks(db: Kysely<StoreSchema>, jobId: string): Promise<TaskCounts> {
  const jobKey = idKey(jobId);
  const rows = await db
    .selectFrom("tasks")
    .select((eb) => [
      "state",
      "result",
      eb.fn.countAll<number>().as("tasks"),
      eb.fn.sum<number>("required_slots").as("slots"),
    ])
    .where("job_id_key", "=", jobKey)
    .groupBy(["state", "result"])
    .execute();
  if (rows.length === 0) {
    const job = await db
      .selectFrom("jobs")
      .select("id_key")
      .where("id_key", "=", jobKey)
      .executeTakeFirst();
    if (job === undefined) throw notFound("job", jobId);
  }
  const tasks = zero();
  const slots = zero();
  for (const row of rows) {
    add(tasks, row.state, row.result, Number(row.tasks));
    add(slots, row.state, row.result, Number(row.slots));
  }
  return { tasks, slots };
}

function add(counts: MutableCounts, state: string, result: string | null, amount: number): void {
  if (state === "active") counts.active += amount;
  else if (state === "completed") {
    counts.completed += amount;
    if (result === "success") counts.succeeded += amount;
    else if (result === "failure") counts.failed += amount;
  } else counts.running += amount;
}
