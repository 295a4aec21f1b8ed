// Completing a claim: Batch's retry, exit-condition and job-ending rules applied to an
// agent's report, and log appends under a held claim.
import type {
  ClaimResponse,
  CompleteManyResponse,
  TaskLogName,
  TaskRunOutcome,
} from "../../api/index.js";
import type { CompletionResult, JobRecord, TaskRecord } from "../../store/index.js";
import { BatchError, isBatchError, notFound } from "../batch-error.js";
import { effectiveMaxTaskRetryCount, finishAttempt } from "../state/task-state.js";
import { appendOffset, claimWork, heldTask, leaseLost } from "./agent-claims.js";
import { validateComplete, validateCompleteMany } from "./agent-requests.js";
import { parseClaimToken } from "./claim-token.js";
import { applyJobAction, settleJob, settleTermination } from "./job-lifecycle.js";
import { completePreparation } from "./job-preparation.js";
import { completeRelease } from "./job-release.js";
import { completeSubtask } from "./multi-instance-instances.js";
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
  const { outcome, claimSlots, retryCount } = validateComplete(body);
  const cache = newCache();
  await completeAttempt(ctx, nodeId, claimToken, outcome, retryCount, cache);
  await settleJobs(ctx, cache);
  for (const pool of cache.pools) ctx.signal.notify(pool);
  return claimSlots === 0 ? undefined : claimAfter(ctx, nodeId, claimSlots, cache);
}

/**
 * Several completions of one node in one call (`completeMany`), each applied as
 * {@link completeClaim} applies one: a stale claim is `leaseLost` in its result and changes
 * nothing, the others are stored. Then one claim (no wait) for `claimSlots`. Jobs are read
 * once per call and settled once per call, and each pool's waiting claims are woken once.
 */
export async function completeMany(
  ctx: ServiceContext,
  nodeId: string,
  body: unknown,
): Promise<CompleteManyResponse> {
  const { items, claimSlots } = validateCompleteMany(body);
  const cache = newCache();
  const results: CompleteManyResponse["results"][number][] = [];
  for (const item of items) {
    try {
      await completeAttempt(ctx, nodeId, item.claimToken, item.outcome, item.retryCount, cache);
      results.push({ claimToken: item.claimToken, result: "completed" });
    } catch (error) {
      if (!isBatchError(error) || error.batchCode !== "LeaseLost") throw error;
      results.push({ claimToken: item.claimToken, result: "leaseLost" });
    }
  }
  await settleJobs(ctx, cache);
  for (const pool of cache.pools) ctx.signal.notify(pool);
  const tasks = claimSlots === 0 ? [] : (await claimAfter(ctx, nodeId, claimSlots, cache)).tasks;
  return { results, tasks };
}

/** What completions of one call share: jobs read, and pools whose claims to wake. */
interface CompletionCache {
  readonly jobs: Map<string, JobRecord>;
  readonly pools: Set<string>;
  /** Per job id, a task of the call that completed. */
  readonly ended: Map<string, TaskRecord>;
}

const newCache = (): CompletionCache => ({ jobs: new Map(), pools: new Set(), ended: new Map() });

async function claimAfter(
  ctx: ServiceContext,
  nodeId: string,
  claimSlots: number,
  cache: CompletionCache,
): Promise<ClaimResponse> {
  try {
    // The claim takes tasks of jobs active now; a job read by this call gives their specs.
    return await claimWork(
      ctx,
      nodeId,
      { freeSlots: claimSlots, waitMs: 0 },
      undefined,
      cache.jobs,
    );
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
  retryCount: number,
  cache: CompletionCache,
): Promise<void> {
  const ref = parseClaimToken(claimToken);
  if (ref === undefined) {
    if (await completeSubtask(ctx, nodeId, claimToken, report)) return;
    throw leaseLost(claimToken);
  }
  if (ref.kind === "startTask") {
    if (ref.nodeId !== nodeId) throw leaseLost(claimToken);
    const node = await ctx.nodes.get(nodeId).catch((error: unknown) => {
      throw isStoreNotFound(error) ? notFound("node", nodeId) : error;
    });
    await applyStartTaskResult(ctx, node, await ctx.pools.get(node.poolKey), report);
    return;
  }
  if (ref.kind === "jobPreparationTask" || ref.kind === "jobReleaseTask") {
    const held =
      ref.nodeId === nodeId &&
      (ref.kind === "jobPreparationTask"
        ? await completePreparation(ctx, nodeId, ref, report, retryCount)
        : await completeRelease(ctx, nodeId, ref, report));
    if (!held) throw leaseLost(claimToken);
    // The last release of a terminating job completes it.
    if (ref.kind === "jobReleaseTask") await settleTermination(ctx, ref.jobId);
    return;
  }
  const task = await heldTask(ctx, nodeId, claimToken, ref);
  const job = cache.jobs.get(task.jobKey) ?? (await ctx.jobs.get(task.jobKey));
  cache.jobs.set(task.jobKey, job);
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
  const jobSpec = jobSpecOf(job);
  const outcome = attemptOutcomeOf(transition, report);
  let stored: CompletionResult;
  try {
    stored = await ctx.tasks.finishAttempt(
      { jobId: ref.jobId, taskId: ref.taskId },
      ref.storeToken,
      // A job without usesTaskDependencies has no dependency edges (Batch refuses dependsOn).
      outcome.kind === "completed" && jobSpec.usesTaskDependencies !== true
        ? { ...outcome, noDependents: true }
        : outcome,
    );
  } catch (error) {
    if (isStoreConflict(error) || isStoreNotFound(error)) throw leaseLost(claimToken);
    throw error;
  }
  cache.pools.add(task.poolKey);
  if (transition.state !== "completed") return;
  const jobAction = transition.exitOptions?.jobAction ?? "none";
  if (jobAction !== "none") {
    cache.jobs.delete(task.jobKey);
    await applyJobAction(ctx, job.id, jobAction);
  }
  // Settled once per job when the call's completions are stored (see settleJobs); the job
  // manager task, if one ended, is the one that counts. A completion whose job (as its own
  // transaction read it) is active, does not end when its tasks do, and has no job manager
  // task (or not this one) needs no settling.
  const manager = jobSpec.jobManagerTask?.id.toLowerCase();
  const isManager = task.id.toLowerCase() === manager;
  if (jobAction === "none" && !isManager && !mayEndJob(stored)) return;
  if (!cache.ended.has(job.id) || isManager) cache.ended.set(job.id, task);
}

/** Whether a stored completion may change its job: false only when it surely cannot. */
function mayEndJob(stored: CompletionResult): boolean {
  if (stored.job === undefined) return true;
  return stored.job.state !== "active" || stored.job.onAllTasksComplete === "terminatejob";
}

/** What the call's completed tasks do to their jobs (`settleJob`), once per job, read afresh. */
async function settleJobs(ctx: ServiceContext, cache: CompletionCache): Promise<void> {
  for (const [jobId, task] of cache.ended) await settleJob(ctx, jobId, task);
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
  if (ref.kind !== "task") {
    // Kept per node, as Batch keeps these tasks' files on the node that ran them.
    if (ref.nodeId !== nodeId) throw leaseLost(claimToken);
    const path = `nodes/${nodeId}/${ref.kind}/${ref.jobId}/${name}`;
    return appendFile(ctx, path, offset, bytes);
  }
  await heldTask(ctx, nodeId, claimToken, ref);
  return appendFile(ctx, taskFilePath(ref.jobId, ref.taskId, name as TaskLogName), offset, bytes);
}
