// What autoscale samples of a pool's tasks: how many wait, run, succeeded and failed, in
// tasks and in task slots. Read-only; one grouped scan over the pool's jobs' tasks (jobs by
// index jobs_pool_state_priority, tasks by tasks_job_state).
import type { Database } from "./database.js";
import { gangHold } from "./gang-hold.js";
import { idKey } from "./record-keys.js";

/** A pool's tasks by state; `*Slots` sum the tasks' `requiredSlots`. */
export interface PoolTaskLoad {
  /** Active tasks whose dependencies are met: ready to run (Batch's `$ActiveTasks`). */
  readonly active: number;
  /** Running or preparing. */
  readonly running: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly activeSlots: number;
  readonly runningSlots: number;
}

/** Reads pools' task loads for autoscale sampling. */
export interface PoolTaskLoadReader {
  poolTaskLoad(poolId: string): Promise<PoolTaskLoad>;
}

/** A {@link PoolTaskLoadReader} over `database`. An unknown pool has no tasks. */
export function createPoolTaskLoadReader(database: Database): PoolTaskLoadReader {
  return {
    async poolTaskLoad(poolId) {
      const rows = await database.db
        .selectFrom("tasks")
        .select((eb) => [
          "state",
          "result",
          eb.fn.countAll<number>().as("tasks"),
          eb.fn.sum<number>("required_slots").as("slots"),
        ])
        .where("job_id_key", "in", (eb) =>
          eb.selectFrom("jobs").select("id_key").where("pool_id_key", "=", idKey(poolId)),
        )
        // Ready multi-instance tasks (gang-hold.ts) wait for nodes too.
        .where((eb) =>
          eb.or([
            eb("state", "!=", "active"),
            eb("unmet_dependencies", "=", 0),
            eb("unmet_dependencies", "=", gangHold),
          ]),
        )
        .groupBy(["state", "result"])
        .execute();
      const load = {
        active: 0,
        running: 0,
        succeeded: 0,
        failed: 0,
        activeSlots: 0,
        runningSlots: 0,
      };
      for (const row of rows) {
        const tasks = Number(row.tasks);
        const slots = Number(row.slots ?? 0);
        if (row.state === "active") {
          load.active += tasks;
          load.activeSlots += slots;
        } else if (row.state !== "completed") {
          load.running += tasks;
          load.runningSlots += slots;
        } else if (row.result === "success") load.succeeded += tasks;
        else if (row.result === "failure") load.failed += tasks;
      }
      return load;
    },
  };
}
