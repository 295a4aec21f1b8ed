import type { JsonObject, JsonValue } from "../../core/index.js";
import type { ExpressionScope } from "../../expressions/index.js";
import type { ActivityError } from "../engine/index.js";
import type { Activity } from "../model/pipeline.js";
import type { FactoryResources } from "./factory-resources.js";

/**
 * One attempt of an execution activity (Web, WebHook, GetMetadata, Custom...), as the engine
 * hands it to the activity's executor. Control activities (ForEach, If, ...) and the
 * variable activities are the engine's own and never reach an executor.
 */
export interface ActivityInvocation {
  /** The activity's definition as deployed (expressions unresolved). */
  readonly activity: Activity;
  /** `activity.typeProperties` with every expression resolved in the activity's scope. */
  readonly typeProperties: Readonly<Record<string, unknown>>;
  /** The scope the expressions were resolved in (for dataset/linked service parameters). */
  readonly scope: ExpressionScope;
  readonly factory: string;
  readonly pipelineName: string;
  readonly pipelineRunId: string;
  readonly activityRunId: string;
  /** 0 for the first attempt, then 1, 2... (ADF's `retryAttempt`). */
  readonly retryAttempt: number;
  /** The activity's `policy.timeout` in ms (default 12 hours): the attempt is cut off after it. */
  readonly timeoutMs: number;
  /**
   * Aborted when the run is cancelled (`signal.reason` is `"cancelled"`), the attempt passes
   * `policy.timeout` (`"timedOut"`), or this server stops driving the run (`"serverStopping"`:
   * a shutdown, or another server took the run over). On the first two the executor stops
   * its work (kills the task, drops the request) and returns promptly; the engine records
   * the Cancelled or timed-out status itself. On `"serverStopping"` it must leave outside
   * work running and return: the attempt resumes later with {@link resumedState}.
   */
  readonly signal: AbortSignal;
  /** Linked services and datasets of the factory, as the run sees them. */
  readonly resources: FactoryResources;
  /**
   * What this attempt saved with {@link saveState} before the server stopped, when the engine
   * resumes an attempt that was in progress; undefined on a fresh attempt. An executor that
   * can re-attach (Custom re-attaches to its Batch task, WebHook keeps waiting for its
   * callback) reads it; one that cannot simply starts over.
   */
  readonly resumedState: JsonValue | undefined;
  /** Durably records executor state for {@link resumedState}; resolves once stored. */
  saveState(state: JsonValue): Promise<void>;
  /**
   * Shows how far the attempt has come (a Copy's files and rows so far) as its activity
   * run's `output` while it is InProgress; the final output replaces it. Each call is a
   * store write: report at most about once a second. Resolves once stored; reports after
   * the attempt ended are dropped.
   */
  reportProgress(progress: JsonValue): Promise<void>;
}

/** Why an attempt's signal aborted: see {@link ActivityInvocation.signal}. */
export type AbortReason = "cancelled" | "timedOut" | "serverStopping";

/** How an attempt ended. Failures of the user's work are data, never thrown. */
export type ActivityOutcome =
  | { readonly status: "Succeeded"; readonly output: JsonValue }
  | {
      readonly status: "Failed";
      readonly error: ActivityError;
      /** ADF still shows an output for some failures (a Custom task's exit code, a Web status). */
      readonly output?: JsonValue;
      /** False when running again cannot help; default true (the policy's retries apply). */
      readonly retryable?: boolean;
    };

/**
 * Runs one kind of execution activity. `run` resolves with the outcome; a thrown error is
 * a failure of Sluice itself or of the definition (an expression or reference that does not
 * resolve) and fails the attempt with {@link activityErrorFrom}'s error.
 */
export interface ActivityExecutor {
  run(invocation: ActivityInvocation): Promise<ActivityOutcome>;
}

/** Executors by activity type (ADF's `type`, compared case-insensitively). */
export type ActivityExecutors = Readonly<Record<string, ActivityExecutor>>;

/** The `input` an activity run shows: its resolved typeProperties, as ADF shows them. */
export function activityInput(invocation: Pick<ActivityInvocation, "typeProperties">): JsonObject {
  return invocation.typeProperties as JsonObject;
}
