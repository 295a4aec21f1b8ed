// Jobs and their special tasks with Batch's REST field names; times are ISO 8601 strings.
import type {
  DisableJobOption,
  ErrorCategory,
  JobState,
  OnAllTasksComplete,
  OnTaskFailure,
  PoolLifetimeOption,
  StartTaskState,
  TaskExecutionResult,
} from "./enums.js";
import type { PoolAddParameter } from "./pool.js";
import type {
  ApplicationPackageReference,
  AuthenticationTokenSettings,
  EnvironmentSetting,
  MetadataItem,
  NameValuePair,
  OutputFile,
  ResourceFile,
  TaskConstraints,
  TaskContainerExecutionInformation,
  TaskContainerSettings,
  TaskFailureInformation,
  UserIdentity,
} from "./task-parts.js";

/** `maxWallClockTime` default infinite; `maxTaskRetryCount` default 0 (-1 = unlimited). */
export interface JobConstraints {
  readonly maxWallClockTime?: string;
  readonly maxTaskRetryCount?: number;
}

/** A pool spec for an auto pool: a pool add body without the id. */
export type PoolSpecification = Omit<PoolAddParameter, "id">;

export interface AutoPoolSpecification {
  readonly autoPoolIdPrefix?: string;
  readonly poolLifetimeOption: PoolLifetimeOption;
  readonly keepAlive?: boolean;
  readonly pool?: PoolSpecification;
}

/** Exactly one of `poolId` and `autoPoolSpecification`. */
export interface PoolInformation {
  readonly poolId?: string;
  readonly autoPoolSpecification?: AutoPoolSpecification;
}

export interface JobNetworkConfiguration {
  readonly subnetId: string;
}

/**
 * A task started with the job. `killJobOnCompletion` default true, `runExclusive` default
 * true, `allowLowPriorityNode` default true, `requiredSlots` default 1.
 */
export interface JobManagerTask {
  readonly id: string;
  readonly displayName?: string;
  readonly commandLine: string;
  readonly containerSettings?: TaskContainerSettings;
  readonly resourceFiles?: readonly ResourceFile[];
  readonly outputFiles?: readonly OutputFile[];
  readonly environmentSettings?: readonly EnvironmentSetting[];
  readonly constraints?: TaskConstraints;
  readonly requiredSlots?: number;
  readonly killJobOnCompletion?: boolean;
  readonly userIdentity?: UserIdentity;
  readonly runExclusive?: boolean;
  readonly applicationPackageReferences?: readonly ApplicationPackageReference[];
  readonly authenticationTokenSettings?: AuthenticationTokenSettings;
  readonly allowLowPriorityNode?: boolean;
}

/**
 * Runs on a node before the job's first task there. `id` default `jobpreparation`;
 * `waitForSuccess` default true; `rerunOnNodeRebootAfterSuccess` default true.
 */
export interface JobPreparationTask {
  readonly id?: string;
  readonly commandLine: string;
  readonly containerSettings?: TaskContainerSettings;
  readonly resourceFiles?: readonly ResourceFile[];
  readonly environmentSettings?: readonly EnvironmentSetting[];
  readonly constraints?: TaskConstraints;
  readonly waitForSuccess?: boolean;
  readonly userIdentity?: UserIdentity;
  readonly rerunOnNodeRebootAfterSuccess?: boolean;
}

/**
 * Runs on each node that ran the job's tasks when the job ends. `id` default `jobrelease`;
 * `maxWallClockTime` default (and maximum) 15 minutes; `retentionTime` default 7 days.
 */
export interface JobReleaseTask {
  readonly id?: string;
  readonly commandLine: string;
  readonly containerSettings?: TaskContainerSettings;
  readonly resourceFiles?: readonly ResourceFile[];
  readonly environmentSettings?: readonly EnvironmentSetting[];
  readonly maxWallClockTime?: string;
  readonly retentionTime?: string;
  readonly userIdentity?: UserIdentity;
}

