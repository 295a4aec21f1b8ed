import type { Insertable, Selectable, Updateable } from "kysely";
import type { JsonObject } from "../core/index.js";
import type {
  AllocationState,
  NodeFillType,
  PoolPatch,
  PoolRecord,
  PoolState,
} from "./pool-store.js";
import type { PoolsTable } from "./schema.js";

/** A `pools` row as a record. */
export function toPoolRecord(row: Selectable<PoolsTable>): PoolRecord {
  return {
    id: row.id,
    state: row.state as PoolState,
    stateTransitionTime: row.state_transition_time,
    allocationState: row.allocation_state as AllocationState,
    allocationStateTransitionTime: row.allocation_state_transition_time,
    targetDedicatedNodes: row.target_dedicated_nodes,
    taskSlotsPerNode: row.task_slots_per_node,
    nodeFillType: row.node_fill_type as NodeFillType,
    spec: JSON.parse(row.spec) as JsonObject,
    etag: row.etag,
    lastModified: row.last_modified,
    creationTime: row.creation_time,
  };
}

/** A record as a `pools` row. */
export function toPoolRow(record: PoolRecord, idKey: string): Insertable<PoolsTable> {
  return {
    id_key: idKey,
    id: record.id,
    state: record.state,
    state_transition_time: record.stateTransitionTime,
    allocation_state: record.allocationState,
    allocation_state_transition_time: record.allocationStateTransitionTime,
    target_dedicated_nodes: record.targetDedicatedNodes,
    task_slots_per_node: record.taskSlotsPerNode,
    node_fill_type: record.nodeFillType,
    spec: JSON.stringify(record.spec),
    etag: record.etag,
    last_modified: record.lastModified,
    creation_time: record.creationTime,
  };
}

/** The columns a patch sets; absent fields are left out, so they keep their value. */
export function toPoolUpdate(patch: PoolPatch): Updateable<PoolsTable> {
  const update: Updateable<PoolsTable> = {};
  if (patch.state !== undefined) update.state = patch.state;
  if (patch.stateTransitionTime !== undefined)
    update.state_transition_time = patch.stateTransitionTime;
  if (patch.allocationState !== undefined) update.allocation_state = patch.allocationState;
  if (patch.allocationStateTransitionTime !== undefined) {
    update.allocation_state_transition_time = patch.allocationStateTransitionTime;
  }
  if (patch.targetDedicatedNodes !== undefined)
    update.target_dedicated_nodes = patch.targetDedicatedNodes;
  if (patch.taskSlotsPerNode !== undefined) update.task_slots_per_node = patch.taskSlotsPerNode;
  if (patch.nodeFillType !== undefined) update.node_fill_type = patch.nodeFillType;
  if (patch.spec !== undefined) update.spec = JSON.stringify(patch.spec);
  return update;
}
