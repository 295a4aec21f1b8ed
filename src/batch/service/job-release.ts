// Job release tasks: when a job ends (terminated, completed by its policies, or deleted),
// each node that was handed its preparation task runs the release task, once, handed out
// with the node's heartbeats; `maxWallClockTime` defaults to (and is capped at) 15 minutes.
import type {
  EnvironmentSetting,
  JobReleaseTask,
  TaskAssignment,
  TaskRunOutcome,
} from "../../api/index.js";
import type { JobPreparationRecord, JobRecord, NodeRecord } from "../../store/index.js";
import { toBatchTime } from "../duration.js";
import { defaultJobReleaseTaskId } from "../validation/validate-job.js";
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
  releaseTaskId,
  taskRootDirectory,
} from "./job-node-tasks.js";
import { asJson, jobSpecOf } from "./records.js";
import type { ServiceContext } from "./service-deps.js";
import { isStoreConflict } from "./store-errors.js";

/** Batch's limit on a release task's run: its default and its maximum. */
export const releaseWallClockMs = 15 * 60_000;

/** What a requested release keeps of its job, which may be deleted before the node runs it. */
interface ReleaseSpec {
  readonly release: JobReleaseTask;
  readonly common?: readonly EnvironmentSetting[];
  readonly preparationTaskId: string;
}

/**
 * Asks the nodes that were handed the job's preparation task to run its release task (a job
 * without one asks nothing). Called as the job ends; a second call changes nothing.
 */
export async function requestJobRelease(ctx: ServiceContext, job: JobRecord): Promise<void> {
  const spec = jobSpecOf(job);
  if (spec.jobReleaseTask === undefined || spec.jobPreparationTask === undefined) return;
  const release: ReleaseSpec = {
    release: spec.jobReleaseTask,
    ...(spec.commonEnvironmentSettings === undefined
      ? {}
      : { common: spec.commonEnvironmentSettings }),
    preparationTaskId: preparationTaskId(spec.jobPreparationTask),
  };
  await ctx.preparations.requestRelease(job.id, asJson(release), newRunToken(ctx));
}

/** The release tasks the node must run (those not completed), for its heartbeat answer. */
export async function releaseAssignments(
  ctx: ServiceContext,
  node: NodeRecord,
): Promise<TaskAssignment[]> {
  const now = ctx.clock.now();
  const records = await ctx.preparations.releasesOn(node.id, {
    state: "running",
    startTime: toBatchTime(now),
  });
  return records.map((record) => releaseAssignment(ctx, record, now));
}

function releaseAssignment(
  ctx: ServiceContext,
  record: JobPreparationRecord,
  now: number,
): TaskAssignment {
  const spec = record.releaseSpec as unknown as ReleaseSpec;
  const limit = Math.min(
    wallClockMs(spec.release.maxWallClockTime) ?? releaseWallClockMs,
    releaseWallClockMs,
  );
  return {
    claimToken: jobNodeClaimToken(
      "jobReleaseTask",
      record.releaseToken ?? "",
      record.jobId,
      record.nodeId,
    ),
    kind: "jobReleaseTask",
    poolId: record.poolKey,
    jobId: record.jobId,
    taskId: releaseTaskId(spec.release),
    commandLine: spec.release.commandLine,
    environmentSettings: mergedEnvironment(spec.common, spec.release.environmentSettings),
    resourceFiles: resourceAssignments(spec.release.resourceFiles),
    outputFiles: [],
    maxWallClockTimeMs: limit,
    requiredSlots: 1,
    leaseExpiry: toBatchTime(now + ctx.settings.leaseMs),
    jobPreparationTaskId: spec.preparationTaskId,
    ...identityField(spec.release.userIdentity),
  };
}

/** A release run's completion; false when it is not running on the node (a lost lease). */
export async function completeRelease(
  ctx: ServiceContext,
  nodeId: string,
  ref: { storeToken: string; jobId: string },
  report: TaskRunOutcome,
): Promise<boolean> {
  const rows = await ctx.preparations.listByJob(ref.jobId);
  const row = rows.find((candidate) => candidate.nodeId === nodeId);
  const spec = row?.releaseSpec as unknown as ReleaseSpec | undefined;
  const root = taskRootDirectory(
    ref.jobId,
    spec === undefined ? defaultJobReleaseTaskId : releaseTaskId(spec.release),
  );
  try {
    await ctx.preparations.finishRelease({ jobId: ref.jobId, nodeId }, ref.storeToken, {
      ...finishedInfo(report, root),
    });
    return true;
  } catch (error) {
    if (isStoreConflict(error)) return false;
    throw error;
  }
}
