// Tasks with Batch's REST field names; times are ISO 8601 strings.
import type { TaskAddStatus, TaskExecutionResult, TaskState } from "./enums.js";
import type { BatchErrorBody } from "./error-body.js";
import type {
  ApplicationPackageReference,
  AuthenticationTokenSettings,
  EnvironmentSetting,
  ExitConditions,
  OutputFile,
  ResourceFile,
  TaskConstraints,
  TaskContainerExecutionInformation,
  TaskContainerSettings,
  TaskFailureInformation,
  UserIdentity,
} from "./task-parts.js";

/** An inclusive range of integer task ids (`"1"`..`"100"`). */
export interface TaskIdRange {
  readonly start: number;
  readonly end: number;
}

/** Tasks that must complete successfully (or be satisfied) before this one runs. */
export interface TaskDependencies {
  readonly taskIds?: readonly string[];
  readonly taskIdRanges?: readonly TaskIdRange[];
}

export interface AffinityInformation {
  readonly affinityId: string;
}

export interface MultiInstanceSettings {
  readonly numberOfInstances?: number;
  readonly coordinationCommandLine: string;
  readonly commonResourceFiles?: readonly ResourceFile[];
}

/** The body of `POST /jobs/{id}/tasks` and each entry of `addtaskcollection`. */
export interface TaskAddParameter {
  /** ≤ 64 letters, digits, `-`, `_`; unique in the job regardless of case. */
  readonly id: string;
  readonly displayName?: string;
  /** Run without a shell. */
  readonly commandLine: string;
  readonly containerSettings?: TaskContainerSettings;
  readonly exitConditions?: ExitConditions;
  readonly resourceFiles?: readonly ResourceFile[];
  readonly outputFiles?: readonly OutputFile[];
  readonly environmentSettings?: readonly EnvironmentSetting[];
  readonly affinityInfo?: AffinityInformation;
  readonly constraints?: TaskConstraints;
  /** Slots the task occupies on its node; default 1, at most the pool's `taskSlotsPerNode`. */
  readonly requiredSlots?: number;
  readonly userIdentity?: UserIdentity;
  readonly multiInstanceSettings?: MultiInstanceSettings;
  readonly dependsOn?: TaskDependencies;
  readonly applicationPackageReferences?: readonly ApplicationPackageReference[];
  readonly authenticationTokenSettings?: AuthenticationTokenSettings;
}

/** The body of `POST /jobs/{id}/addtaskcollection`: at most 100 tasks. */
export interface TaskAddCollectionParameter {
  readonly value: readonly TaskAddParameter[];
}

/** The body of `PUT /jobs/{id}/tasks/{taskId}`: only constraints can change. */
export interface TaskUpdateParameter {
  readonly constraints?: TaskConstraints;
}

/** How a task ran, or is running. */
export interface TaskExecutionInformation {
  readonly startTime?: string;
  readonly endTime?: string;
  readonly exitCode?: number;
  readonly containerInfo?: TaskContainerExecutionInformation;
  readonly failureInfo?: TaskFailureInformation;
  /** Retries after a non-zero exit; excludes requeues. */
  readonly retryCount: number;
  readonly lastRetryTime?: string;
  /** Times the task went back to the queue because its node went away (no retry counted). */
  readonly requeueCount: number;
  readonly lastRequeueTime?: string;
  readonly result?: TaskExecutionResult;
}

/** Where a task ran. */
export interface ComputeNodeInformation {
  readonly affinityId?: string;
  readonly nodeUrl?: string;
  readonly poolId?: string;
  readonly nodeId?: string;
  readonly taskRootDirectory?: string;
  readonly taskRootDirectoryUrl?: string;
}

/** A task as `GET /jobs/{id}/tasks/{taskId}` returns it. */
export interface CloudTask extends Omit<TaskAddParameter, "id" | "commandLine"> {
  readonly id: string;
  readonly commandLine: string;
  readonly url?: string;
  readonly eTag?: string;
  readonly lastModified?: string;
  readonly creationTime?: string;
  readonly state: TaskState;
  readonly stateTransitionTime?: string;
  readonly previousState?: TaskState;
  readonly previousStateTransitionTime?: string;
  readonly executionInfo?: TaskExecutionInformation;
  readonly nodeInfo?: ComputeNodeInformation;
}

/** One task's outcome in an `addtaskcollection` response. */
export interface TaskAddResult {
  readonly status: TaskAddStatus;
  readonly taskId: string;
  readonly eTag?: string;
  readonly lastModified?: string;
  readonly location?: string;
  readonly error?: BatchErrorBody;
}

export interface TaskAddCollectionResult {
  readonly value: readonly TaskAddResult[];
}
