export { SluiceClient, ApiError, type ClientOptions } from "./sluice-client.js";
export {
  AgentClient,
  isLeaseLost,
  type AgentClientOptions,
  type ServerAddress,
  type AppendResult,
  type CompleteResult,
  type StorageListEntry,
} from "./agent-client.js";
// The agent protocol's types, for the agent (which may not import api/ itself).
export type {
  ClaimRequest,
  ClaimResponse,
  CompleteTaskRequest,
  GangPhase,
  GangRequest,
  GangResponse,
  HeartbeatRequest,
  HeartbeatResponse,
  MultiInstanceAssignment,
  NodeIoRates,
  OutputFileAssignment,
  OutputFileTarget,
  RegisterNodeRequest,
  RegisterNodeResponse,
  ResourceFileAssignment,
  ResourceFileOrigin,
  StorageListResponse,
  AssignedPackage,
  TaskAssignment,
  TaskLogName,
  TaskRunOutcome,
} from "../api/index.js";
export {
  BatchClient,
  chunkTasks,
  type AddTasksOptions,
  type BatchList,
  type ByteRange,
  type ListOptions,
  type NodeFile,
  type TaskFileContent,
} from "./batch-client.js";
// The Batch model and enumerations, for the client's users (the CLI imports only the client).
export {
  disableJobOptions,
  nodeDeallocationOptions,
  onAllTasksCompleteValues,
  onTaskFailureValues,
  taskStates,
} from "../api/index.js";
export type {
  ApplicationDetails,
  ApplicationSummary,
  AutoScaleRun,
  AutoScaleRunError,
  CloudJob,
  CloudJobSchedule,
  CloudPool,
  CloudTask,
  ComputeNode,
  EnvironmentSetting,
  JobAddParameter,
  JobScheduleAddParameter,
  PoolAddParameter,
  PoolEnableAutoScaleParameter,
  TaskAddParameter,
  TaskAddResult,
  TaskCounts,
  TaskCountsResult,
} from "../api/index.js";
// The factory API: ADF's run and resource shapes.
export { FactoryClient } from "./factory-client.js";
export {
  finishedRunStatuses,
  pipelineRunStatusValues,
  type ActivityRun,
  type ActivityRunError,
  type CreateRunOptions,
  type DeployedResource,
  type DeployReport,
  type FactoryResource,
  type InvokedBy,
  type PipelineRun,
  type PipelineRunStatus,
  type RunFilterParameters,
  type RunQueryFilter,
  type RunQueryOrderBy,
  type RunQueryResponse,
} from "./factory-model.js";
export {
  triggerRunStatusValues,
  type TriggerRun,
  type TriggerRunStatus,
  type TriggerWindow,
} from "./trigger-model.js";
