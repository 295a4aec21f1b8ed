import type { JsonObject, JsonValue } from "../core/index.js";
import type { Page } from "./page.js";
import type { RunQuery } from "./run-query.js";

/** An activity run's `status`, as ADF reports it. */
export type ActivityRunStatus =
  "Queued" | "InProgress" | "Succeeded" | "Failed" | "Skipped" | "Cancelled";

/** Every {@link ActivityRunStatus}. */
export const activityRunStatuses: readonly ActivityRunStatus[] = [
  "Queued",
  "InProgress",
  "Succeeded",
  "Failed",
  "Skipped",
  "Cancelled",
];

/** ADF's activity `error` object. */
export interface ActivityRunError {
  readonly errorCode: string;
  readonly message: string;
  readonly failureType: string;
  readonly target: string;
  readonly details?: JsonValue;
}

/** The Batch task a Custom activity runs as: a restarted engine re-attaches to it. */
export interface BatchTaskReference {
  readonly jobId: string;
  readonly taskId: string;
}

/** An activity run as stored; times are ms since the Unix epoch. */
export interface ActivityRunRecord {
  /** A lowercase UUID. */
  readonly activityRunId: string;
  readonly pipelineRunId: string;
  readonly activityName: string;
  readonly activityType: string;
  readonly status: ActivityRunStatus;
  /** ADF's inactive marker: the activity is `state: Inactive`; `status` is its `onInactiveMarkAs`. */
  readonly inactive: boolean;
  readonly linkedServiceName: string | null;
  readonly input: JsonValue;
  readonly output: JsonValue | null;
  readonly error: ActivityRunError | null;
  /** null for the first attempt, as in ADF; 1, 2... for retries. */
  readonly retryAttempt: number | null;
  readonly activityRunStart: number;
  readonly activityRunEnd: number | null;
  readonly durationInMs: number | null;
  /**
   * Where the activity sits: "" at the pipeline's top level, else its containers, such as
   * `ForEach1[3]/If1.true`.
   */
  readonly scopePath: string;
  /** The ForEach iteration the activity runs in (innermost), or null. */
  readonly iterationIndex: number | null;
  readonly batchTask: BatchTaskReference | null;
  readonly userProperties: JsonObject;
  /** The engine's own bookkeeping; the store never reads it. */
  readonly engineState: JsonValue | null;
  /** Changes on every write. */
  readonly etag: string;
  readonly lastUpdated: number;
  readonly creationTime: number;
}

/** An activity run to create. Absent fields take the defaults given. */
export interface NewActivityRun {
  /** Default: a fresh UUID. */
  readonly activityRunId?: string;
  readonly activityName: string;
  readonly activityType: string;
  /** Default `Queued`. */
  readonly status?: ActivityRunStatus;
  /** Default false. */
  readonly inactive?: boolean;
  readonly linkedServiceName?: string | null;
  /** Default `{}`. */
  readonly input?: JsonValue;
  readonly output?: JsonValue | null;
  readonly error?: ActivityRunError | null;
  readonly retryAttempt?: number | null;
  /** Default: the creation time. */
  readonly activityRunStart?: number;
  readonly activityRunEnd?: number | null;
  readonly durationInMs?: number | null;
  /** Default "". */
  readonly scopePath?: string;
  readonly iterationIndex?: number | null;
  readonly batchTask?: BatchTaskReference | null;
  /** Default `{}`. */
  readonly userProperties?: JsonObject;
  readonly engineState?: JsonValue | null;
}

/** Fields to change; absent fields keep their value. */
export type ActivityRunPatch = Partial<
  Pick<
    ActivityRunRecord,
    | "status"
    | "inactive"
    | "linkedServiceName"
    | "input"
    | "output"
    | "error"
    | "retryAttempt"
    | "activityRunStart"
    | "activityRunEnd"
    | "durationInMs"
    | "batchTask"
    | "userProperties"
    | "engineState"
  >
>;

/** The operands `queryActivityRuns` filters on. */
export type ActivityRunOperand =
  "ActivityName" | "ActivityType" | "Status" | "ActivityRunStart" | "ActivityRunEnd";

/** The fields `queryActivityRuns` orders by. */
export type ActivityRunOrderField =
  "ActivityRunStart" | "ActivityRunEnd" | "ActivityName" | "Status";

/** ADF's `RunFilterParameters` for activity runs, plus the container scope. */
export interface ActivityRunQuery extends RunQuery<ActivityRunOperand, ActivityRunOrderField> {
  /** Only activities in exactly this container (`""`: the top level); default all. */
  readonly scopePath?: string;
}

/**
 * Activity runs: up to 100,000 per pipeline run (a ForEach), so listing is always paged.
 * Errors are `SluiceError`s (`StoreNotFound`, `StoreDuplicate`, `StoreConflict`,
 * `InvalidArgument`); a rejected write changes nothing.
 */
export interface ActivityRunStore {
  /**
   * Adds the runs of one pipeline run in one transaction, all or none; `StoreNotFound` if
   * the pipeline run does not exist, `StoreDuplicate` if an activity run id is taken.
   */
  createMany(pipelineRunId: string, runs: readonly NewActivityRun[]): Promise<ActivityRunRecord[]>;
  /** The activity run, or `StoreNotFound`. */
  get(activityRunId: string): Promise<ActivityRunRecord>;
  /** Applies `patch`; `StoreNotFound`, or `StoreConflict` on an `ifMatch` or `ifStatus` mismatch. */
  update(
    activityRunId: string,
    patch: ActivityRunPatch,
    options?: { readonly ifMatch?: string; readonly ifStatus?: readonly ActivityRunStatus[] },
  ): Promise<ActivityRunRecord>;
  /**
   * ADF's `queryActivityruns` for one pipeline run: filters, order (default
   * ActivityRunStart ascending, then creation order), a page at a time.
   */
  query(pipelineRunId: string, query?: ActivityRunQuery): Promise<Page<ActivityRunRecord>>;
  /** The activity run of this Batch task (ids in any case), or undefined. */
  findByBatchTask(task: BatchTaskReference): Promise<ActivityRunRecord | undefined>;
}
