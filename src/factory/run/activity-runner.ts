import { newUuid, type JsonValue } from "../../core/index.js";
import { resolveExpressions } from "../../expressions/index.js";
import type { ActivityRunError, ActivityRunRecord, NewActivityRun } from "../../store/index.js";
import {
  activityErrorFrom,
  maskSecureStrings,
  maskText,
  nextAttempt,
  resolvePolicy,
  timeoutFailure,
  type RecordedRun,
  type ResolvedPolicy,
} from "../engine/index.js";
import type { Activity, ActivityPolicy } from "../model/pipeline.js";
import type { AbortReason } from "../activities/activity-executor.js";
import type { ActivityHandler, Attempt, AttemptResult } from "./activity-handler.js";
import { AttemptProgress } from "./attempt-progress.js";
import { attemptStateOf, isDone, recordedOf, type AttemptState } from "./attempt-state.js";
import { scopeAt, type Position } from "./position.js";
import { asJson, type RunContext } from "./run-context.js";

/** Finds the handler of an activity type. */
export type HandlerLookup = (activity: Activity) => ActivityHandler;

/**
 * Runs one activity to its end: reuses a result the run (or the run a rerun reuses) already
 * has, resumes an attempt in progress after a restart, and otherwise runs attempts until one
 * succeeds or the policy's retries are spent, waiting `retryIntervalInSeconds` between them.
 * Every attempt is a row; the result is what expressions see.
 */
export async function runActivity(
  ctx: RunContext,
  activity: Activity,
  position: Position,
  handlerOf: HandlerLookup,
): Promise<RecordedRun> {
  const seed = ctx.history.seedOf(position.scopePath, activity.name);
  if (seed) return recordedOf(seed);
  const attempts = ctx.history.attemptsOf(position.scopePath, activity.name);
  const last = attempts.at(-1);
  if (last && isDone(last)) return recordedOf(last);
  const handler = handlerOf(activity);
  let policy: ResolvedPolicy;
  try {
    const resolved = resolveExpressions(activity.policy ?? {}, scopeAt(ctx, position));
    policy = resolvePolicy(resolved as ActivityPolicy, `activities['${activity.name}']`);
  } catch (error) {
    return failWithoutRunning(ctx, activity, position, error);
  }
  let retryAttempt = 0;
  let resumed: ActivityRunRecord | undefined;
  if (last && !isDone(last)) {
    const retryAt = attemptStateOf(last).retryAt;
    if (retryAt === undefined) {
      resumed = last;
      retryAttempt = last.retryAttempt ?? 0;
    } else {
      await ctx.services.sleep(retryAt - ctx.services.clock.now(), ctx.signal);
      retryAttempt = (last.retryAttempt ?? 0) + 1;
    }
  }
  for (;;) {
    if (ctx.signal.aborted) return { status: "Cancelled" };
    const ended = await runAttempt(ctx, activity, position, handler, policy, retryAttempt, resumed);
    if (ended.retryAt === undefined) return ended.recorded;
    await ctx.services.sleep(ended.retryAt - ctx.services.clock.now(), ctx.signal);
    retryAttempt += 1;
    resumed = undefined;
  }
}

interface AttemptEnd {
  readonly recorded: RecordedRun;
  readonly retryAt?: number;
}

