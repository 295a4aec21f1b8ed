// The durable pipeline engine: drives pipeline runs stored in the store, activity by
// activity, with the pure rules of ../engine deciding every step.
export { createPipelineEngine, type PipelineEngine } from "./pipeline-engine.js";
export {
  realSleep,
  type ActivityStub,
  type PipelineEngineDeps,
  type Sleep,
} from "./engine-deps.js";
export type { PreparedRun } from "./run-batch.js";
export type { RunRequest } from "./run-creation.js";
