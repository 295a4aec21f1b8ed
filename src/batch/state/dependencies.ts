// Task dependency readiness: a task runs when every task it depends on has completed with
// a `satisfy` dependency action (a success, or a failure whose exit options say satisfy).
import type { DependencyAction, TaskState } from "../../api/index.js";
import type { TaskDependencies } from "../../api/index.js";
import { idInRange } from "../validation/validate-task.js";

/** What readiness needs of a task another task depends on. */
export interface DependencyTaskView {
  readonly id: string;
  readonly state: TaskState;
  /** Set when completed: the `dependencyAction` its ending selected. */
  readonly dependencyAction?: DependencyAction;
}

/** The tasks of a job, as the readiness check reads them. */
export interface DependencyLookup {
  /** The task with this id (regardless of case), if the job has it. */
  get(id: string): DependencyTaskView | undefined;
  /** The job's tasks whose ids read as integers from `start` to `end` inclusive. */
  inRange(start: number, end: number): Iterable<DependencyTaskView>;
}

/**
 * `ready` (all dependencies satisfied), `waiting` (some not yet completed, or not yet
 * added), or `blocked` (some completed with `dependencyAction: block`: the task will not
 * run unless that task is reactivated and then satisfies it). For ranges, Sluice waits for
 * the tasks of the range that exist; ids the job does not have do not hold it back.
 */
export type DependencyStatus = "ready" | "waiting" | "blocked";

function statusOf(task: DependencyTaskView | undefined): DependencyStatus {
  if (task === undefined || task.state !== "completed") return "waiting";
  return task.dependencyAction === "block" ? "blocked" : "ready";
}

/** The dependency status of a task with `dependsOn`; `ready` when it has none. */
export function dependencyStatus(
  dependsOn: TaskDependencies | undefined,
  lookup: DependencyLookup,
): DependencyStatus {
  if (dependsOn === undefined) return "ready";
  let waiting = false;
  for (const id of dependsOn.taskIds ?? []) {
    const status = statusOf(lookup.get(id));
    if (status === "blocked") return "blocked";
    if (status === "waiting") waiting = true;
  }
  for (const range of dependsOn.taskIdRanges ?? []) {
    for (const task of lookup.inRange(range.start, range.end)) {
      const status = statusOf(task);
      if (status === "blocked") return "blocked";
      if (status === "waiting") waiting = true;
    }
  }
  return waiting ? "waiting" : "ready";
}

/** A {@link DependencyLookup} over tasks in memory (tests, small jobs, the store's cache). */
export function dependencyLookupOf(tasks: Iterable<DependencyTaskView>): DependencyLookup {
  const byId = new Map<string, DependencyTaskView>();
  const numeric: DependencyTaskView[] = [];
  for (const task of tasks) {
    byId.set(task.id.toLowerCase(), task);
    if (/^[0-9]{1,10}$/.test(task.id)) numeric.push(task);
  }
  return {
    get: (id) => byId.get(id.toLowerCase()),
    inRange: (start, end) => numeric.filter((task) => idInRange(task.id, { start, end })),
  };
}

/** True when `dependsOn` names `id` (directly or by range): whose readiness a completion may change. */
export function dependsOnTask(dependsOn: TaskDependencies | undefined, id: string): boolean {
  if (dependsOn === undefined) return false;
  const key = id.toLowerCase();
  return (
    (dependsOn.taskIds ?? []).some((candidate) => candidate.toLowerCase() === key) ||
    (dependsOn.taskIdRanges ?? []).some((range) => idInRange(id, range))
  );
}
