import type { JsonObject } from "../../core/index.js";

/** `createRun`'s query options, as ADF's REST API names them. */
export interface CreateRunOptions {
  /** Rerun: the run to rerun (its group, parameters and, with the options below, results). */
  readonly referencePipelineRunId?: string;
  /** Recovery mode: the new run joins the referenced run's group. */
  readonly isRecovery?: boolean;
  /** Rerun from the referenced run's failed activities, keeping its succeeded ones. */
  readonly startFromFailure?: boolean;
  /** Rerun from this activity (and what depends on it), keeping what ran before it. */
  readonly startActivityName?: string;
  /**
   * The new run's id (not a REST option): the scheduler picks it before creating the run, so a
   * fire retried after a crash finds its run instead of starting a second. Default a fresh id.
   */
  readonly runId?: string;
}

/** Who asks for a run; default a manual run. */
export interface RunInvoker {
  readonly name: string;
  readonly id: string;
  readonly invokedByType: string;
}

/**
 * Pipeline runs in ADF's REST shapes. Bodies are ADF's JSON; results are ADF's JSON (runs and
 * activity runs with secure values masked). Errors are `SluiceError`s (`StoreNotFound` for an
 * unknown factory, pipeline or run; `InvalidArgument` naming the field for a bad body or
 * parameter); a refused request changes nothing.
 */
export interface PipelineRunService {
  /** `POST pipelines/{p}/createRun`: `body` is the parameters object (or empty). */
  createRun(
    factory: string,
    pipeline: string,
    body: unknown,
    options?: CreateRunOptions,
    invoker?: RunInvoker,
  ): Promise<{ readonly runId: string }>;
  /** `GET pipelineruns/{runId}`. */
  getRun(factory: string, runId: string): Promise<JsonObject>;
  /** `POST pipelineruns/{runId}/cancel`; `isRecursive` cancels ExecutePipeline children too. */
  cancelRun(
    factory: string,
    runId: string,
    options?: { readonly isRecursive?: boolean },
  ): Promise<void>;
  /** `POST queryPipelineRuns`: `{ value, continuationToken? }`. */
  queryRuns(factory: string, body: unknown): Promise<JsonObject>;
  /** `POST pipelineruns/{runId}/queryActivityruns`: `{ value, continuationToken? }`. */
  queryActivityRuns(factory: string, runId: string, body: unknown): Promise<JsonObject>;
}