/** The body of `POST /jobs`. */
export interface JobAddParameter {
  readonly id: string;
  readonly displayName?: string;
  /** -1000..1000, default 0; higher runs first. */
  readonly priority?: number;
  /** Tasks of this job running at once; -1 (default) = unlimited, else ≥ 1. */
  readonly maxParallelTasks?: number;
  readonly allowTaskPreemption?: boolean;
  readonly constraints?: JobConstraints;
  readonly jobManagerTask?: JobManagerTask;
  readonly jobPreparationTask?: JobPreparationTask;
  readonly jobReleaseTask?: JobReleaseTask;
  readonly commonEnvironmentSettings?: readonly EnvironmentSetting[];
  readonly poolInfo: PoolInformation;
  /** Default `noaction`. */
  readonly onAllTasksComplete?: OnAllTasksComplete;
  /** Default `noaction`. */
  readonly onTaskFailure?: OnTaskFailure;
  readonly metadata?: readonly MetadataItem[];
  /** Default false; must be true for tasks to have `dependsOn`. */
  readonly usesTaskDependencies?: boolean;
  readonly networkConfiguration?: JobNetworkConfiguration;
}

/** The body of `PATCH /jobs/{id}`: fields present replace the stored ones. */
export interface JobPatchParameter {
  readonly priority?: number;
  readonly maxParallelTasks?: number;
  readonly allowTaskPreemption?: boolean;
  readonly onAllTasksComplete?: OnAllTasksComplete;
  readonly constraints?: JobConstraints;
  readonly poolInfo?: PoolInformation;
  readonly metadata?: readonly MetadataItem[];
}

/** The body of `PUT /jobs/{id}`: replaces these; absent ones go back to their defaults. */
export interface JobUpdateParameter {
  readonly priority?: number;
  readonly maxParallelTasks?: number;
  readonly allowTaskPreemption?: boolean;
  readonly constraints?: JobConstraints;
  readonly poolInfo: PoolInformation;
  readonly metadata?: readonly MetadataItem[];
  readonly onAllTasksComplete?: OnAllTasksComplete;
}

export interface JobDisableParameter {
  readonly disableTasks: DisableJobOption;
}

export interface JobTerminateParameter {
  /** Default `UserTerminate`. */
  readonly terminateReason?: string;
}

export interface JobSchedulingError {
  readonly category: ErrorCategory;
  readonly code?: string;
  readonly message?: string;
  readonly details?: readonly NameValuePair[];
}

/** Well-known `terminateReason` values; users may also give their own text. */
export type TerminateReason =
  | "JMComplete"
  | "MaxWallClockTimeExpiry"
  | "TerminateJobSchedule"
  | "AllTasksComplete"
  | "TaskFailed"
  | "UserTerminate";

export interface JobExecutionInformation {
  readonly startTime: string;
  readonly endTime?: string;
  readonly poolId?: string;
  readonly schedulingError?: JobSchedulingError;
  readonly terminateReason?: string;
}

/** A job as `GET /jobs/{id}` returns it. */
export interface CloudJob extends Omit<JobAddParameter, "id"> {
  readonly id: string;
  readonly url?: string;
  readonly eTag?: string;
  readonly lastModified?: string;
  readonly creationTime?: string;
  readonly state: JobState;
  readonly stateTransitionTime?: string;
  readonly previousState?: JobState;
  readonly previousStateTransitionTime?: string;
  readonly executionInfo?: JobExecutionInformation;
}

/** Task counts by state, as `GET /jobs/{id}/taskcounts` returns them. */
export interface TaskCounts {
  readonly active: number;
  readonly running: number;
  readonly completed: number;
  readonly succeeded: number;
  readonly failed: number;
}

/** The same, counting each task's `requiredSlots`. */
export type TaskSlotCounts = TaskCounts;

export interface TaskCountsResult {
  readonly taskCounts: TaskCounts;
  readonly taskSlotCounts: TaskSlotCounts;
}

/** The preparation task's run on one node. */
export interface JobPreparationTaskExecutionInformation {
  readonly startTime: string;
  readonly endTime?: string;
  readonly state: StartTaskState;
  readonly taskRootDirectory?: string;
  readonly taskRootDirectoryUrl?: string;
  readonly exitCode?: number;
  readonly containerInfo?: TaskContainerExecutionInformation;
  readonly failureInfo?: TaskFailureInformation;
  readonly retryCount: number;
  readonly lastRetryTime?: string;
  readonly result?: TaskExecutionResult;
}

/** The release task's run on one node. */
export interface JobReleaseTaskExecutionInformation {
  readonly startTime: string;
  readonly endTime?: string;
  readonly state: StartTaskState;
  readonly taskRootDirectory?: string;
  readonly taskRootDirectoryUrl?: string;
  readonly exitCode?: number;
  readonly containerInfo?: TaskContainerExecutionInformation;
  readonly failureInfo?: TaskFailureInformation;
  readonly result?: TaskExecutionResult;
}
