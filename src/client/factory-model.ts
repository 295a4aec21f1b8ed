// ADF's REST shapes of factory resources and runs, as the server returns them. The client
// keeps its own copy of the wire types (it may not import the factory), as Azure's SDKs do.

/** Who started a run (ADF's `invokedBy`). */
export interface InvokedBy {
  readonly name: string;
  readonly id: string;
  /** `Manual`, `ScheduleTrigger`, `TumblingWindowTrigger`, `PipelineActivity`, ... */
  readonly invokedByType: string;
  /** For a run ExecutePipeline started: the parent pipeline and run. */
  readonly pipelineName?: string;
  readonly pipelineRunId?: string;
}

/** A pipeline run's status. */
export type PipelineRunStatus =
  "Queued" | "InProgress" | "Succeeded" | "Failed" | "Canceling" | "Cancelled";

/** The statuses a pipeline run ends in. */
export const finishedRunStatuses: readonly PipelineRunStatus[] = [
  "Succeeded",
  "Failed",
  "Cancelled",
];

/** Every pipeline run status, for flags and filters. */
export const pipelineRunStatusValues: readonly PipelineRunStatus[] = [
  "Queued",
  "InProgress",
  "Succeeded",
  "Failed",
  "Canceling",
  "Cancelled",
];

/** ADF's `PipelineRun`; times are ISO 8601, secure parameters shown as `**********`. */
export interface PipelineRun {
  readonly id?: string;
  readonly runId: string;
  readonly runGroupId: string;
  readonly isLatest: boolean;
  readonly pipelineName: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly runDimensions: Readonly<Record<string, unknown>>;
  readonly invokedBy: InvokedBy;
  readonly lastUpdated: string;
  readonly runStart: string;
  /** null until the run ends. */
  readonly runEnd: string | null;
  readonly durationInMs: number | null;
  readonly status: PipelineRunStatus;
  readonly message: string;
  readonly annotations?: readonly unknown[];
}

/** ADF's activity `error`: fields are "" when the activity has none. */
export interface ActivityRunError {
  readonly errorCode: string;
  readonly message: string;
  readonly failureType: string;
  readonly target: string;
  readonly details?: unknown;
}

/** ADF's `ActivityRun`. */
export interface ActivityRun {
  readonly activityRunId: string;
  readonly activityName: string;
  readonly activityType: string;
  readonly pipelineRunId: string;
  readonly pipelineName: string;
  /** Queued, InProgress, Succeeded, Failed, Skipped, Cancelled. */
  readonly status: string;
  readonly activityRunStart: string;
  readonly activityRunEnd: string | null;
  readonly durationInMs: number | null;
  readonly input: unknown;
  readonly output: unknown;
  readonly error: ActivityRunError;
  /** null for the first attempt; 1, 2... for retries. */
  readonly retryAttempt: number | null;
  readonly linkedServiceName: string;
  readonly userProperties: Readonly<Record<string, unknown>>;
  /** "" outside a ForEach; shared by the activities of one iteration. */
  readonly iterationHash?: string;
}

/** ADF's `RunQueryFilter`. */
export interface RunQueryFilter {
  /** PipelineName, Status, RunStart, RunEnd, RunGroupId, TriggerName, LatestOnly (pipeline runs);
   * ActivityName, ActivityType, Status, ActivityRunStart, ActivityRunEnd (activity runs). */
  readonly operand: string;
  readonly operator: "Equals" | "NotEquals" | "In" | "NotIn";
  readonly values: readonly string[];
}

/** ADF's `RunQueryOrderBy`. */
export interface RunQueryOrderBy {
  readonly orderBy: string;
  readonly order: "ASC" | "DESC";
}

/**
 * ADF's `RunFilterParameters`. ADF requires the two `lastUpdated` bounds; Sluice takes them
 * as optional (no bound when absent).
 */
export interface RunFilterParameters {
  readonly lastUpdatedAfter?: string;
  readonly lastUpdatedBefore?: string;
  readonly filters?: readonly RunQueryFilter[];
  readonly orderBy?: readonly RunQueryOrderBy[];
  readonly continuationToken?: string;
}

/** One page of a run query. */
export interface RunQueryResponse<T> {
  readonly value: readonly T[];
  /** Present when more results follow: pass it back with the same filter. */
  readonly continuationToken?: string;
}

/** `createRun`'s rerun options, as ADF's query parameters. */
export interface CreateRunOptions {
  /** Rerun this run: its parameters are used when none are given. */
  readonly referencePipelineRunId?: string;
  /** The new run joins the referenced run's group. */
  readonly isRecovery?: boolean;
  /** Rerun from the referenced run's failed activities. */
  readonly startFromFailure?: boolean;
  /** Rerun from this activity of the referenced run. */
  readonly startActivityName?: string;
}

/** A factory resource as ADF's REST API returns it. */
export interface FactoryResource {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly etag: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** One resource a deploy stored. */
export interface DeployedResource {
  readonly kind: string;
  readonly name: string;
  readonly version: number;
  readonly outcome: "created" | "updated" | "unchanged";
}

/** What `POST /factories/{f}/sluice/deploy` reports. */
export interface DeployReport {
  readonly factory: FactoryResource;
  readonly resources: readonly DeployedResource[];
  readonly deleted: readonly { readonly kind: string; readonly name: string }[];
}