async function runAttempt(
  ctx: RunContext,
  activity: Activity,
  position: Position,
  handler: ActivityHandler,
  policy: ResolvedPolicy,
  retryAttempt: number,
  resumed: ActivityRunRecord | undefined,
): Promise<AttemptEnd> {
  const { clock } = ctx.services;
  const activityRunId = resumed?.activityRunId ?? newUuid(ctx.services.random);
  const start = resumed?.activityRunStart ?? clock.now();
  const controller = new AbortController();
  const onCancel = (): void => controller.abort(ctx.signal.reason);
  if (ctx.signal.aborted) onCancel();
  else ctx.signal.addEventListener("abort", onCancel, { once: true });
  let timedOut = false;
  const deadline = start + policy.timeoutMs;
  void ctx.services.sleep(deadline - clock.now(), controller.signal).then(() => {
    if (controller.signal.aborted) return;
    timedOut = true;
    controller.abort("timedOut" satisfies AbortReason);
  });
  const progress = new AttemptProgress(ctx, activityRunId, policy.secureOutput);
  const attempt = attemptOf(ctx, activity, position, activityRunId, retryAttempt, resumed, {
    signal: controller.signal,
    timeoutMs: policy.timeoutMs,
    progress,
  });
  const base = rowBase(ctx, activity, position, activityRunId, retryAttempt, start);
  try {
    let input: unknown;
    // Whether this attempt's row exists: an input that fails to evaluate fails the activity
    // before the row of a non-instant activity is written, and recordEnd must then add it.
    let rowCreated = Boolean(resumed);
    let result: AttemptResult;
    try {
      input = handler.input ? handler.input(attempt) : resolvedTypeProperties(attempt);
      if (!handler.instant && !resumed) {
        await ctx.recorder.create(ctx.run.runId, {
          ...base,
          input: shownInput(ctx, policy, input),
        });
        rowCreated = true;
      }
      for (;;) {
        const basis = { variables: ctx.variables, returnValue: ctx.returnValue };
        result = await handler.run(attempt, input);
        // Closed before the staleness check: from that check until recordEnd applies the
        // result nothing may await (see staleUpdate), or a parallel append could be lost.
        await progress.close();
        if (!staleUpdate(ctx, basis, result)) break;
      }
    } catch (error) {
      await progress.close();
      result = { status: "Failed", error: activityErrorFrom(activity.name, error) };
    }
    // The server is letting go of the run: leave the attempt as it is for the next driver.
    if (ctx.signal.aborted && ctx.signal.reason === "serverStopping") throw new RunReleased();
    if (timedOut)
      result = { status: "Failed", error: timeoutFailure(activity.name, policy.timeoutMs) };
    else if (ctx.signal.aborted) result = { status: "Cancelled" };
    return await recordEnd(ctx, policy, base, input, result, rowCreated);
  } finally {
    ctx.signal.removeEventListener("abort", onCancel);
    controller.abort("cancelled" satisfies AbortReason);
  }
}

/**
 * True when the result changes the run's variables or return value but another activity
 * changed them while this one awaited its handler (parallel Append Variable in a ForEach):
 * the handler runs again on the current state, so no update is lost. Between this check and
 * recordEnd applying the result nothing yields, so no other update can slip in.
 */
function staleUpdate(
  ctx: RunContext,
  basis: { readonly variables: unknown; readonly returnValue: unknown },
  result: AttemptResult,
): boolean {
  if (result.variables === undefined && result.returnValue === undefined) return false;
  return ctx.variables !== basis.variables || ctx.returnValue !== basis.returnValue;
}

/** Thrown through the containers when the server stops driving a run mid-attempt. */
export class RunReleased extends Error {
  constructor() {
    super("The run was released by this server; another driver resumes it.");
  }
}

async function recordEnd(
  ctx: RunContext,
  policy: ResolvedPolicy,
  base: NewActivityRun,
  input: unknown,
  result: AttemptResult,
  rowExists: boolean,
): Promise<AttemptEnd> {
  const end = ctx.services.clock.now();
  const decision =
    result.status === "Failed"
      ? nextAttempt(base.retryAttempt ?? 0, { retryable: result.retryable ?? true }, policy, end)
      : { kind: "fail" as const };
  const retryAt = decision.kind === "retry" ? decision.atMs : undefined;
  const output = result.output === undefined ? null : asJson(result.output);
  const state: AttemptState = {
    ...(retryAt === undefined ? {} : { retryAt }),
    ...(policy.secureOutput && output !== null ? { output } : {}),
  };
  const start = base.activityRunStart ?? end;
  const final = {
    status: result.status,
    output: output === null ? null : policy.secureOutput ? maskText : ctx.masker.maskValue(output),
    error: result.error ? (ctx.masker.maskValue(result.error) as ActivityRunError) : null,
    activityRunEnd: end,
    durationInMs: Math.max(0, end - start),
    engineState: Object.keys(state).length === 0 ? null : (state as JsonValue),
  };
  if (rowExists) await ctx.recorder.update(base.activityRunId ?? "", final);
  else {
    const row: NewActivityRun = { ...base, input: shownInput(ctx, policy, input), ...final };
    if (result.variables !== undefined || result.returnValue !== undefined) {
      if (result.variables) ctx.variables = result.variables;
      if (result.returnValue) ctx.returnValue = result.returnValue;
      await ctx.recorder.finishWithVariables(ctx.run.runId, row, {
        variables: asJson(ctx.variables) as Record<string, JsonValue>,
        ...(result.returnValue ? { returnValue: asJson(ctx.returnValue) } : {}),
      });
    } else await ctx.recorder.create(ctx.run.runId, row);
  }
  const recorded: RecordedRun = {
    status: result.status,
    ...(result.output === undefined ? {} : { output: result.output }),
    ...(result.error ? { error: result.error } : {}),
  };
  return retryAt === undefined ? { recorded } : { recorded, retryAt };
}

