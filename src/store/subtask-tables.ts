import type { Generated } from "kysely";

/** One instance of a multi-instance task's run (migration 8); instance 0 is the primary. */
export interface SubtasksTable {
  job_id_key: string;
  task_id_key: string;
  instance: number;
  pool_id_key: string;
  /** The task's store claim token of the run these instances belong to. */
  run_token: string;
  node_id: string;
  /** 1 once the node was handed its instance. */
  delivered: Generated<number>;
  /** "running" | "completed". */
  state: string;
  state_transition_time: number;
  previous_state: string | null;
  previous_state_transition_time: number | null;
  /** "success" | "failure" once the coordination command returned. */
  coordination: string | null;
  start_time: number;
  end_time: number | null;
  exit_code: number | null;
  result: string | null;
  /** JSON text. */
  failure_info: string | null;
}

/** A node holding itself for a multi-instance task until enough nodes have joined. */
export interface GangReservationsTable {
  node_id: string;
  pool_id_key: string;
  job_id_key: string;
  task_id_key: string;
  reserved_at: number;
  reserved_until: number;
}
