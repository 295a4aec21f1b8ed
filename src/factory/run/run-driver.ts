import type { JsonValue } from "../../core/index.js";
import type { FactoryStore, PipelineRunRecord } from "../../store/index.js";
import {
  activityErrorFrom,
  pipelineFailure,
  type ActivityError,
  type BranchResult,
} from "../engine/index.js";
import { isPlainObject } from "../engine/parameter-types.js";
import type { HandlerLookup } from "./activity-runner.js";
import { runContainer } from "./container-runner.js";
import { topPosition } from "./position.js";
import { asJson, type EngineServices, type RunContext } from "./run-context.js";
import { RunHistory } from "./run-history.js";
import type { RunRecorder } from "./run-recorder.js";
import { seedRerun, type RerunPlan } from "./rerun-plan.js";
import { loadRunSetup } from "./run-setup.js";

/** What driving one run needs. */
export interface DriveEnv {
  readonly factories: FactoryStore;
  readonly recorder: RunRecorder;
  readonly services: EngineServices;
  readonly handlerOf: HandlerLookup;
  /** This server's lease name: the final write holds only while the lease is ours. */
  readonly owner: string;
}

/** Why a driven run stopped early. */
export interface DriveControl {
  readonly signal: AbortSignal;
  /** True when the abort means this server lost the run (write nothing more). */
  lost(): boolean;
  /** True when the run was just started here: it has no activity runs to resume. */
  readonly fresh: boolean;
}

/**
 * Drives a started (InProgress) or cancelling run to its end and records the end. A run
 * that already has activity runs (a restart) resumes: finished activities are reused,
 * attempts in progress re-attach. Returns the final record, or undefined when the run was
 * lost to another server.
 */
export async function driveRun(
  run: PipelineRunRecord,
  env: DriveEnv,
  control: DriveControl,
): Promise<PipelineRunRecord | undefined> {
  let result: BranchResult;
  let failure: ActivityError | undefined;
  let ctx: RunContext | undefined;
  try {
    ctx = await contextFor(run, env, control);
    result = await runContainer(
      ctx,
      ctx.pipeline.properties.activities,
      topPosition(),
      env.handlerOf,
    );
    if (result.status === "Failed" && result.failedActivity !== undefined) {
      failure = pipelineFailure(
        { status: "Failed", evaluated: [result.failedActivity], failed: [result.failedActivity] },
        { [result.failedActivity]: result.error },
      );
    }
  } catch (error) {
    // The definition could not be loaded or a store write failed: the run fails as a whole.
    result = { status: "Failed" };
    failure = activityErrorFrom(run.pipelineName, error);
  }
  if (control.lost()) return undefined;
  const status = control.signal.aborted ? "Cancelled" : result.status;
  const end = env.services.clock.now();
  const message = failure ? (ctx?.masker.maskValue(failure.message) ?? failure.message) : "";
  return env.recorder.runs.update(
    run.runId,
    {
      status,
      runEnd: end,
      durationInMs: Math.max(0, end - run.runStart),
      message: status === "Cancelled" ? "" : message,
      ...(ctx ? { variables: asJson(ctx.variables) as Record<string, JsonValue> } : {}),
      ...(ctx?.returnValue ? { returnValue: asJson(ctx.returnValue) } : {}),
      engineState: {
        ...(isPlainObject(run.engineState) ? run.engineState : {}),
        ...(failure ? { error: asJson(ctx ? ctx.masker.maskValue(failure) : failure) } : {}),
      } as JsonValue,
    },
    { ifStatus: ["InProgress", "Canceling"], leaseOwner: env.owner },
  );
}

async function contextFor(
  run: PipelineRunRecord,
  env: DriveEnv,
  control: DriveControl,
): Promise<RunContext> {
  const setup = await loadRunSetup(env.factories, run);
  const history = new RunHistory();
  // A run started just now has no rows: skip the read on the hot path.
  if (!control.fresh) {
    history.addOwn(await env.recorder.allActivityRuns(run.runId));
  }
  const rerun = rerunPlanOf(run);
  if (rerun) {
    const rows = await env.recorder.allActivityRuns(rerun.referenceRunId);
    seedRerun(history, rerun, setup.pipeline.properties.activities, rows);
  }
  return {
    run,
    pipeline: setup.pipeline,
    system: setup.system,
    parameters: run.parameters,
    globalParameters: setup.globalParameters,
    variables: { ...run.variables },
    returnValue: isPlainObject(run.returnValue) ? { ...run.returnValue } : null,
    masker: setup.masker,
    signal: control.signal,
    history,
    recorder: env.recorder,
    services: env.services,
  };
}

function rerunPlanOf(run: PipelineRunRecord): RerunPlan | undefined {
  if (!isPlainObject(run.engineState) || !isPlainObject(run.engineState.rerun)) return undefined;
  return run.engineState.rerun as unknown as RerunPlan;
}
