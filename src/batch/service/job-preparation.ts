// Job preparation tasks on claimed work: the first claim of a job's tasks on a node hands out
// the job's preparation task with them (the tasks wait `preparing`); its completion starts
// them, or, failed under `waitForSuccess`, requeues them and keeps the job off the node.
import type { JobPreparationTask, TaskAssignment, TaskRunOutcome } from "../../api/index.js";
import type {
  JobPreparationRecord,
  JobRecord,
  NodeRecord,
  PoolRecord,
  TaskRecord,
} from "../../store/index.js";
import { toBatchTime } from "../duration.js";
import { preparationStep } from "../scheduling/preparation-step.js";
import {
  identityField,
  mergedEnvironment,
  resourceAssignments,
  wallClockMs,
} from "./assignment.js";
import { jobNodeClaimToken } from "./claim-token.js";
import {
  finishedInfo,
  newRunToken,
  preparationTaskId,
  taskRootDirectory,
} from "./job-node-tasks.js";
import { jobSpecOf } from "./records.js";
import type { ServiceContext } from "./service-deps.js";
import { isStoreConflict, isStoreNotFound } from "./store-errors.js";

/** The node a claim is for: what its job preparation needs of it. */
export type ClaimingNode = Pick<NodeRecord, "id" | "lastBootTime">;

/** A claimed task with its job, as the claim turns it into an assignment. */
export interface ClaimedTask {
  readonly task: TaskRecord;
  readonly job: JobRecord;
  readonly assignment: TaskAssignment;
}

/**
 * Adds the job preparation task to claimed tasks of jobs that have one, as Batch's rules
 * decide for this node (see `preparationStep`); drops tasks of jobs the node may not run
 * (the store requeued them). Tasks of other jobs pass unchanged.
 */
export async function withPreparation(
  ctx: ServiceContext,
  node: ClaimingNode,
  pool: Pick<PoolRecord, "id">,
  claimed: readonly ClaimedTask[],
): Promise<TaskAssignment[]> {
  const byJob = new Map<string, ClaimedTask[]>();
  for (const entry of claimed) {
    if (jobSpecOf(entry.job).jobPreparationTask === undefined) continue;
    byJob.set(entry.job.id, [...(byJob.get(entry.job.id) ?? []), entry]);
  }
  if (byJob.size === 0) return claimed.map((entry) => entry.assignment);
  const prepared = new Map<string, TaskAssignment | "ready" | "blocked">();
  for (const entries of byJob.values()) {
    const job = entries[0]!.job;
    prepared.set(job.id, await begin(ctx, node, pool, job, entries));
  }
  const out: TaskAssignment[] = [];
  for (const entry of claimed) {
    const prep = prepared.get(entry.job.id);
    if (prep === "blocked") continue;
    out.push(
      prep === undefined || prep === "ready"
        ? entry.assignment
        : { ...entry.assignment, jobPreparationTask: prep },
    );
  }
  if (out.length < claimed.length) ctx.signal.notify(pool.id);
  return out;
}

async function begin(
  ctx: ServiceContext,
  node: ClaimingNode,
  pool: Pick<PoolRecord, "id">,
  job: JobRecord,
  entries: readonly ClaimedTask[],
): Promise<TaskAssignment | "ready" | "blocked"> {
  const prep = jobSpecOf(job).jobPreparationTask as JobPreparationTask;
  const token = newRunToken(ctx);
  const now = ctx.clock.now();
  const { decision, record } = await ctx.preparations.begin({
    jobId: job.id,
    nodeId: node.id,
    poolId: pool.id,
    taskTokens: entries.map((entry) => entry.task.claimToken ?? ""),
    token,
    info: {
      state: "running",
      startTime: toBatchTime(now),
      retryCount: 0,
      taskRootDirectory: taskRootDirectory(job.id, preparationTaskId(prep)),
    },
    decide: (current) =>
      preparationStep(current && viewOf(current), {
        lastBootTime: node.lastBootTime,
        ...(prep.rerunOnNodeRebootAfterSuccess === undefined
          ? {}
          : { rerunOnNodeRebootAfterSuccess: prep.rerunOnNodeRebootAfterSuccess }),
      }),
  });
  if (decision === "ready" || decision === "blocked") return decision;
  return preparationAssignment(ctx, job, pool, node.id, prep, record.prepToken ?? token);
}

function viewOf(record: JobPreparationRecord) {
  return {
    state: record.prepState,
    start: record.prepStart,
    succeeded: record.prepInfo.result === "success",
    blocked: record.blocked,
  };
}

function preparationAssignment(
  ctx: ServiceContext,
  job: JobRecord,
  pool: Pick<PoolRecord, "id">,
  nodeId: string,
  prep: JobPreparationTask,
  token: string,
): TaskAssignment {
  const id = preparationTaskId(prep);
  const limit = wallClockMs(prep.constraints?.maxWallClockTime);
  return {
    claimToken: jobNodeClaimToken("jobPreparationTask", token, job.id, nodeId),
    kind: "jobPreparationTask",
    poolId: pool.id,
    jobId: job.id,
    taskId: id,
    commandLine: prep.commandLine,
    environmentSettings: mergedEnvironment(
      jobSpecOf(job).commonEnvironmentSettings,
      prep.environmentSettings,
    ),
    resourceFiles: resourceAssignments(prep.resourceFiles),
    outputFiles: [],
    ...(limit === undefined ? {} : { maxWallClockTimeMs: limit }),
    requiredSlots: 1,
    leaseExpiry: toBatchTime(ctx.clock.now() + ctx.settings.leaseMs),
    jobPreparationTaskId: id,
    waitForSuccess: prep.waitForSuccess ?? true,
    maxTaskRetryCount: prep.constraints?.maxTaskRetryCount ?? 0,
    ...identityField(prep.userIdentity),
  };
}

/**
 * A preparation run's completion: the node's waiting tasks of the job start; after a failure
 * under `waitForSuccess` they are requeued instead and the job's tasks stay off the node.
 * False when the run is no longer current (the node rebooted since): a lost lease.
 */
export async function completePreparation(
  ctx: ServiceContext,
  nodeId: string,
  ref: { storeToken: string; jobId: string },
  report: TaskRunOutcome,
  retryCount: number,
): Promise<boolean> {
  const job = await ctx.jobs.get(ref.jobId).catch((error: unknown) => {
    if (isStoreNotFound(error)) return undefined;
    throw error;
  });
  const prep = job === undefined ? undefined : jobSpecOf(job).jobPreparationTask;
  const blocked = report.result !== "success" && prep?.waitForSuccess !== false;
  const root = taskRootDirectory(
    ref.jobId,
    prep === undefined ? "jobpreparation" : preparationTaskId(prep),
  );
  const now = toBatchTime(ctx.clock.now());
  const info = finishedInfo(report, root, {
    retryCount,
    ...(retryCount > 0 ? { lastRetryTime: now } : {}),
  });
  try {
    const record = await ctx.preparations.finish({ jobId: ref.jobId, nodeId }, ref.storeToken, {
      info,
      tasks: blocked ? "requeue" : "run",
      blocked,
    });
    if (blocked) ctx.signal.notify(record.poolKey);
    return true;
  } catch (error) {
    if (isStoreConflict(error)) return false;
    throw error;
  }
}
