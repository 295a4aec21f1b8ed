// Batch's "List Subtasks" of a multi-instance task, and marking a pool as having such work.
import type {
  CloudTaskListSubtasksResult,
  SubtaskInformation,
  TaskFailureInformation,
} from "../../api/index.js";
import type { JobRecord, SubtaskRecord, TaskKey, TaskRecord } from "../../store/index.js";
import { toBatchTime } from "../duration.js";
import type { ServiceContext } from "./service-deps.js";
import { inBatchTerms } from "./store-errors.js";
import { poolIdOf } from "./views.js";

/** Claims on the pool look for multi-instance work at once (a task was added there). */
export function markGangWork(ctx: ServiceContext, poolKey: string): void {
  ctx.gangHints.markWork(poolKey.toLowerCase(), ctx.clock.now());
}

/**
 * `GET /jobs/{jobId}/tasks/{taskId}/subtasksinfo`: the subtasks (instances 1..n-1) of the
 * task's current or last run; none for a task that is not multi-instance or never ran. A
 * subtask of a run that ended without its node reporting (the node was lost) shows as
 * completed when the run ended.
 */
export async function listSubtasks(
  ctx: ServiceContext,
  key: TaskKey,
  baseUrl: string,
): Promise<CloudTaskListSubtasksResult> {
  const job = await inBatchTerms({ kind: "job", id: key.jobId }, () => ctx.jobs.get(key.jobId));
  const task = await inBatchTerms({ kind: "task", id: key.taskId }, () => ctx.tasks.get(key));
  const rows = await ctx.subtasks.list(job.id, task.id);
  const value = rows
    .filter((row) => row.instance > 0)
    .map((row) => toSubtaskInformation(row, task, job, baseUrl));
  return { value };
}

/** Whether the run the row belongs to is still the task's running attempt. */
export function runIsCurrent(row: Pick<SubtaskRecord, "runToken">, task: TaskRecord): boolean {
  return task.state === "running" && task.claimToken === row.runToken;
}

export function toSubtaskInformation(
  row: SubtaskRecord,
  task: TaskRecord,
  job: JobRecord,
  baseUrl: string,
): SubtaskInformation {
  const poolId = poolIdOf(job);
  const orphaned = row.state === "running" && !runIsCurrent(row, task);
  const state = orphaned ? "completed" : row.state;
  const endTime = orphaned ? (task.endTime ?? task.stateTransitionTime) : row.endTime;
  const info: SubtaskInformation = {
    id: row.instance,
    nodeInfo: {
      affinityId: row.nodeId,
      poolId,
      nodeId: row.nodeId,
      nodeUrl: `${baseUrl}/pools/${poolId}/nodes/${row.nodeId}`,
      taskRootDirectory: `workitems/${job.id}/job-1/${task.id}`,
    },
    startTime: toBatchTime(row.startTime),
    state,
    stateTransitionTime: toBatchTime(
      orphaned ? (endTime ?? row.stateTransitionTime) : row.stateTransitionTime,
    ),
    ...(orphaned
      ? {
          previousState: "running" as const,
          previousStateTransitionTime: toBatchTime(row.stateTransitionTime),
        }
      : row.previousState === null
        ? {}
        : {
            previousState: row.previousState,
            previousStateTransitionTime: toBatchTime(
              row.previousStateTransitionTime ?? row.startTime,
            ),
          }),
    ...(state === "completed" && endTime !== null ? { endTime: toBatchTime(endTime) } : {}),
    ...(row.exitCode === null ? {} : { exitCode: row.exitCode }),
    ...(row.failureInfo === null
      ? {}
      : { failureInfo: row.failureInfo as unknown as TaskFailureInformation }),
    ...(state === "completed"
      ? { result: row.result ?? (row.coordination === "failure" ? "failure" : "success") }
      : {}),
  };
  return info;
}
