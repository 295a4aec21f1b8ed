// The public face of src/scheduler: ADF's triggers. Pure next-fire, window and blob-match
// logic, trigger JSON checks, and the scheduler service that fires them.
export type * from "./definition/trigger-spec.js";
export type { TriggerProblem } from "./definition/json-reader.js";
export { parseTrigger, type ParsedTrigger } from "./definition/parse-trigger.js";
export { checkTriggerSet, type TriggerSetProblem } from "./definition/check-trigger-set.js";
export { nextFire, nextFires, firesBetween } from "./recurrence/next-fire.js";
export {
  dependencyRange,
  dueWindowCount,
  windowAt,
  windowIndexAt,
  windowStart,
  windowsOverlapping,
  type Window,
  type WindowGrid,
} from "./tumbling/windows.js";
export { blobMatches, eventPath, triggerBodyOf, type BlobRef } from "./events/blob-match.js";
export { parseTimeSpan, formatTimeSpan } from "./time/time-span.js";
export { createTriggerScheduler, type TriggerScheduler } from "./service/trigger-scheduler.js";
export type {
  BlobEventSource,
  ListedBlob,
  MissedFirePolicy,
  RunStarter,
  TriggerSchedulerDeps,
} from "./service/scheduler-deps.js";
export {
  createTriggerService,
  maxBackfillFires,
  type TriggerService,
  type TriggerServiceDeps,
} from "./service/trigger-service.js";
export { triggerRunView, windowView } from "./service/trigger-run-views.js";
export { guardStartedTriggers } from "./service/started-trigger-guard.js";
export { triggerRunQueryOf, triggerRunStatuses } from "./service/trigger-run-filter.js";
