import { SluiceError } from "../core/index.js";
import { idKey } from "./record-keys.js";
import type { NewTask } from "./task-types.js";

/** Most dependencies one task may name once ranges are expanded: a guard against `0..1e9`. */
export const maxDependenciesPerTask = 100_000;

/**
 * The keys of the tasks `task` depends on: `taskIds` and every id of `taskIdRanges`
 * (decimal, inclusive), lowercased, each once.
 */
export function dependencyKeys(task: NewTask): string[] {
  const keys = new Set<string>();
  for (const id of task.dependsOn?.taskIds ?? []) keys.add(idKey(id));
  for (const [index, range] of (task.dependsOn?.taskIdRanges ?? []).entries()) {
    checkRange(task.id, index, range.start, range.end);
    if (keys.size + (range.end - range.start + 1) > maxDependenciesPerTask) {
      throw tooMany(task.id);
    }
    for (let id = range.start; id <= range.end; id += 1) keys.add(String(id));
  }
  if (keys.size > maxDependenciesPerTask) throw tooMany(task.id);
  return [...keys];
}

function checkRange(taskId: string, index: number, start: number, end: number): void {
  if (Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && end >= start) {
    return;
  }
  const field = `dependsOn.taskIdRanges[${index}]`;
  throw new SluiceError(
    "InvalidArgument",
    `Task "${taskId}": ${field} is ${String(start)}..${String(end)}; start and end must be integers with 0 <= start <= end.`,
    { details: { field, value: { start, end }, taskId } },
  );
}

function tooMany(taskId: string): SluiceError {
  return new SluiceError(
    "InvalidArgument",
    `Task "${taskId}" depends on more than ${maxDependenciesPerTask} tasks once dependsOn.taskIdRanges are expanded.`,
    { details: { field: "dependsOn", taskId, maximum: maxDependenciesPerTask } },
  );
}
