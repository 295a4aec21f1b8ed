// The public face of src/batch: request validation, Batch's errors, and the
// pure state, dependency, counting and scheduling logic the store and server build on.

export {
  BatchError,
  alreadyExists,
  batchErrorCodes,
  batchErrorStatus,
  isBatchError,
  notFound,
  type BatchErrorCode,
  type BatchErrorValues,
} from "./batch-error.js";
export {
  formatDuration,
  infiniteDuration,
  parseBatchTime,
  parseDuration,
  toBatchTime,
} from "./duration.js";
export { batchIdPattern, isValidBatchId, maxIdLength, normalizeId } from "./ids.js";

export type { SchemaOptions } from "./validation/schema.js";
export {
  validateNodeRemove,
  validatePoolAdd,
  validatePoolEnableAutoScale,
  validatePoolPatch,
  validatePoolResize,
  validatePoolUpdateProperties,
} from "./validation/validate-pool.js";
export {
  defaultJobPreparationTaskId,
  defaultJobReleaseTaskId,
  validateJobAdd,
  validateJobDisable,
  validateJobPatch,
  validateJobTerminate,
  validateJobUpdate,
} from "./validation/validate-job.js";
export {
  maxDependencyIdChars,
  validateTaskAdd,
  validateTaskUpdate,
  type TaskValidationContext,
} from "./validation/validate-task.js";
export {
  taskAddFailure,
  taskAddSuccess,
  validateTaskCollection,
  type TaskCollectionEntry,
} from "./validation/task-collection.js";
export { filePathEscape } from "./validation/resource-file-rules.js";
export { maxPriority, maxTasksPerCollection, minPriority } from "./validation/schemas-job.js";
export { maxTaskSlotsPerNode } from "./validation/schemas-pool.js";

export {
  canRetry,
  beginRunning,
  effectiveMaxTaskRetryCount,
  finishAttempt,
  newTaskRun,
  reactivateTask,
  startAttempt,
  type TaskOutcome,
  type TaskRunState,
  type TaskTransition,
} from "./state/task-state.js";
export {
  effectiveJobAction,
  resolveExitOptions,
  type ResolvedExitOptions,
  type TaskEnding,
} from "./state/exit-conditions.js";
export {
  dependencyLookupOf,
  dependencyStatus,
  dependsOnTask,
  type DependencyLookup,
  type DependencyStatus,
  type DependencyTaskView,
} from "./state/dependencies.js";
export {
  defaultTerminateReason,
  jobDeadline,
  jobEndingForCounts,
  jobEndingForTask,
  jobEndingForTime,
  jobStateAfter,
  type JobEnding,
  type JobOperation,
} from "./state/job-state.js";
export { canRunTasks, nextNodeState, type NodeEvent, type NodeView } from "./state/node-state.js";
export {
  allocationStep,
  deallocationPlan,
  startResize,
  stopResize,
  type AllocatedNode,
  type AllocationStep,
  type DeallocationPlan,
  type PoolAllocationView,
} from "./state/pool-allocation.js";
export { allTasksComplete, countTasks, type CountableTask } from "./state/task-counts.js";
export {
  scheduleTasks,
  type Assignment,
  type JobParallelism,
  type NodeCapacity,
  type ReadyTask,
  type ScheduleInput,
} from "./scheduling/scheduler.js";
export { spreadAllowance, type NodeLoad, type SpreadInput } from "./scheduling/spread-allowance.js";

export {
  createBatchService,
  type AgentService,
  type BatchService,
} from "./service/batch-service.js";
export type { BatchServiceDeps, BatchServiceSettings } from "./service/service-deps.js";
export type { PoolService } from "./service/pool-service.js";
export type { AutoScaleService } from "./service/autoscale-service.js";
export {
  compileFormula,
  evaluateFormula,
  parseFormula,
  sampledVariables,
  toAutoScaleRun,
  type AutoScaleEvaluation,
  type EvaluationContext,
  type Formula,
  type PoolFacts,
  type Sample,
  type SampleSource,
  type SampledVariable,
} from "./autoscale/index.js";
export type { NodeService } from "./service/node-service.js";
export type { JobService } from "./service/job-service.js";
export type { JobScheduleService } from "./service/job-schedule-service.js";
export type { ApplicationPackages, ResolvedPackage } from "./service/application-packages.js";
export { packageEnvironmentName } from "./applications/package-names.js";
export type { TaskService } from "./service/task-service.js";
export type { ListResult, PagingOptions } from "./service/paging.js";
export type { ByteRange, FileContent, NodeFileView } from "./service/task-files.js";
export type { LocalStorageAccess, StoredFileView } from "./service/local-storage-access.js";
export type { SweepReport } from "./service/sweeper.js";
export type { JobPreparationAndReleaseTaskStatus } from "./service/job-prep-status.js";
