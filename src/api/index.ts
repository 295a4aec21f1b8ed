// The HTTP contract shared by server, client, agent and web: Batch's REST model in Azure's
// field names (batch-model/), and the node agent protocol.
export * from "./batch-model/enums.js";
export type * from "./batch-model/task-parts.js";
export type * from "./batch-model/pool-parts.js";
export type * from "./batch-model/pool.js";
export type * from "./batch-model/job.js";
export type * from "./batch-model/job-schedule.js";
export type * from "./batch-model/application.js";
export type * from "./batch-model/task.js";
export type * from "./batch-model/subtask.js";
export type * from "./batch-model/error-body.js";
export * from "./agent-protocol.js";
