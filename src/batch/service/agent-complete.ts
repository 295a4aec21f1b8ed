// Completing a claim: Batch's retry, exit-condition and job-ending rules applied to an
// agent's report, and log appends under a held claim.
import type { ClaimResponse, TaskLogName, TaskRunOutcome } from "../../api/index.js";
import { BatchError, notFound } from "../batch-error.js";
import { effectiveMaxTaskRetryCount, finishAttempt } from "../state/task-state.js";
import { appendOffset, claimWork, heldTask, leaseLost } from "./agent-claims.js";
import { validateComplete } from "./agent-requests.js";
import { parseClaimToken } from "./claim-token.js";
import { applyJobAction, settleJob } from "./job-lifecycle.js";
import { attemptOutcomeOf, taskOutcomeOf } from "./outcome-mapping.js";
import { jobSpecOf, taskSpecOf } from "./records.js";
import type { ServiceContext } from "./service-deps.js";
import { applyStartTaskResult } from "./start-task.js";
import { isStoreConflict, isStoreNotFound } from "./store-errors.js";
import { appendFile, isTaskLogName, startTaskFilePath, taskFilePath } from "./task-files.js";

/**
 * Ends the attempt a claim holds with the agent's report. A stale claim is `LeaseLost`
 * (409) and changes nothing. A non-zero exit is retried while `maxTaskRetryCount` allows
 * (-1: always); pre-processing errors, time-outs and upload failures complete the task.
 * A completion applies `exitConditions` (dependencyAction, and jobAction under
 * `performexitoptionsjobaction`) and may end the job (`onAllTasksComplete`). With
 * `claimSlots` in the body it then claims work for the node as a claim with no wait does,
 * and returns it; without, it returns undefined.
 */
export async function completeClaim(
  ctx: ServiceContext,
  nodeId: string,
  claimToken: string,
  body: unknown,
): Promise<ClaimResponse | undefined> {
  const { outcome, claimSlots } = validateComplete(body);
  await completeAttempt(ctx, nodeId, claimToken, outcome);
  if (claimSlots === 0) return undefined;
  try {
    return await claimWork(ctx, nodeId, { freeSlots: claimSlots, waitMs: 0 });
  } catch (error) {
    // The completion is stored: failing the request now would make the agent retry it and
    // drop its result as LeaseLost. The node's long-poll claim picks the work up instead.
    ctx.logger.warn("claim after completion failed", { nodeId, error: String(error) });
    return { tasks: [] };
  }
}

async function completeAttempt(
  ctx: ServiceContext,
  nodeId: string,
  claimToken: string,
  report: TaskRunOutcome,
): Promise<void> {
  const ref = parseClaimToken(claimToken);
  if (ref === undefined) throw leaseLost(claimToken);
  if (ref.kind === "startTask") {
    if (ref.nodeId !== nodeId) throw leaseLost(claimToken);
    const node = await ctx.nodes.get(nodeId).catch((error: unknown) => {
      throw isStoreNotFound(error) ? notFound("node", nodeId) : error;
    });
    await applyStartTaskResult(ctx, node, await ctx.pools.get(node.poolKey), report);
    return;
  }
  const task = await heldTask(ctx, nodeId, claimToken, ref);
  const job = await ctx.jobs.get(task.jobKey);
  const spec = taskSpecOf(task);
  const transition = finishAttempt(
    {
      state: "running",
      executionInfo: { retryCount: task.retryCount, requeueCount: task.requeueCount },
    },
    taskOutcomeOf(report),
    {
      now: ctx.clock.now(),
      maxTaskRetryCount: effectiveMaxTaskRetryCount(spec.constraints, jobSpecOf(job).constraints),
      ...(spec.exitConditions === undefined ? {} : { exitConditions: spec.exitConditions }),
    },
  );
  try {
    await ctx.tasks.finishAttempt(
      { jobId: ref.jobId, taskId: ref.taskId },
      ref.storeToken,
      attemptOutcomeOf(transition, report),
    );
  } catch (error) {
    if (isStoreConflict(error) || isStoreNotFound(error)) throw leaseLost(claimToken);
    throw error;
  }
  ctx.signal.notify(task.poolKey);
  if (transition.state !== "completed") return;
  await applyJobAction(ctx, job.id, transition.exitOptions?.jobAction ?? "none");
  await settleJob(ctx, job.id, task);
}

/**
 * Appends agent output to a task's (or the start task's) `stdout.txt` / `stderr.txt` at
 * `offset`, under a claim the node still holds; returns the file's new length.
 */
export async function appendLog(
  ctx: ServiceContext,
  nodeId: string,
  claimToken: string,
  name: string,
  offsetText: string | undefined,
  bytes: Uint8Array,
): Promise<number> {
  if (!isTaskLogName(name)) {
    throw new BatchError(
      "FileNotFound",
      `Agents append only stdout.txt and stderr.txt, not '${name}'.`,
      {
        PropertyName: "name",
        PropertyValue: name,
      },
    );
  }
  const offset = appendOffset(offsetText);
  const ref = parseClaimToken(claimToken);
  if (ref === undefined) throw leaseLost(claimToken);
  if (ref.kind === "startTask") {
    if (ref.nodeId !== nodeId) throw leaseLost(claimToken);
    return appendFile(ctx, startTaskFilePath(nodeId, name), offset, bytes);
  }
  await heldTask(ctx, nodeId, claimToken, ref);
  return appendFile(ctx, taskFilePath(ref.jobId, ref.taskId, name as TaskLogName), offset, bytes);
}
