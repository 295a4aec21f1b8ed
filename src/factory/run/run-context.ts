import type { Clock, JsonValue, Logger, RandomSource } from "../../core/index.js";
import type { PipelineRunRecord } from "../../store/index.js";
import type { ActivityExecutors } from "../activities/activity-executor.js";
import type { FactoryResources } from "../activities/factory-resources.js";
import type { Masker, SystemVariables } from "../engine/index.js";
import type { PipelineResource } from "../model/pipeline.js";
import type { Sleep } from "./engine-deps.js";
import type { RunHistory } from "./run-history.js";
import type { RunRecorder } from "./run-recorder.js";

/** Starting and awaiting other pipeline runs (Execute Pipeline), provided by the engine. */
export interface ChildRuns {
  /**
   * Creates (or, when `runId` already exists, finds) a run of `pipeline` invoked by the
   * parent; throws like createRun for unknown pipelines or bad parameters.
   */
  start(request: {
    readonly runId: string;
    readonly factory: string;
    readonly pipeline: string;
    readonly parameters: Readonly<Record<string, unknown>>;
    readonly parent: PipelineRunRecord;
    readonly activityName: string;
  }): Promise<PipelineRunRecord>;
  /** Resolves with the run once it ended; early (with the current record) when `signal` aborts. */
  waitForEnd(runId: string, signal: AbortSignal): Promise<PipelineRunRecord>;
  /** Cancels the run (and its children when recursive). */
  cancel(runId: string, recursive: boolean): Promise<void>;
}

/** What every activity of one pipeline run shares while the run is driven. */
export interface RunContext {
  readonly run: PipelineRunRecord;
  readonly pipeline: PipelineResource;
  readonly system: SystemVariables;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly globalParameters: Readonly<Record<string, unknown>>;
  /** The run's variables (ADF's are pipeline-global, also inside loops). */
  variables: Record<string, unknown>;
  /** The pipeline return value so far (`setSystemVariable`), or null. */
  returnValue: Record<string, unknown> | null;
  readonly masker: Masker;
  /** Aborted when the run is cancelled (or this server lost the run). */
  readonly signal: AbortSignal;
  readonly history: RunHistory;
  readonly recorder: RunRecorder;
  readonly services: EngineServices;
}

/** The engine's tools, the same for every run. */
export interface EngineServices {
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly logger: Logger;
  readonly sleep: Sleep;
  readonly executors: ActivityExecutors;
  readonly children: ChildRuns;
  resourcesOf(factory: string): FactoryResources;
}

/** A value as the store keeps it. */
export function asJson(value: unknown): JsonValue {
  return (value === undefined ? null : value) as JsonValue;
}
