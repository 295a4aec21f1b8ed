// The Batch commands of the CLI (`sluice pool|job|task|node ...`), dispatched by main.ts.
export { runPool } from "./pool.js";
export { runJob } from "./job.js";
export { runJobSchedule } from "./job-schedule.js";
export { runApp } from "./app.js";
export { runTask } from "./task.js";
export { runNode, nodeCommands } from "./node.js";
export type { BatchIO } from "./batch-io.js";
export { runRun } from "./run.js";
export { runRuns } from "./runs.js";
export { runTrigger } from "./trigger.js";
