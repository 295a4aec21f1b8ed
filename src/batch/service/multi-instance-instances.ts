// A multi-instance task's instance as its node holds it, and a subtask's completion.
import type { TaskRunOutcome } from "../../api/index.js";
import type { SubtaskEnd, SubtaskRecord } from "../../store/index.js";
import { leaseLost } from "./agent-claims.js";
import { instanceOfToken, type InstanceRef } from "./multi-instance-token.js";
import type { ServiceContext } from "./service-deps.js";

export async function heldInstance(
  ctx: ServiceContext,
  nodeId: string,
  claimToken: string,
  ref: InstanceRef,
): Promise<SubtaskRecord> {
  const rows = await ctx.subtasks.list(ref.jobId, ref.taskId);
  const row = rows.find((entry) => entry.instance === ref.instance);
  if (row === undefined || row.runToken !== ref.runToken || row.nodeId !== nodeId) {
    throw leaseLost(claimToken);
  }
  return row;
}

export function subtaskEnd(outcome: TaskRunOutcome): SubtaskEnd {
  return {
    exitCode: outcome.exitCode ?? null,
    result: outcome.result,
    failureInfo: outcome.failureInfo === undefined ? null : { ...outcome.failureInfo },
  };
}

/**
 * A subtask's claim completes (its node's agent reports it as a task): true when the token
 * is a subtask's. A subtask of a run that is over is `LeaseLost`, as a stale task claim is.
 */
export async function completeSubtask(
  ctx: ServiceContext,
  nodeId: string,
  claimToken: string,
  outcome: TaskRunOutcome,
): Promise<boolean> {
  const ref = instanceOfToken(claimToken);
  if (ref === undefined || ref.instance === 0) return false;
  await heldInstance(ctx, nodeId, claimToken, ref);
  if (!(await ctx.subtasks.finish(ref, subtaskEnd(outcome)))) throw leaseLost(claimToken);
  return true;
}
