export {
  startServer,
  databaseConfig,
  type ServerConfig,
  type RunningServer,
} from "./server-app.js";
export { resolveDataDir, loadOrCreateToken, tokenPath } from "./data-dir.js";
export { lockDataDir, type DataDirLock } from "./data-dir-lock.js";
export { startUp, type Up, type UpOptions } from "./up.js";
export type { RegisteredRoute } from "./route-recorder.js";
export {
  startLocalPoolSupervisor,
  type LocalPoolSupervisor,
  type LocalPoolSupervisorOptions,
  type SupervisedPool,
} from "./local-pool-supervisor.js";
export {
  cliAgentSpawner,
  thisCli,
  type AgentSpawnRequest,
  type CliCommand,
  type SpawnAgent,
} from "./agent-process.js";
export { planPoolAgents, type PendingRestart, type PoolAgentPlan } from "./pool-agent-plan.js";
// The node agent, for `sluice node`: the CLI reaches the agent through the composition root.
export { reapProcessGroups, runAgent, type AgentEvent, type AgentOptions } from "../agent/index.js";
export { triggerChecks } from "./trigger-checks.js";
export { parseMissedFires } from "./missed-fires.js";
export { blobEventSources, storageAccountOf, type BlobEventSourcesDeps } from "./blob-sources.js";
export { localBlobSource } from "./local-blob-source.js";
export { azureBlobSource } from "./azure-blob-source.js";
