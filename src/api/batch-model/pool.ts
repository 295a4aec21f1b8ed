// Pools and compute nodes with Batch's REST field names. Times are ISO 8601 strings
// (`2024-05-01T12:00:00.000Z`) as on the wire.
import type {
  AllocationState,
  ComputeNodeDeallocationOption,
  ComputeNodeFillType,
  ComputeNodeRebootOption,
  ComputeNodeState,
  DisableComputeNodeSchedulingOption,
  NodeCommunicationMode,
  PoolState,
  SchedulingState,
  StartTaskState,
  TaskExecutionResult,
  TaskState,
} from "./enums.js";
import type {
  CertificateReference,
  CloudServiceConfiguration,
  MountConfiguration,
  NetworkConfiguration,
  UserAccount,
  VirtualMachineConfiguration,
} from "./pool-parts.js";
import type {
  ApplicationPackageReference,
  EnvironmentSetting,
  MetadataItem,
  NameValuePair,
  ResourceFile,
  TaskContainerExecutionInformation,
  TaskContainerSettings,
  TaskFailureInformation,
  UserIdentity,
} from "./task-parts.js";
import type { TaskExecutionInformation } from "./task.js";

/** How tasks spread over nodes; `nodeFillType` default `spread`. */
export interface TaskSchedulingPolicy {
  readonly nodeFillType: ComputeNodeFillType;
}

/**
 * Runs on each node as it joins (and after a reboot). With `waitForSuccess` (default true)
 * no task is scheduled on the node until it succeeds; a failure after `maxTaskRetryCount`
 * retries (default 0, -1 = unlimited) leaves the node `starttaskfailed`.
 */
export interface StartTask {
  readonly commandLine: string;
  readonly containerSettings?: TaskContainerSettings;
  readonly resourceFiles?: readonly ResourceFile[];
  readonly environmentSettings?: readonly EnvironmentSetting[];
  readonly userIdentity?: UserIdentity;
  readonly maxTaskRetryCount?: number;
  readonly waitForSuccess?: boolean;
}

/** The body of `POST /pools`. */
export interface PoolAddParameter {
  /** ≤ 64 letters, digits, `-`, `_`; unique regardless of case. */
  readonly id: string;
  readonly displayName?: string;
  readonly vmSize: string;
  readonly cloudServiceConfiguration?: CloudServiceConfiguration;
  readonly virtualMachineConfiguration?: VirtualMachineConfiguration;
  /** Default `PT15M`, at least 5 minutes. */
  readonly resizeTimeout?: string;
  /** Default 0. */
  readonly targetDedicatedNodes?: number;
  /** Default 0. */
  readonly targetLowPriorityNodes?: number;
  /** Default false; true needs `autoScaleFormula` and forbids target node counts. */
  readonly enableAutoScale?: boolean;
  readonly autoScaleFormula?: string;
  /** Default `PT15M`, from 5 minutes to 168 hours. */
  readonly autoScaleEvaluationInterval?: string;
  readonly enableInterNodeCommunication?: boolean;
  readonly networkConfiguration?: NetworkConfiguration;
  readonly startTask?: StartTask;
  readonly certificateReferences?: readonly CertificateReference[];
  readonly applicationPackageReferences?: readonly ApplicationPackageReference[];
  readonly applicationLicenses?: readonly string[];
  /** Tasks a node runs at once; default 1, 1..256. */
  readonly taskSlotsPerNode?: number;
  readonly taskSchedulingPolicy?: TaskSchedulingPolicy;
  readonly userAccounts?: readonly UserAccount[];
  readonly metadata?: readonly MetadataItem[];
  readonly mountConfiguration?: readonly MountConfiguration[];
  readonly targetNodeCommunicationMode?: NodeCommunicationMode;
  /**
   * Sluice's one extension to Batch's pool. Default false: the pool is embedded, and the
   * server spawns local node agents (child processes) to match `targetDedicatedNodes`.
   * True: the server spawns nothing and the pool's nodes are agents that join from other
   * machines (`sluice node --server URL --pool ID`). Cannot be changed after creation.
   */
  readonly sluiceExternalNodes?: boolean;
}

/** The body of `PATCH /pools/{id}`: fields present replace the stored ones. */
export interface PoolPatchParameter {
  readonly startTask?: StartTask;
  readonly certificateReferences?: readonly CertificateReference[];
  readonly applicationPackageReferences?: readonly ApplicationPackageReference[];
  readonly metadata?: readonly MetadataItem[];
  readonly targetNodeCommunicationMode?: NodeCommunicationMode;
}

/** The body of `POST /pools/{id}/updateproperties`: replaces all of these (absent = cleared). */
export interface PoolUpdatePropertiesParameter {
  readonly startTask?: StartTask;
  readonly certificateReferences: readonly CertificateReference[];
  readonly applicationPackageReferences: readonly ApplicationPackageReference[];
  readonly metadata: readonly MetadataItem[];
  readonly targetNodeCommunicationMode?: NodeCommunicationMode;
}

