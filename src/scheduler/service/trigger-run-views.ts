import type { JsonObject } from "../../core/index.js";
import type { TriggerRunRecord } from "../../store/index.js";

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A trigger run in ADF's TriggerRun shape (queryTriggerRuns). */
export function triggerRunView(run: TriggerRunRecord): JsonObject {
  return {
    triggerRunId: run.triggerRunId,
    triggerName: run.triggerName,
    triggerType: run.triggerType,
    triggerRunTimestamp: iso(run.triggerRunTimestamp),
    status: run.status,
    message: run.message,
    properties: {
      ...run.properties,
      ...(run.windowStart === null
        ? {}
        : {
            TriggerTime: iso(run.scheduledTime),
            windowStartTime: iso(run.windowStart),
            windowEndTime: iso(run.windowEnd ?? 0),
          }),
      ...(run.attempt > 0 ? { attempt: run.attempt } : {}),
    },
    triggeredPipelines: run.triggeredPipelines,
  };
}

/** A tumbling window as `GET .../sluice/windows` lists it. */
export function windowView(run: TriggerRunRecord): JsonObject {
  return {
    triggerRunId: run.triggerRunId,
    windowStartTime: iso(run.windowStart ?? 0),
    windowEndTime: iso(run.windowEnd ?? 0),
    status: run.status,
    attempt: run.attempt,
    runId: run.runId,
    message: run.message,
    lastUpdated: iso(run.lastUpdated),
  };
}
