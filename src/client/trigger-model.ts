// The trigger API's shapes: ADF's TriggerRun (queryTriggerRuns) and Sluice's window listing.

/** A trigger run's status as ADF reports it, or a tumbling window's state. */
export type TriggerRunStatus =
  | "Inprogress"
  | "Succeeded"
  | "Failed"
  | "Waiting"
  | "WaitingOnDependency"
  | "Running"
  | "Cancelled";

/** Every {@link TriggerRunStatus}. */
export const triggerRunStatusValues: readonly TriggerRunStatus[] = [
  "Inprogress",
  "Succeeded",
  "Failed",
  "Waiting",
  "WaitingOnDependency",
  "Running",
  "Cancelled",
];

/** ADF's TriggerRun. */
export interface TriggerRun {
  readonly triggerRunId: string;
  readonly triggerName: string;
  readonly triggerType: string;
  readonly triggerRunTimestamp: string;
  readonly status: TriggerRunStatus;
  readonly message: string;
  /** scheduledTime, startTime; windowStartTime/windowEndTime; fileName/folderPath. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** The pipeline runs started, by pipeline name. */
  readonly triggeredPipelines: Readonly<Record<string, string>>;
}

/** A tumbling window (`GET .../triggers/{t}/sluice/windows`). */
export interface TriggerWindow {
  readonly triggerRunId: string;
  readonly windowStartTime: string;
  readonly windowEndTime: string;
  readonly status: TriggerRunStatus;
  /** Attempts made, retries included. */
  readonly attempt: number;
  /** The window's current pipeline run, null before its first. */
  readonly runId: string | null;
  readonly message: string;
  readonly lastUpdated: string;
}
