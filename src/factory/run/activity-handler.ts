import type { ExpressionScope } from "../../expressions/index.js";
import type { ActivityRunRecord } from "../../store/index.js";
import type { ActivityError } from "../engine/index.js";
import type { Activity } from "../model/pipeline.js";
import type { Position } from "./position.js";
import type { RunContext } from "./run-context.js";

/** One attempt of one activity, as a handler sees it. */
export interface Attempt {
  readonly ctx: RunContext;
  readonly activity: Activity;
  readonly position: Position;
  readonly activityRunId: string;
  /** 0 for the first attempt. */
  readonly retryAttempt: number;
  /** The resolved `policy.timeout` of the attempt, in ms. */
  readonly timeoutMs: number;
  /** Aborted on cancel, on timeout, or when this server loses the run. */
  readonly signal: AbortSignal;
  /** The row of this attempt when the engine resumes it after a restart. */
  readonly resumed: ActivityRunRecord | undefined;
  /** The activity's scope now (variables as they are at the call). */
  scope(): ExpressionScope;
  /**
   * Shows how far the attempt has come as its InProgress row's `output` (the final output
   * replaces it); reports after the attempt ended are dropped. Resolves once stored.
   */
  reportProgress(progress: unknown): Promise<void>;
  /** Durably stores the handler's state in the attempt's row (for {@link resumed}). */
  saveState(state: unknown): Promise<void>;
}

/** How an attempt ended. */
export interface AttemptResult {
  readonly status: "Succeeded" | "Failed" | "Cancelled";
  readonly output?: unknown;
  readonly error?: ActivityError;
  /** False when a retry cannot help. Default true. */
  readonly retryable?: boolean;
  /** Variables after an instant variable activity (written with its row, atomically). */
  readonly variables?: Record<string, unknown>;
  /** The pipeline return value after `setSystemVariable`. */
  readonly returnValue?: Record<string, unknown>;
}

/** How one activity type runs. */
export interface ActivityHandler {
  /**
   * True for activities that end at once (Set Variable, Filter, Fail): one final row is
   * written, never an InProgress one.
   */
  readonly instant?: boolean;
  /** The input the run shows; default the resolved typeProperties. */
  input?(attempt: Attempt): unknown;
  run(attempt: Attempt, input: unknown): Promise<AttemptResult>;
}
