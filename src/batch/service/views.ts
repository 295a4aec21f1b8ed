// Stored records as Batch's REST shapes (CloudPool, ComputeNode, CloudJob, CloudTask), with
// Batch's defaults filled in and Sluice's internal bookkeeping left out.
import type {
  CloudJob,
  CloudPool,
  CloudTask,
  ComputeNode,
  TaskFailureInformation,
} from "../../api/index.js";
import type { JsonObject } from "../../core/index.js";
import type { JobRecord, NodeRecord, PoolRecord, TaskRecord } from "../../store/index.js";
import { infiniteDuration, toBatchTime } from "../duration.js";
import { effectiveMaxTaskRetryCount } from "../state/task-state.js";
import { defaultEvaluationInterval } from "./autoscale-run.js";
import { internalKey, jobSpecOf, omitKeys, taskSpecOf } from "./records.js";

const optionalTime = (ms: number | null | undefined): string | undefined =>
  ms === null || ms === undefined ? undefined : toBatchTime(ms);

/** Drops undefined fields, so JSON bodies hold only what is set. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

function withoutInternal(spec: JsonObject): JsonObject {
  return omitKeys(spec, [internalKey]);
}

/** A pool as `GET /pools/{id}` returns it; `liveNodes` are its nodes not leaving. */
export function toCloudPool(pool: PoolRecord, liveNodes: number, baseUrl: string): CloudPool {
  const spec = withoutInternal(pool.spec) as unknown as Partial<CloudPool>;
  return compact({
    ...spec,
    id: pool.id,
    url: `${baseUrl}/pools/${pool.id}`,
    eTag: pool.etag,
    lastModified: toBatchTime(pool.lastModified),
    creationTime: toBatchTime(pool.creationTime),
    state: pool.state,
    stateTransitionTime: toBatchTime(pool.stateTransitionTime),
    allocationState: pool.allocationState,
    allocationStateTransitionTime: toBatchTime(pool.allocationStateTransitionTime),
    vmSize: spec.vmSize ?? "",
    resizeTimeout: spec.resizeTimeout ?? "PT15M",
    currentDedicatedNodes: liveNodes,
    currentLowPriorityNodes: 0,
    targetDedicatedNodes: pool.targetDedicatedNodes,
    targetLowPriorityNodes: spec.targetLowPriorityNodes ?? 0,
    enableAutoScale: spec.enableAutoScale ?? false,
    // Batch sets these (the interval's default included) only while the pool autoscales.
    autoScaleEvaluationInterval: spec.enableAutoScale
      ? (spec.autoScaleEvaluationInterval ?? defaultEvaluationInterval)
      : undefined,
    autoScaleRun: spec.enableAutoScale ? spec.autoScaleRun : undefined,
    enableInterNodeCommunication: spec.enableInterNodeCommunication ?? false,
    taskSlotsPerNode: pool.taskSlotsPerNode,
    taskSchedulingPolicy: { nodeFillType: pool.nodeFillType },
    sluiceExternalNodes: spec.sluiceExternalNodes ?? false,
  });
}

/** The state Batch shows: an idle or running node is `running` exactly while it runs tasks. */
function shownNodeState(node: NodeRecord): ComputeNode["state"] {
  if (node.state !== "idle" && node.state !== "running") return node.state;
  if (node.runningTasksCount > 0) return "running";
  return node.schedulingState === "disabled" ? "offline" : "idle";
}

/** A node as `GET /pools/{poolId}/nodes/{nodeId}` returns it. */
export function toComputeNode(node: NodeRecord, pool: PoolRecord, baseUrl: string): ComputeNode {
  const info = node.info as {
    startTaskInfo?: ComputeNode["startTaskInfo"];
    agentVersion?: string;
    ipAddress?: string;
  };
  const startTask = (pool.spec as { startTask?: ComputeNode["startTask"] }).startTask;
  return compact({
    id: node.id,
    url: `${baseUrl}/pools/${pool.id}/nodes/${node.id}`,
    state: shownNodeState(node),
    schedulingState: node.schedulingState,
    stateTransitionTime: toBatchTime(node.stateTransitionTime),
    lastBootTime: optionalTime(node.lastBootTime),
    allocationTime: toBatchTime(node.allocationTime),
    affinityId: node.id,
    ipAddress: info.ipAddress,
    vmSize: (pool.spec as { vmSize?: string }).vmSize,
    totalTasksRun: node.totalTasksRun,
    runningTasksCount: node.runningTasksCount,
    runningTaskSlotsCount: node.runningTaskSlotsCount,
    totalTasksSucceeded: node.totalTasksSucceeded,
    startTask,
    startTaskInfo: info.startTaskInfo,
    isDedicated: true,
    nodeAgentInfo:
      info.agentVersion === undefined
        ? undefined
        : { version: info.agentVersion, lastUpdateTime: toBatchTime(node.allocationTime) },
  });
}

