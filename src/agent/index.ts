export { runTask, validateSpec, type RunTaskOptions } from "./runner/run-task.js";
export {
  directLauncher,
  type LaunchRequest,
  type Launcher,
  type ProcessTree,
} from "./runner/process-tree.js";
export { SpawnHelper } from "./runner/spawn-helper.js";
export {
  nodeLayout,
  jobDir,
  taskLayout,
  type NodeLayout,
  type TaskLayout,
} from "./runner/node-layout.js";
export { buildTaskEnvironment, inheritedVariables } from "./runner/environment.js";
export { parseCommandLine } from "./runner/command-line.js";
export { patternHasWildcards } from "./runner/file-pattern.js";
export type {
  TaskKind,
  TaskRunSpec,
  TaskRunResult,
  TaskFailureInfo,
  FailureKind,
  EnvironmentSetting,
  ResourceFileSource,
  OutputFileSpec,
  UploadCondition,
} from "./runner/task-run-spec.js";
export { ledgerGroups, reapProcessGroups } from "./runner/process-group-ledger.js";
export { taskIsolationEnabled } from "./runner/task-isolation.js";
export {
  poolAutoUserId,
  startTaskUserId,
  firstIsolatedId,
  type TaskUserIdentity,
} from "./runner/task-identity.js";
export { runAgent } from "./loop/node-agent.js";
export {
  validateAgentOptions,
  type AgentOptions,
  type AgentContext,
  type AgentEvent,
} from "./loop/agent-options.js";
export { backoffDelay, type BackoffPolicy } from "./loop/backoff.js";
export { agentPidPath, liveAgentAt } from "./loop/agent-pid-file.js";
export { readServerUrl, writeServerUrl } from "./loop/server-url-file.js";
