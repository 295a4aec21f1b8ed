// `GET /jobs/{id}/taskcounts` from task states.
import type { TaskExecutionResult, TaskState } from "../../api/index.js";
import type { TaskCounts, TaskCountsResult } from "../../api/index.js";

/** What counting needs of a task. */
export interface CountableTask {
  readonly state: TaskState;
  /** Default 1. */
  readonly requiredSlots?: number;
  /** Set on completed tasks. */
  readonly result?: TaskExecutionResult;
}

const zero = (): {
  active: number;
  running: number;
  completed: number;
  succeeded: number;
  failed: number;
} => ({
  active: 0,
  running: 0,
  completed: 0,
  succeeded: 0,
  failed: 0,
});

/**
 * Task and slot counts as Batch reports them: `preparing` counts as running; a completed
 * task counts as succeeded or failed by its `result` (failed when it has none).
 */
export function countTasks(tasks: Iterable<CountableTask>): TaskCountsResult {
  const counts = zero();
  const slots = zero();
  for (const task of tasks) {
    const weight = task.requiredSlots ?? 1;
    const bucket = task.state === "preparing" ? "running" : task.state;
    counts[bucket] += 1;
    slots[bucket] += weight;
    if (task.state === "completed") {
      const outcome = task.result === "success" ? "succeeded" : "failed";
      counts[outcome] += 1;
      slots[outcome] += weight;
    }
  }
  return { taskCounts: counts, taskSlotCounts: slots };
}

/** True when no task is active or running (also for a job with no tasks, as in Batch). */
export function allTasksComplete(counts: TaskCounts): boolean {
  return counts.active === 0 && counts.running === 0;
}
