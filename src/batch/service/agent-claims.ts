// The agent protocol's work side: claim tasks (a long poll), complete them, append logs.
import type { ClaimResponse, TaskAssignment } from "../../api/index.js";
import type {
  ClaimAdmission,
  ClaimNode,
  JobRecord,
  NodeRecord,
  PoolLoad,
  PoolRecord,
  TaskRecord,
} from "../../store/index.js";
import { BatchError, notFound } from "../batch-error.js";
import { toBatchTime } from "../duration.js";
import { spreadAllowance, staysLeastLoaded } from "../scheduling/spread-allowance.js";
import { canRunTasks } from "../state/node-state.js";
import { validateClaim } from "./agent-requests.js";
import {
  identityField,
  mergedEnvironment,
  outputAssignments,
  resourceAssignments,
  wallClockMs,
} from "./assignment.js";
import { taskClaimToken } from "./claim-token.js";
import { preparationTaskId } from "./job-node-tasks.js";
import { claimGangWork } from "./multi-instance-claims.js";
import { withPreparation, type ClaimedTask } from "./job-preparation.js";
import { packagesFor } from "./task-packages.js";
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

/**
 * Claims work for a node: up to its free slots of ready tasks of its pool, each leased for
 * `leaseMs`. When none is ready it waits up to `waitMs` (default 20 s), woken at once when
 * tasks are added or freed in the pool, and re-reading the store every `claimRecheckMs`
 * (other servers may add work). A node that may not run tasks (waiting for its start task,
 * leaving, unusable, its scheduling disabled) gets none: the claim's transaction reads the
 * node, so a change committed before it counts. `jobs` holds jobs the caller read moments
 * ago (by key).
 */
export async function claimWork(
  ctx: ServiceContext,
  nodeId: string,
  body: unknown,
  abort?: AbortSignal,
  jobs: Map<string, JobRecord> = new Map(),
): Promise<ClaimResponse> {
  const request = validateClaim(body);
  const waitMs = request.waitMs ?? defaultClaimWaitMs;
  let over: AbortSignal | undefined;
  for (;;) {
    const { node, tasks } = await claimOnce(ctx, nodeId, request.freeSlots, jobs);
    if (node.state === "leavingpool") return { tasks: [] };
    if (tasks.length > 0 || waitMs === 0 || over?.aborted === true) return { tasks };
    // Made only when the claim waits: a claim that returns at once needs no timer.
    over ??= waitSignal(waitMs, abort);
    if (over.aborted) return { tasks };
    await ctx.signal.wait(node.poolKey, ctx.settings.claimRecheckMs, over);
    if (over.aborted) return { tasks: [] };
  }
}

function waitSignal(waitMs: number, abort: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(waitMs);
  return abort === undefined ? timeout : AbortSignal.any([abort, timeout]);
}

async function claimOnce(
  ctx: ServiceContext,
  nodeId: string,
  freeSlots: number,
  jobs: Map<string, JobRecord>,
): Promise<{ node: ClaimNode; tasks: TaskAssignment[] }> {
  // Multi-instance tasks first (nothing to do, at no cost, in pools without any).
  const gang = await claimGangWork(ctx, nodeId, freeSlots, assignmentOf);
  if (gang !== undefined) return gang;
  const { node, tasks: claimed } = await ctx.tasks.claimForNode({
    nodeId,
    freeSlots,
    leaseMs: ctx.settings.leaseMs,
    maxTasks: freeSlots,
    admit: (claimer) => admission(claimer, freeSlots),
  });
  if (node === undefined) throw notFound("node", nodeId);
  if (claimed.length === 0) return { node, tasks: [] };
  const pool = { id: node.poolId };
  const entries: ClaimedTask[] = [];
  for (const task of claimed) {
    const job = jobs.get(task.jobKey) ?? (await ctx.jobs.get(task.jobKey));
    jobs.set(task.jobKey, job);
    const packages = await packagesFor(ctx, node.poolId, task);
    const assignment = assignmentOf(task, job, pool);
    entries.push({
      task,
      job,
      assignment: packages.length ? { ...assignment, applicationPackages: packages } : assignment,
    });
  }
  const claimer = { id: node.id, lastBootTime: node.lastBootTime };
  return { node, tasks: await withPreparation(ctx, claimer, pool, entries) };
}

/** What a node may claim as its claim's transaction reads it and its pool. */
function admission(node: ClaimNode, freeSlots: number): ClaimAdmission {
  const view = {
    state: node.state as NodeRecord["state"],
    schedulingState: node.schedulingState as NodeRecord["schedulingState"],
    runningTaskSlots: 0,
  };
  if (node.poolState === "deleting" || !canRunTasks(view)) return { slots: 0 };
  const free = Math.min(freeSlots, node.slots - node.runningSlots);
  if (free <= 0 || node.nodeFillType !== "spread") return { slots: free };
  return { slots: free, slotLimit: spreadLimit(node, free) };
}

/**
 * `spread`: the node takes only its even share of the pool's ready work, judged against the
 * pool's nodes that may run tasks, in the claim's own transaction. (`pack` needs no limit: a
 * node takes its free slots.) The queue is read only when taking all free slots could make
 * this node busier than another that could still take work.
 */
function spreadLimit(node: ClaimNode, free: number): (load: PoolLoad) => Promise<number> {
  return async (load) => {
    const schedulable = load.nodes.filter((other) =>
      canRunTasks({
        state: other.state as NodeRecord["state"],
        schedulingState: other.schedulingState as NodeRecord["schedulingState"],
        runningTaskSlots: other.runningSlots,
      }),
    );
    const mine = load.nodes.find((other) => other.id === node.id);
    const claimer = {
      id: node.id,
      slots: mine?.slots ?? node.slots,
      runningSlots: mine?.runningSlots ?? node.runningSlots,
    };
    if (staysLeastLoaded(claimer, schedulable, free)) return free;
    const poolSlots = schedulable.reduce((sum, other) => sum + other.slots, claimer.slots);
    const readySlots = await load.readySlots(poolSlots);
    return spreadAllowance({ claimer, nodes: schedulable, readySlots });
  };
}

/** A claimed task as the agent runs it. */
export function assignmentOf(
  task: TaskRecord,
  job: JobRecord,
  pool: Pick<PoolRecord, "id">,
): TaskAssignment {
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
    ...identityField(spec.userIdentity),
    ...(jobSpec.jobPreparationTask === undefined
      ? {}
      : { jobPreparationTaskId: preparationTaskId(jobSpec.jobPreparationTask) }),
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
