import type { Selectable, Updateable } from "kysely";
import type { JsonObject } from "../core/index.js";
import type { NodePatch, NodeRecord, NodeState, SchedulingState } from "./node-store.js";
import type { NodesTable } from "./schema.js";

/** A `nodes` row with the running counts the read query adds. */
export type NodeRow = Selectable<NodesTable> & {
  running_tasks_count: number | string | null;
  running_task_slots_count: number | string | null;
};

/** A node row as a record. */
export function toNodeRecord(row: NodeRow): NodeRecord {
  return {
    id: row.id,
    poolKey: row.pool_id_key,
    state: row.state as NodeState,
    stateTransitionTime: row.state_transition_time,
    schedulingState: row.scheduling_state as SchedulingState,
    taskSlots: row.task_slots,
    // PostgreSQL's count/sum are BIGINT/NUMERIC; normalise to numbers.
    runningTasksCount: Number(row.running_tasks_count ?? 0),
    runningTaskSlotsCount: Number(row.running_task_slots_count ?? 0),
    totalTasksRun: row.total_tasks_run,
    totalTasksSucceeded: row.total_tasks_succeeded,
    heartbeatExpiry: row.heartbeat_expiry,
    allocationTime: row.allocation_time,
    lastBootTime: row.last_boot_time,
    info: JSON.parse(row.info) as JsonObject,
  };
}

/** The columns a patch sets; absent fields keep their value. */
export function toNodeUpdate(patch: NodePatch): Updateable<NodesTable> {
  const update: Updateable<NodesTable> = {};
  if (patch.state !== undefined) update.state = patch.state;
  if (patch.stateTransitionTime !== undefined)
    update.state_transition_time = patch.stateTransitionTime;
  if (patch.schedulingState !== undefined) update.scheduling_state = patch.schedulingState;
  if (patch.taskSlots !== undefined) update.task_slots = patch.taskSlots;
  if (patch.info !== undefined) update.info = JSON.stringify(patch.info);
  if (patch.lastBootTime !== undefined) update.last_boot_time = patch.lastBootTime;
  return update;
}