function attemptOf(
  ctx: RunContext,
  activity: Activity,
  position: Position,
  activityRunId: string,
  retryAttempt: number,
  resumed: ActivityRunRecord | undefined,
  limits: {
    readonly signal: AbortSignal;
    readonly timeoutMs: number;
    readonly progress: AttemptProgress;
  },
): Attempt {
  return {
    ctx,
    activity,
    position,
    activityRunId,
    retryAttempt,
    signal: limits.signal,
    timeoutMs: limits.timeoutMs,
    resumed,
    scope: () => scopeAt(ctx, position),
    reportProgress: (progress) => limits.progress.report(progress),
    saveState: async (state) => {
      const previous = resumed ? attemptStateOf(resumed) : {};
      await ctx.recorder.update(activityRunId, {
        engineState: { ...previous, handler: asJson(state) } as JsonValue,
      });
    },
  };
}

function rowBase(
  ctx: RunContext,
  activity: Activity,
  position: Position,
  activityRunId: string,
  retryAttempt: number,
  start: number,
): NewActivityRun & { readonly activityRunId: string } {
  return {
    activityRunId,
    activityName: activity.name,
    activityType: activity.type,
    status: "InProgress",
    linkedServiceName: activity.linkedServiceName?.referenceName ?? null,
    retryAttempt: retryAttempt === 0 ? null : retryAttempt,
    activityRunStart: start,
    scopePath: position.scopePath,
    iterationIndex: position.iterationIndex,
    userProperties: userPropertiesOf(ctx, activity, position),
  };
}

/** The activity's typeProperties with expressions resolved in its scope. */
export function resolvedTypeProperties(attempt: Attempt): Record<string, unknown> {
  return resolveExpressions(attempt.activity.typeProperties ?? {}, attempt.scope()) as Record<
    string,
    unknown
  >;
}

function shownInput(ctx: RunContext, policy: ResolvedPolicy, input: unknown): JsonValue {
  if (policy.secureInput) return maskText;
  return ctx.masker.maskValue(maskSecureStrings(asJson(input)));
}

function userPropertiesOf(
  ctx: RunContext,
  activity: Activity,
  position: Position,
): Record<string, JsonValue> {
  const result: Record<string, JsonValue> = {};
  const properties = activity.userProperties ?? [];
  if (properties.length === 0) return result;
  const scope = scopeAt(ctx, position);
  for (const property of properties) {
    try {
      result[property.name] = ctx.masker.maskValue(
        asJson(resolveExpressions(property.value, scope)),
      );
    } catch {
      // A user property that does not evaluate shows as written: it is for monitoring only.
      result[property.name] = asJson(property.value);
    }
  }
  return result;
}

async function failWithoutRunning(
  ctx: RunContext,
  activity: Activity,
  position: Position,
  error: unknown,
): Promise<RecordedRun> {
  const now = ctx.services.clock.now();
  const failure = activityErrorFrom(activity.name, error);
  const base = rowBase(ctx, activity, position, newUuid(ctx.services.random), 0, now);
  await ctx.recorder.create(ctx.run.runId, {
    ...base,
    status: "Failed",
    error: ctx.masker.maskValue(failure) as ActivityRunError,
    activityRunEnd: now,
    durationInMs: 0,
  });
  return { status: "Failed", error: failure };
}
