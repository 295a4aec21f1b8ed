export { openDatabase } from "./open-database.js";
export type {
  Database,
  DatabaseConfig,
  Dialect,
  OpenDatabaseOptions,
  PostgresConfig,
  SqliteConfig,
} from "./database.js";
export type { MigrationReport } from "./plan-migrations.js";
export type { StoreSchema } from "./schema.js";
export { maxPageSize, type ListOptions, type Page } from "./page.js";
export type {
  AllocationState,
  NewPool,
  NodeFillType,
  PoolPatch,
  PoolRecord,
  PoolState,
  PoolStore,
  WriteOptions,
} from "./pool-store.js";
export { createPoolStore, type StoreDeps } from "./sql-pool-store.js";
export {
  createAutoScaleSampleStore,
  type AutoScaleSampleStore,
  type StoredSample,
} from "./autoscale-sample-store.js";
export {
  createPoolTaskLoadReader,
  type PoolTaskLoad,
  type PoolTaskLoadReader,
} from "./pool-task-load.js";
export { joinTransaction, type StoreContext } from "./store-context.js";
export type { JobPatch, JobRecord, JobState, JobStore, NewJob } from "./job-store.js";
export { createJobStore } from "./sql-job-store.js";
export type {
  JobSchedulePatch,
  JobScheduleRecord,
  JobScheduleStore,
  JobScheduleStoreState,
  NewJobSchedule,
} from "./job-schedule-store.js";
export { createJobScheduleStore } from "./sql-job-schedule-store.js";
export type {
  NewNode,
  NodeListOptions,
  NodePatch,
  NodeRecord,
  NodeState,
  NodeStore,
  SchedulingState,
} from "./node-store.js";
export { createNodeStore } from "./sql-node-store.js";
export type {
  AttemptOutcome,
  Completion,
  DependencyAction,
  TaskListOptions,
  TaskRecord,
  TaskResult,
  TaskState,
  TaskStore,
} from "./task-store.js";
export type {
  AddTaskResult,
  ClaimAdmission,
  ClaimNode,
  ClaimRequest,
  CompletionResult,
  LeaseRenewal,
  NewTask,
  NodeClaim,
  NodeClaimRequest,
  RequeueSelector,
  TaskCounts,
  TaskIdRange,
  TaskKey,
  TaskPatch,
  TaskStateCounts,
} from "./task-types.js";
export type { PoolLoad, PoolNodeLoad } from "./claim-plan.js";
export type {
  BeginPreparation,
  FinishPreparation,
  JobPreparationRecord,
  JobPreparationStore,
  PreparationDecision,
} from "./job-preparation-store.js";
export { createJobPreparationStore } from "./sql-job-preparation-store.js";
export { maxTasksPerAdd } from "./task-add.js";
export { maxDependenciesPerTask } from "./task-dependency-ids.js";
export { createTaskStore } from "./sql-task-store.js";
export { createSubtaskStore } from "./sql-subtask-store.js";
export type {
  GangClaim,
  GangClaimRequest,
  GangDelivery,
  LostGang,
  SubtaskEnd,
  SubtaskRecord,
  SubtaskState,
  SubtaskStore,
} from "./subtask-store.js";
export type {
  DeployedResource,
  DeployOptions,
  DeployReport,
  FactoryInput,
  FactoryRecord,
  FactoryStore,
  PutOutcome,
  PutResult,
  ResourceInput,
  ResourceKind,
  ResourceRecord,
  ResourceWriteOptions,
} from "./factory-store.js";
export { createFactoryStore } from "./sql-factory-store.js";
export type {
  FilterOperator,
  RunQuery,
  RunQueryFilter,
  RunQueryOrderBy,
  SortOrder,
} from "./run-query.js";
export {
  drivenRunStatuses,
  pipelineRunStatuses,
  type ActiveRunCounts,
  type InvokedBy,
  type NewPipelineRun,
  type PipelineRunOperand,
  type PipelineRunOrderField,
  type PipelineRunPatch,
  type PipelineRunQuery,
  type PipelineRunRecord,
  type PipelineRunStatus,
  type PipelineRunStore,
  type RunLeaseRenewal,
  type RunWriteOptions,
  type StartAttempt,
} from "./pipeline-run-store.js";
export { createPipelineRunStore } from "./sql-pipeline-run-store.js";
export {
  activityRunStatuses,
  type ActivityRunError,
  type ActivityRunOperand,
  type ActivityRunOrderField,
  type ActivityRunPatch,
  type ActivityRunQuery,
  type ActivityRunRecord,
  type ActivityRunStatus,
  type ActivityRunStore,
  type BatchTaskReference,
  type NewActivityRun,
} from "./activity-run-store.js";
export { createActivityRunStore } from "./sql-activity-run-store.js";
export type {
  BlobCursorEntry,
  NewTriggerRun,
  TriggerRunCondition,
  TriggerRunPatch,
  TriggerRunQuery,
  TriggerRunRecord,
  TriggerRunStatus,
  TriggerRuntimeState,
  TriggerStateRecord,
  TriggerStore,
} from "./trigger-store.js";
export { createTriggerStore } from "./sql-trigger-store.js";
export type { CursorMove, NewFire } from "./trigger-fire-batch.js";
export { canonicalJson } from "./canonical-json.js";
