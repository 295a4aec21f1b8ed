// The instances' side of a multi-instance task's run: each reports its coordination command's
// end and waits for the run's next phase (the primary for "running", a subtask for "ended");
// and the sweep that requeues a run one of whose nodes was lost.
import type { GangPhase, GangRequest, GangResponse, TaskRunOutcome } from "../../api/index.js";
import type { SubtaskRecord, TaskRecord } from "../../store/index.js";
import { isBatchError } from "../batch-error.js";
import { checkSchema, int, objectSchema, oneOf } from "../validation/schema.js";
import { leaseLost } from "./agent-claims.js";
import { completeClaim } from "./agent-complete.js";
import { maxClaimWaitMs, validateOutcome } from "./agent-requests.js";
import { taskClaimToken } from "./claim-token.js";
import { heldInstance, subtaskEnd } from "./multi-instance-instances.js";
import { instanceOfToken, type InstanceRef } from "./multi-instance-token.js";
import { runIsCurrent } from "./multi-instance-subtasks.js";
import type { ServiceContext } from "./service-deps.js";
import { isStoreNotFound } from "./store-errors.js";

const gangSchema = objectSchema<GangRequest>("GangRequest", {
  coordination: { kind: "any" },
  waitWhile: oneOf(["coordinating", "running", "ended"]),
  waitMs: int(0, maxClaimWaitMs),
});

/** Node states in which a node still runs its instance. */
const liveNodeStates = ["idle", "running", "leavingpool", "offline"];

/**
 * `POST .../claims/{token}/gang`: records the instance's coordination result (once), then
 * answers the run's phase, waiting up to `waitMs` while it is `waitWhile`. A subtask whose
 * coordination command failed fails the task's attempt, as the primary's failure would: it
 * is retried up to its retry limit (Batch: "the entire multi-instance task fails").
 */
export async function gangStep(
  ctx: ServiceContext,
  nodeId: string,
  claimToken: string,
  body: unknown,
  abort?: AbortSignal,
): Promise<GangResponse> {
  const request = checkSchema(gangSchema, body ?? {}, "", {
    unknownProperties: "ignore",
  }) as GangRequest;
  const ref = instanceOfToken(claimToken);
  if (ref === undefined) throw leaseLost(claimToken);
  const mine = await heldInstance(ctx, nodeId, claimToken, ref);
  if (request.coordination !== undefined) {
    await recordCoordination(ctx, ref, mine, validateOutcome(request.coordination));
  }
  const waitMs = request.waitMs ?? 20_000;
  const over = AbortSignal.any([AbortSignal.timeout(waitMs), ...(abort ? [abort] : [])]);
  for (;;) {
    const phase = await phaseOf(ctx, ref);
    if (phase !== request.waitWhile || waitMs === 0 || over.aborted) return { phase };
    await ctx.signal.wait(mine.poolKey, ctx.settings.claimRecheckMs, over);
  }
}

async function recordCoordination(
  ctx: ServiceContext,
  ref: InstanceRef,
  row: SubtaskRecord,
  outcome: TaskRunOutcome,
): Promise<void> {
  const end = subtaskEnd(outcome);
  await ctx.subtasks.recordCoordination(ref, end);
  ctx.signal.notify(row.poolKey);
  // The primary reports its own failure by completing the task with it.
  if (end.result === "success" || ref.instance === 0) return;
  const primary = (await ctx.subtasks.list(ref.jobId, ref.taskId)).find((r) => r.instance === 0);
  if (primary === undefined || primary.runToken !== ref.runToken) return;
  const token = taskClaimToken(ref.runToken, ref.jobId, ref.taskId);
  const failureInfo = {
    category: "usererror" as const,
    code: "FailureExitCode",
    message: `Subtask ${ref.instance} of the multi-instance task failed its coordination command (exit code ${outcome.exitCode ?? "none"}): ${outcome.failureInfo?.message ?? "no detail"}`,
  };
  const failed = { ...outcome, result: "failure" as const, failureInfo };
  try {
    await completeClaim(ctx, primary.nodeId, token, {
      ...failed,
      failureKind: outcome.failureKind ?? "exitCode",
    });
  } catch (error) {
    // The primary ended the run meanwhile: its own completion stands.
    if (!isBatchError(error, "LeaseLost")) throw error;
  }
}

/** `ended` once the task no longer runs this run; `running` once every instance coordinated. */
async function phaseOf(ctx: ServiceContext, ref: InstanceRef): Promise<GangPhase> {
  let task: TaskRecord;
  try {
    task = await ctx.tasks.get({ jobId: ref.jobId, taskId: ref.taskId });
  } catch (error) {
    if (isStoreNotFound(error)) return "ended";
    throw error;
  }
  if (!runIsCurrent(ref, task)) return "ended";
  const rows = await ctx.subtasks.list(ref.jobId, ref.taskId);
  const run = rows.filter((row) => row.runToken === ref.runToken);
  return run.every((row) => row.coordination === "success") ? "running" : "coordinating";
}

/**
 * Part of the sweep: a running multi-instance task one of whose nodes is gone (or stopped
 * heartbeating) is requeued whole, as Batch requeues a task whose node fails. (A lost
 * primary's node is handled by the ordinary requeue of the node's tasks.) With `restarted`,
 * also those with an instance on that node, whose agent just rejoined without its processes.
 */
export async function sweepLostGangs(ctx: ServiceContext, restarted?: string): Promise<void> {
  for (const gang of await ctx.subtasks.lostGangs(liveNodeStates, restarted)) {
    const task = await ctx.subtasks.requeueRun(gang);
    if (task === undefined) continue;
    ctx.logger.warn("multi-instance task requeued: one of its nodes was lost", {
      jobKey: gang.jobKey,
      taskId: task.id,
    });
    ctx.gangHints.markWork(gang.poolKey, ctx.clock.now());
    ctx.signal.notify(gang.poolKey);
  }
}
