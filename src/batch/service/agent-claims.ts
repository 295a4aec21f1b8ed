// The agent protocol's work side: claim tasks (a long poll), complete them, append logs.
import type { ClaimResponse, TaskAssignment } from "../../api/index.js";
import type { JobRecord, NodeRecord, PoolRecord, TaskRecord } from "../../store/index.js";
import { BatchError, notFound } from "../batch-error.js";
import { toBatchTime } from "../duration.js";
import { canRunTasks } from "../state/node-state.js";
import { validateClaim } from "./agent-requests.js";
import {
  mergedEnvironment,
  outputAssignments,
  resourceAssignments,
  wallClockMs,
} from "./assignment.js";
import { taskClaimToken } from "./claim-token.js";
import { jobSpecOf, taskSpecOf } from "./records.js";
import type { ServiceContext } from "./service-deps.js";
import { isStoreNotFound } from "./store-errors.js";

/** The default time a claim waits for work. */
export const defaultClaimWaitMs = 20_000;

/** The error for a claim the node no longer holds. */
export function leaseLost(claimToken: string): BatchError {
  return new BatchError(
    "LeaseLost",
    `Claim '${claimToken}' is no longer held by this node (the task was requeued, terminated, deleted or given to another node); drop its result.`,
    { PropertyName: "claimToken", PropertyValue: claimToken },
  );
}

async function nodeOrNotFound(ctx: ServiceContext, nodeId: string): Promise<NodeRecord> {
  try {
    return await ctx.nodes.get(nodeId);
  } catch (error) {
    if (isStoreNotFound(error)) throw notFound("node", nodeId);
    throw error;
  }
}

/**
 * Claims work for a node: up to its free slots of ready tasks of its pool, each leased for
 * `leaseMs`. When none is ready it waits up to `waitMs` (default 20 s), woken at once when
 * tasks are added or freed in the pool, and re-reading the store every `claimRecheckMs`
 * (other servers may add work). A node that may not run tasks (waiting for its start task,
 * leaving, unusable) gets none.
 */
export async function claimWork(
  ctx: ServiceContext,
  nodeId: string,
  body: unknown,
  abort?: AbortSignal,
): Promise<ClaimResponse> {
  const request = validateClaim(body);
  const waitMs = request.waitMs ?? defaultClaimWaitMs;
  const timeout = AbortSignal.timeout(waitMs);
  const over = abort === undefined ? timeout : AbortSignal.any([abort, timeout]);
  for (let first = true; ; first = false) {
    const node = await nodeOrNotFound(ctx, nodeId);
    if (node.state === "leavingpool") return { tasks: [] };
    const tasks = await claimOnce(ctx, node, request.freeSlots);
    if (tasks.length > 0 || over.aborted || (first && waitMs === 0)) return { tasks };
    await ctx.signal.wait(node.poolKey, ctx.settings.claimRecheckMs, over);
    if (over.aborted) return { tasks: [] };
  }
}

async function claimOnce(
  ctx: ServiceContext,
  node: NodeRecord,
  freeSlots: number,
): Promise<TaskAssignment[]> {
  const view = { state: node.state, schedulingState: node.schedulingState, runningTaskSlots: 0 };
  const free = Math.min(freeSlots, node.taskSlots - node.runningTaskSlotsCount);
  if (!canRunTasks(view) || free <= 0) return [];
  const pool = await ctx.pools.get(node.poolKey);
  if (pool.state === "deleting") return [];
  const claimed = await ctx.tasks.claim({
    poolId: pool.id,
    nodeId: node.id,
    freeSlots: free,
    leaseMs: ctx.settings.leaseMs,
    maxTasks: free,
  });
  const jobs = new Map<string, JobRecord>();
  const assignments: TaskAssignment[] = [];
  for (const task of claimed) {
    const job = jobs.get(task.jobKey) ?? (await ctx.jobs.get(task.jobKey));
    jobs.set(task.jobKey, job);
    assignments.push(assignmentOf(task, job, pool));
  }
  return assignments;
}

/** A claimed task as the agent runs it. */
export function assignmentOf(task: TaskRecord, job: JobRecord, pool: PoolRecord): TaskAssignment {
  const spec = taskSpecOf(task);
  const jobSpec = jobSpecOf(job);
  const limit = wallClockMs(spec.constraints?.maxWallClockTime);
  return {
    claimToken: taskClaimToken(task.claimToken ?? "", job.id, task.id),
    kind: "task",
    poolId: pool.id,
    jobId: job.id,
    taskId: task.id,
    commandLine: spec.commandLine,
    environmentSettings: mergedEnvironment(
      jobSpec.commonEnvironmentSettings,
      spec.environmentSettings,
    ),
    resourceFiles: resourceAssignments(spec.resourceFiles),
    outputFiles: outputAssignments(spec.outputFiles),
    ...(limit === undefined ? {} : { maxWallClockTimeMs: limit }),
    requiredSlots: task.requiredSlots,
    leaseExpiry: toBatchTime(task.leaseExpiry ?? 0),
  };
}

/** The task a claim token holds on this node, or `LeaseLost`. */
export async function heldTask(
  ctx: ServiceContext,
  nodeId: string,
  claimToken: string,
  ref: { storeToken: string; jobId: string; taskId: string },
): Promise<TaskRecord> {
  let task: TaskRecord;
  try {
    task = await ctx.tasks.get({ jobId: ref.jobId, taskId: ref.taskId });
  } catch (error) {
    if (isStoreNotFound(error)) throw leaseLost(claimToken);
    throw error;
  }
  if (task.state !== "running" || task.claimToken !== ref.storeToken || task.nodeId !== nodeId) {
    throw leaseLost(claimToken);
  }
  return task;
}

/** Reads `?offset=` of a log append. */
export function appendOffset(text: string | undefined): number {
  const offset = text === undefined ? Number.NaN : Number(text);
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new BatchError(
      "InvalidQueryParameterValue",
      `offset '${text ?? ""}' is not valid: give the number of bytes of this file already sent (an integer >= 0).`,
      { PropertyName: "offset", PropertyValue: text ?? "" },
    );
  }
  return offset;
}
