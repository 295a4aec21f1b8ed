import type { ActivityResult, ExpressionScope } from "../../expressions/index.js";
import type { ActivityError, ActivityStatus } from "./run-status.js";

/**
 * `pipeline()`'s system variables for a run (ADF "System variables"). `TriggerType` is
 * `Manual` for createRun, `PipelineActivity` for an Execute Pipeline child, or the trigger's
 * type; `TriggeredByPipelineName`/`RunId` are set only for such a child (null otherwise).
 * `TriggerTime` is ISO 8601 UTC.
 */
export interface SystemVariables {
  readonly DataFactory: string;
  readonly Pipeline: string;
  readonly RunId: string;
  readonly TriggerType: string;
  readonly TriggerId: string;
  readonly TriggerName: string;
  readonly TriggerTime: string;
  readonly GroupId: string;
  readonly TriggeredByPipelineName?: string | null;
  readonly TriggeredByPipelineRunId?: string | null;
}

/**
 * One level of nesting the evaluated activity sits in: the pipeline itself (outermost), then
 * each enclosing container's current run (a ForEach iteration, an If branch, an Until
 * iteration). `activities` holds the results of the activities of that level that have run;
 * `iteration` is set for a ForEach iteration (or a Filter item) with its current item.
 */
export interface ScopeFrame {
  readonly activities: Readonly<Record<string, ActivityResult>>;
  readonly iteration?: { readonly item: unknown };
}

/** Everything {@link scopeFor} needs. */
export interface ScopeInput {
  readonly system: SystemVariables;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly globalParameters?: Readonly<Record<string, unknown>>;
  readonly variables: Readonly<Record<string, unknown>>;
  /** Outermost (the pipeline) first, innermost last. */
  readonly frames: readonly ScopeFrame[];
  readonly trigger?: Readonly<Record<string, unknown>>;
  readonly triggerBody?: Readonly<Record<string, unknown>>;
  /** The instant `utcNow()` reads; the engine passes its Clock's time. */
  readonly now?: string | Date;
}

/**
 * The ExpressionScope for an activity: system variables, parameters, global parameters,
 * variables (pipeline-global, as in ADF), the results of activities that have run in the
 * pipeline and every enclosing container's current run (activity names are unique in a
 * pipeline, so levels do not collide; an inner level wins if they did), and `item()` of the
 * innermost ForEach iteration. Sluice allows ForEach inside ForEach (ADF does not); an inner
 * loop's `item()` hides the outer one, as a nested loop variable would.
 */
export function scopeFor(input: ScopeInput): ExpressionScope {
  const activities: Record<string, ActivityResult> = {};
  let item: unknown = undefined;
  for (const frame of input.frames) {
    Object.assign(activities, frame.activities);
    if (frame.iteration) item = frame.iteration.item;
  }
  const pipeline = {
    ...input.system,
    TriggeredByPipelineName: input.system.TriggeredByPipelineName ?? null,
    TriggeredByPipelineRunId: input.system.TriggeredByPipelineRunId ?? null,
  };
  return {
    pipeline,
    parameters: input.parameters,
    globalParameters: input.globalParameters ?? {},
    variables: input.variables,
    activities,
    ...(item === undefined ? {} : { item }),
    ...(input.trigger ? { trigger: input.trigger } : {}),
    ...(input.triggerBody ? { triggerBody: input.triggerBody } : {}),
    ...(input.now === undefined ? {} : { now: input.now }),
  };
}

/** What the engine knows of one activity run, to expose to expressions. */
export interface RecordedRun {
  readonly status: ActivityStatus | undefined;
  readonly output?: unknown;
  readonly error?: ActivityError;
  /** Set for an inactive activity: it never ran and has no output or error. */
  readonly inactive?: boolean;
}

/**
 * The `activity('X')` results of one level: activities that ran to Succeeded or Failed
 * (`{ output, status, error }`, `Status` being what ADF's error-handling patterns test), and
 * inactive ones (their marked status only, as ADF documents: no output, no error). Skipped,
 * cancelled and unfinished activities are left out: reading them is an expression error.
 */
export function frameActivities(
  runs: Readonly<Record<string, RecordedRun>>,
): Record<string, ActivityResult> {
  const results: Record<string, ActivityResult> = {};
  for (const [name, run] of Object.entries(runs)) {
    if (run.inactive && run.status !== undefined) results[name] = { status: run.status };
    else if (run.status === "Succeeded" || run.status === "Failed") {
      results[name] = {
        output: run.output ?? {},
        status: run.status,
        ...(run.error ? { error: run.error } : {}),
      };
    }
  }
  return results;
}
