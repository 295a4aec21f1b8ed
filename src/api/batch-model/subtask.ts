// Batch's "List Subtasks" (`GET /jobs/{jobId}/tasks/{taskId}/subtasksinfo`) shapes.
import type { TaskExecutionResult } from "./enums.js";
import type { TaskFailureInformation } from "./task-parts.js";
import type { ComputeNodeInformation } from "./task.js";

export type SubtaskState = "preparing" | "running" | "completed";

/** One subtask of a multi-instance task (the primary, id 0, is not listed). */
export interface SubtaskInformation {
  readonly id: number;
  readonly nodeInfo?: ComputeNodeInformation;
  readonly startTime?: string;
  readonly endTime?: string;
  readonly exitCode?: number;
  readonly failureInfo?: TaskFailureInformation;
  readonly state: SubtaskState;
  readonly stateTransitionTime: string;
  readonly previousState?: SubtaskState;
  readonly previousStateTransitionTime?: string;
  readonly result?: TaskExecutionResult;
}

export interface CloudTaskListSubtasksResult {
  readonly value: readonly SubtaskInformation[];
}