/** A job as `GET /jobs/{id}` returns it. */
export function toCloudJob(job: JobRecord, baseUrl: string): CloudJob {
  const spec = jobSpecOf(job);
  return compact({
    ...spec,
    id: job.id,
    url: `${baseUrl}/jobs/${job.id}`,
    eTag: job.etag,
    lastModified: toBatchTime(job.lastModified),
    creationTime: toBatchTime(job.creationTime),
    state: job.state,
    stateTransitionTime: toBatchTime(job.stateTransitionTime),
    previousState: job.previousState ?? undefined,
    previousStateTransitionTime: optionalTime(job.previousStateTransitionTime),
    priority: job.priority,
    maxParallelTasks: job.maxParallelTasks,
    onAllTasksComplete: job.onAllTasksComplete as CloudJob["onAllTasksComplete"],
    onTaskFailure: job.onTaskFailure as CloudJob["onTaskFailure"],
    usesTaskDependencies: spec.usesTaskDependencies ?? false,
    allowTaskPreemption: spec.allowTaskPreemption ?? false,
    constraints: {
      maxWallClockTime: spec.constraints?.maxWallClockTime ?? infiniteDuration,
      maxTaskRetryCount: spec.constraints?.maxTaskRetryCount ?? 0,
    },
    executionInfo: shownExecutionInfo(job),
  });
}

/** A task as `GET /jobs/{jobId}/tasks/{taskId}` returns it; `job` supplies inherited limits. */
export function toCloudTask(task: TaskRecord, job: JobRecord, baseUrl: string): CloudTask {
  const spec = taskSpecOf(task);
  const jobConstraints = jobSpecOf(job).constraints;
  return compact({
    ...spec,
    id: task.id,
    url: `${baseUrl}/jobs/${job.id}/tasks/${task.id}`,
    eTag: task.etag,
    lastModified: toBatchTime(task.lastModified),
    creationTime: toBatchTime(task.creationTime),
    state: task.state,
    stateTransitionTime: toBatchTime(task.stateTransitionTime),
    previousState: task.previousState ?? undefined,
    previousStateTransitionTime: optionalTime(task.previousStateTransitionTime),
    requiredSlots: task.requiredSlots,
    constraints: {
      maxWallClockTime: spec.constraints?.maxWallClockTime ?? infiniteDuration,
      retentionTime: spec.constraints?.retentionTime ?? "P7D",
      maxTaskRetryCount: effectiveMaxTaskRetryCount(spec.constraints, jobConstraints),
    },
    executionInfo: compact({
      startTime: optionalTime(task.startTime),
      endTime: optionalTime(task.endTime),
      exitCode: task.exitCode ?? undefined,
      failureInfo: (task.failureInfo ?? undefined) as TaskFailureInformation | undefined,
      retryCount: task.retryCount,
      lastRetryTime: optionalTime(task.lastRetryTime),
      requeueCount: task.requeueCount,
      lastRequeueTime: optionalTime(task.lastRequeueTime),
      result: task.result ?? undefined,
    }),
    nodeInfo:
      task.nodeId === null
        ? undefined
        : {
            affinityId: task.nodeId,
            poolId: poolIdOf(job),
            nodeId: task.nodeId,
            nodeUrl: `${baseUrl}/pools/${poolIdOf(job)}/nodes/${task.nodeId}`,
            taskRootDirectory: `workitems/${job.id}/job-1/${task.id}`,
          },
  });
}

/** The pool id a job names, as the user wrote it. */
export function poolIdOf(job: JobRecord): string {
  return jobSpecOf(job).poolInfo?.poolId ?? job.poolKey;
}

/** Batch's `NodeFile`: an entry of `GET /pools/{p}/nodes/{n}/files`. */
export interface NodeFile {
  readonly name: string;
  readonly url: string;
  readonly isDirectory: boolean;
  readonly properties: {
    readonly creationTime: string;
    readonly lastModified: string;
    readonly contentLength: number;
    readonly contentType?: string;
  };
}

/** A node file entry as Batch lists it; `nodeUrl` is `<base>/pools/<p>/nodes/<n>`. */
export function toNodeFile(
  entry: {
    readonly name: string;
    readonly isDirectory: boolean;
    readonly size: number;
    readonly lastModified: number;
    readonly creationTime: number;
  },
  nodeUrl: string,
): NodeFile {
  return {
    name: entry.name,
    url: `${nodeUrl}/files/${entry.name.split("/").map(encodeURIComponent).join("/")}`,
    isDirectory: entry.isDirectory,
    properties: {
      creationTime: toBatchTime(entry.creationTime),
      lastModified: toBatchTime(entry.lastModified),
      contentLength: entry.size,
      ...(entry.isDirectory ? {} : { contentType: "text/plain" }),
    },
  };
}

/** The job's executionInfo without Sluice's bookkeeping (a terminating job's pending reason). */
function shownExecutionInfo(job: JobRecord): CloudJob["executionInfo"] {
  return omitKeys(job.executionInfo, [internalKey]) as unknown as CloudJob["executionInfo"];
}
