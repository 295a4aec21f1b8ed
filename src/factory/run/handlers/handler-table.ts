import type { ActivityExecutors } from "../../activities/activity-executor.js";
import { activityTypesSluiceDoesNotRun } from "../../catalogue/index.js";
import type { Activity } from "../../model/pipeline.js";
import type { ActivityHandler } from "../activity-handler.js";
import type { HandlerLookup } from "../activity-runner.js";
import { forEachHandler, ifHandler, switchHandler, untilHandler } from "./control-activities.js";
import { executePipelineHandler } from "./execute-pipeline.js";
import type { ActivityStub } from "../engine-deps.js";
import { executorHandler, stubHandler, unsupportedHandler } from "./executor-handler.js";
import { failHandler, filterHandler, waitHandler } from "./simple-activities.js";
import { appendVariableHandler, setVariableHandler } from "./variable-activities.js";

/**
 * The handler of each activity type: the engine's own (control flow, variables, Wait, Fail,
 * Filter, Execute Pipeline), then the executors given, by type in any case. A type with
 * neither fails the activity with `ActivityTypeNotSupported`.
 */
export function createHandlerLookup(
  executors: ActivityExecutors,
  stub?: ActivityStub,
): HandlerLookup {
  const table = new Map<string, ActivityHandler>();
  const lookup: HandlerLookup = (activity: Activity) => {
    const outcome = stub?.(activity);
    if (outcome) return stubHandler(outcome);
    return table.get(activity.type.toLowerCase()) ?? unsupportedOf(activity.type);
  };
  const own: Record<string, ActivityHandler> = {
    SetVariable: setVariableHandler,
    AppendVariable: appendVariableHandler,
    Wait: waitHandler,
    Fail: failHandler,
    Filter: filterHandler,
    ExecutePipeline: executePipelineHandler,
    ForEach: forEachHandler(lookup),
    IfCondition: ifHandler(lookup),
    Switch: switchHandler(lookup),
    Until: untilHandler(lookup),
  };
  for (const [type, executor] of Object.entries(executors)) {
    table.set(type.toLowerCase(), executorHandler(executor));
  }
  for (const [type, handler] of Object.entries(own)) table.set(type.toLowerCase(), handler);
  return lookup;
}

const reasons = new Map(
  Object.entries(activityTypesSluiceDoesNotRun).map(([type, why]) => [type.toLowerCase(), why]),
);

function unsupportedOf(type: string): ActivityHandler {
  const reason =
    reasons.get(type.toLowerCase()) ?? "no executor for it is configured on this server";
  return unsupportedHandler(type, reason);
}
