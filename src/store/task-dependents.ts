import type { Kysely } from "kysely";
import type { StoreSchema } from "./schema.js";
import { chunks } from "./store-context.js";
import type { DependencyAction } from "./task-store.js";

/** What a completion did to the tasks depending on the completed one. */
export interface DependentsOutcome {
  readonly releasedDependents: string[];
  readonly blockedDependents: string[];
}

/**
 * Settles the dependents of a task that just completed, in the caller's transaction.
 * "satisfy": marks each of its unsatisfied edges satisfied and takes one off that
 * dependent's unmet count; an edge is satisfied at most once, so completing again (after a
 * reactivation) releases nothing twice. "block": changes nothing and names the dependents
 * left waiting, for the service to decide.
 */
export async function settleDependents(
  trx: Kysely<StoreSchema>,
  jobKey: string,
  taskKey: string,
  action: DependencyAction,
): Promise<DependentsOutcome> {
  if (action === "block") {
    const rows = await trx
      .selectFrom("task_dependencies as d")
      .innerJoin("tasks as t", (join) =>
        join.onRef("t.job_id_key", "=", "d.job_id_key").onRef("t.id_key", "=", "d.task_id_key"),
      )
      .select("t.id")
      .where("d.job_id_key", "=", jobKey)
      .where("d.depends_on_id_key", "=", taskKey)
      .where("d.satisfied", "=", 0)
      .orderBy("t.pk")
      .execute();
    return { releasedDependents: [], blockedDependents: rows.map((row) => row.id) };
  }
  const edges = await trx
    .updateTable("task_dependencies")
    .set({ satisfied: 1 })
    .where("job_id_key", "=", jobKey)
    .where("depends_on_id_key", "=", taskKey)
    .where("satisfied", "=", 0)
    .returning("task_id_key")
    .execute();
  const released: { pk: number; id: string }[] = [];
  for (const part of chunks(edges.map((edge) => edge.task_id_key))) {
    const rows = await trx
      .updateTable("tasks")
      .set((eb) => ({ unmet_dependencies: eb("unmet_dependencies", "-", 1) }))
      .where("job_id_key", "=", jobKey)
      .where("id_key", "in", part)
      .returning(["pk", "id"])
      .execute();
    released.push(...rows);
  }
  released.sort((a, b) => a.pk - b.pk);
  return { releasedDependents: released.map((row) => row.id), blockedDependents: [] };
}