/** The body of `POST /pools/{id}/resize`; `nodeDeallocationOption` default `requeue`. */
export interface PoolResizeParameter {
  readonly targetDedicatedNodes?: number;
  readonly targetLowPriorityNodes?: number;
  readonly resizeTimeout?: string;
  readonly nodeDeallocationOption?: ComputeNodeDeallocationOption;
}

/** The body of `POST /pools/{id}/removenodes`: at most 100 node ids. */
export interface NodeRemoveParameter {
  readonly nodeList: readonly string[];
  readonly resizeTimeout?: string;
  readonly nodeDeallocationOption?: ComputeNodeDeallocationOption;
}

export interface PoolEnableAutoScaleParameter {
  readonly autoScaleFormula?: string;
  readonly autoScaleEvaluationInterval?: string;
}

/** The body of `POST /pools/{id}/evaluateautoscale`: the formula to try (not applied). */
export interface PoolEvaluateAutoScaleParameter {
  readonly autoScaleFormula: string;
}

/** An error from the last resize. */
export interface ResizeError {
  readonly code?: string;
  readonly message?: string;
  readonly values?: readonly NameValuePair[];
}

export interface AutoScaleRunError {
  readonly code?: string;
  readonly message?: string;
  readonly values?: readonly NameValuePair[];
}

export interface AutoScaleRun {
  readonly timestamp: string;
  readonly results?: string;
  readonly error?: AutoScaleRunError;
}

/** A pool as `GET /pools/{id}` returns it. */
export interface CloudPool extends Omit<PoolAddParameter, "id" | "vmSize"> {
  readonly id: string;
  readonly vmSize: string;
  readonly url?: string;
  readonly eTag?: string;
  readonly lastModified?: string;
  readonly creationTime?: string;
  readonly state: PoolState;
  readonly stateTransitionTime?: string;
  readonly allocationState: AllocationState;
  readonly allocationStateTransitionTime?: string;
  readonly resizeErrors?: readonly ResizeError[];
  readonly currentDedicatedNodes?: number;
  readonly currentLowPriorityNodes?: number;
  readonly autoScaleRun?: AutoScaleRun;
  readonly currentNodeCommunicationMode?: NodeCommunicationMode;
}

/** The start task's last run on a node. */
export interface StartTaskInformation {
  readonly state: StartTaskState;
  readonly startTime: string;
  readonly endTime?: string;
  readonly exitCode?: number;
  readonly containerInfo?: TaskContainerExecutionInformation;
  readonly failureInfo?: TaskFailureInformation;
  readonly retryCount: number;
  readonly lastRetryTime?: string;
  readonly result?: TaskExecutionResult;
}

/** A task a node ran recently. */
export interface TaskInformation {
  readonly taskUrl?: string;
  readonly jobId?: string;
  readonly taskId?: string;
  readonly subtaskId?: number;
  readonly taskState: TaskState;
  readonly executionInfo?: TaskExecutionInformation;
}

export interface ComputeNodeError {
  readonly code?: string;
  readonly message?: string;
  readonly errorDetails?: readonly NameValuePair[];
}

export interface NodeAgentInformation {
  readonly version: string;
  readonly lastUpdateTime: string;
}

/** A compute node as `GET /pools/{id}/nodes/{nodeId}` returns it. */
export interface ComputeNode {
  readonly id: string;
  readonly url?: string;
  readonly state: ComputeNodeState;
  readonly schedulingState: SchedulingState;
  readonly stateTransitionTime?: string;
  readonly lastBootTime?: string;
  readonly allocationTime?: string;
  readonly ipAddress?: string;
  readonly affinityId?: string;
  readonly vmSize?: string;
  readonly totalTasksRun?: number;
  readonly runningTasksCount?: number;
  readonly runningTaskSlotsCount?: number;
  readonly totalTasksSucceeded?: number;
  readonly recentTasks?: readonly TaskInformation[];
  readonly startTask?: StartTask;
  readonly startTaskInfo?: StartTaskInformation;
  readonly certificateReferences?: readonly CertificateReference[];
  readonly errors?: readonly ComputeNodeError[];
  readonly isDedicated?: boolean;
  readonly nodeAgentInfo?: NodeAgentInformation;
}

export interface NodeRebootParameter {
  readonly nodeRebootOption?: ComputeNodeRebootOption;
}

export interface NodeReimageParameter {
  readonly nodeReimageOption?: ComputeNodeRebootOption;
}

export interface NodeDisableSchedulingParameter {
  readonly nodeDisableSchedulingOption?: DisableComputeNodeSchedulingOption;
}

/** Per-state node counts of `GET /nodecounts`. */
export interface NodeCounts {
  readonly creating: number;
  readonly idle: number;
  readonly offline: number;
  readonly preempted: number;
  readonly rebooting: number;
  readonly reimaging: number;
  readonly running: number;
  readonly starting: number;
  readonly startTaskFailed: number;
  readonly leavingPool: number;
  readonly unknown: number;
  readonly unusable: number;
  readonly waitingForStartTask: number;
  readonly total: number;
}
