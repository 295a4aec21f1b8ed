// Batch's rules for multi-instance tasks (articles/batch/batch-mpi.md and the Task add
// reference): `requiredSlots` must be 1, and the pool must have inter-node communication
// enabled and run one task per node (taskSlotsPerNode 1). Batch accepts a multi-instance task
// in any other pool and leaves it active forever; Sluice says so when it is added.
import type { TaskAddParameter } from "../../api/index.js";
import { invalidValue } from "./schema.js";

/** What the rules need to know of the job's pool; unknown settings are not checked. */
export interface MultiInstancePoolView {
  readonly enableInterNodeCommunication?: boolean;
  readonly taskSlotsPerNode?: number;
}

/** Why a pool cannot run multi-instance tasks, or undefined when it can. */
export function multiInstancePoolProblem(pool: {
  readonly enableInterNodeCommunication: boolean;
  readonly taskSlotsPerNode: number;
}): string | undefined {
  if (!pool.enableInterNodeCommunication) {
    return "the job's pool must have enableInterNodeCommunication set to true";
  }
  if (pool.taskSlotsPerNode !== 1) {
    return `the job's pool must have taskSlotsPerNode 1 (it has ${pool.taskSlotsPerNode})`;
  }
  return undefined;
}

/** Throws a BatchError naming the property when a multi-instance task's pool cannot run it. */
export function checkMultiInstance(
  task: TaskAddParameter,
  path: string,
  pool: MultiInstancePoolView,
): void {
  const settings = task.multiInstanceSettings;
  // (requiredSlots must be 1: validate-task.ts checks it with the other slot rules.)
  if (settings === undefined) return;
  if (pool.enableInterNodeCommunication === undefined || pool.taskSlotsPerNode === undefined)
    return;
  const problem = multiInstancePoolProblem({
    enableInterNodeCommunication: pool.enableInterNodeCommunication,
    taskSlotsPerNode: pool.taskSlotsPerNode,
  });
  if (problem !== undefined) {
    const at = path === "" ? "multiInstanceSettings" : `${path}.multiInstanceSettings`;
    throw invalidValue(
      at,
      `numberOfInstances ${settings.numberOfInstances ?? 1}`,
      `a multi-instance task cannot run here: ${problem} (Batch would leave the task active forever)`,
    );
  }
}
