import type { Kysely, Selectable, Updateable } from "kysely";
import type { StoreSchema } from "./schema.js";
import type { TriggerRunCondition, TriggerRunPatch } from "./trigger-store.js";
import type { TriggerRunsTable } from "./trigger-tables.js";

/** One compare-and-set UPDATE of a trigger run; the row as written, or undefined. */
export async function applyRunPatch(
  db: Kysely<StoreSchema>,
  triggerRunId: string,
  patch: TriggerRunPatch,
  condition: TriggerRunCondition,
  now: number,
): Promise<Selectable<TriggerRunsTable> | undefined> {
  const set: Updateable<TriggerRunsTable> = { last_updated: now };
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.message !== undefined) set.message = patch.message;
  if (patch.properties !== undefined) set.properties = JSON.stringify(patch.properties);
  if (patch.plannedRuns !== undefined) set.planned_runs = JSON.stringify(patch.plannedRuns);
  if (patch.triggeredPipelines !== undefined)
    set.triggered_pipelines = JSON.stringify(patch.triggeredPipelines);
  if (patch.attempt !== undefined) set.attempt = patch.attempt;
  if (patch.runId !== undefined) set.run_id = patch.runId;
  if (patch.notBefore !== undefined) set.not_before = patch.notBefore;
  if (patch.triggerRunTimestamp !== undefined)
    set.trigger_run_timestamp = patch.triggerRunTimestamp;
  if (patch.leaseOwner !== undefined) {
    set.lease_owner = patch.leaseOwner;
    set.lease_expiry = patch.leaseOwner === null ? 0 : now + (patch.leaseMs ?? 30_000);
  }
  let query = db.updateTable("trigger_runs").set(set).where("trigger_run_id", "=", triggerRunId);
  if (condition.ifStatus !== undefined)
    query = query.where("status", "in", [...condition.ifStatus]);
  const owner = condition.ifLeaseFreeOr;
  if (owner !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb("lease_owner", "is", null),
        eb("lease_owner", "=", owner),
        eb("lease_expiry", "<", now),
      ]),
    );
  }
  return query.returningAll().executeTakeFirst();
}
