import { evaluate, resolveExpressions } from "../../../expressions/index.js";
import {
  afterUntilIteration,
  controlOutcome,
  planForEach,
  selectIfBranch,
  selectSwitchCase,
  untilTimeoutMs,
  type BranchResult,
  type SwitchCase,
} from "../../engine/index.js";
import type { Activity } from "../../model/pipeline.js";
import type { ActivityHandler, Attempt, AttemptResult } from "../activity-handler.js";
import type { HandlerLookup } from "../activity-runner.js";
import { runContainer } from "../container-runner.js";
import { innerPosition, scopeAt } from "../position.js";
import { expressionText } from "./simple-activities.js";

const noInput = (): unknown => ({});

function activitiesOf(properties: Readonly<Record<string, unknown>>, key: string): Activity[] {
  const list = properties[key];
  return Array.isArray(list) ? (list as Activity[]) : [];
}

function ended(attempt: Attempt, runs: readonly BranchResult[]): AttemptResult {
  const outcome = controlOutcome(attempt.activity.name, runs);
  return outcome.error
    ? { status: outcome.status, error: outcome.error, output: {} }
    : { status: outcome.status, output: {} };
}

/**
 * ForEach: the inner activities once per item, `batchCount` iterations at once (or one by
 * one when `isSequential`); every iteration runs even when one fails, as in ADF. Inner
 * activities see the innermost `item()`; ForEach may nest (beyond ADF).
 */
export function forEachHandler(handlerOf: HandlerLookup): ActivityHandler {
  return {
    input: noInput,
    run: async (attempt): Promise<AttemptResult> => {
      const properties = attempt.activity.typeProperties ?? {};
      const scope = attempt.scope();
      const items = resolveExpressions(properties.items, scope);
      const settings = resolveExpressions(
        { batchCount: properties.batchCount, isSequential: properties.isSequential },
        scope,
      ) as Record<string, unknown>;
      const planned = planForEach(
        attempt.activity.name,
        settings,
        items,
        expressionText(properties.items),
      );
      if (!planned.ok) return { status: "Failed", error: planned.error, retryable: false };
      const { plan } = planned;
      const inner = activitiesOf(properties, "activities");
      const results: BranchResult[] = new Array<BranchResult>(plan.items.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < plan.items.length && !attempt.ctx.signal.aborted) {
          const index = next++;
          const position = innerPosition(attempt.position, `${attempt.activity.name}[${index}]`, {
            item: plan.items[index],
            index,
          });
          results[index] = await runContainer(attempt.ctx, inner, position, handlerOf);
        }
      };
      const workers = Math.min(plan.concurrency, plan.items.length);
      // allSettled, not all: when one iteration throws (the server lets go of the run), the
      // others still end their writes before the run is handed over, never after.
      const settled = await Promise.allSettled(Array.from({ length: workers }, worker));
      const failure = settled.find((outcome) => outcome.status === "rejected");
      if (failure) throw failure.reason;
      if (attempt.ctx.signal.aborted && results.some((r) => r === undefined)) {
        return { status: "Cancelled" };
      }
      return ended(attempt, results);
    },
  };
}

/** If Condition: one branch by the expression's boolean. */
export function ifHandler(handlerOf: HandlerLookup): ActivityHandler {
  return {
    input: noInput,
    run: async (attempt): Promise<AttemptResult> => {
      const properties = attempt.activity.typeProperties ?? {};
      const value = resolveExpressions(properties.expression, attempt.scope());
      const chosen = selectIfBranch(
        attempt.activity.name,
        value,
        expressionText(properties.expression),
      );
      if (!chosen.ok) return { status: "Failed", error: chosen.error, retryable: false };
      const segment = `${attempt.activity.name}.${chosen.plan === "ifTrueActivities" ? "true" : "false"}`;
      const position = innerPosition(attempt.position, segment);
      const branch = activitiesOf(properties, chosen.plan);
      return ended(attempt, [await runContainer(attempt.ctx, branch, position, handlerOf)]);
    },
  };
}

/** Switch: the first case whose value equals `on`, else the default activities. */
export function switchHandler(handlerOf: HandlerLookup): ActivityHandler {
  return {
    input: noInput,
    run: async (attempt): Promise<AttemptResult> => {
      const properties = attempt.activity.typeProperties ?? {};
      const on = resolveExpressions(properties.on, attempt.scope());
      const cases = (Array.isArray(properties.cases) ? properties.cases : []) as SwitchCase[];
      const chosen = selectSwitchCase(
        attempt.activity.name,
        on,
        cases,
        expressionText(properties.on),
      );
      if (!chosen.ok) return { status: "Failed", error: chosen.error, retryable: false };
      const segment = chosen.plan === "default" ? "default" : `case${chosen.plan}`;
      const branch =
        chosen.plan === "default"
          ? activitiesOf(properties, "defaultActivities")
          : [...(cases[chosen.plan]?.activities ?? [])];
      const position = innerPosition(attempt.position, `${attempt.activity.name}.${segment}`);
      return ended(attempt, [await runContainer(attempt.ctx, branch, position, handlerOf)]);
    },
  };
}

/**
 * Until: runs the inner activities, then evaluates the expression (seeing that iteration's
 * results), until it is true or the timeout passes. Each iteration is its own container
 * (`Until1[0]`, `Until1[1]`...), so a resumed loop finds its finished iterations.
 */
export function untilHandler(handlerOf: HandlerLookup): ActivityHandler {
  return {
    input: noInput,
    run: async (attempt): Promise<AttemptResult> => {
      const { ctx, activity } = attempt;
      const properties = activity.typeProperties ?? {};
      const timeout = resolveExpressions(properties.timeout, attempt.scope());
      const timeoutMs = untilTimeoutMs(timeout, `activities['${activity.name}']`);
      const startedAtMs = attempt.resumed?.activityRunStart ?? ctx.services.clock.now();
      const inner = activitiesOf(properties, "activities");
      const text = expressionText(properties.expression);
      // The engine's timer decides when the timeout has passed (it is what tests speed up).
      let expired = false;
      const stopTimer = new AbortController();
      const remaining = startedAtMs + timeoutMs - ctx.services.clock.now();
      void ctx.services.sleep(remaining, stopTimer.signal).then(() => {
        expired = !stopTimer.signal.aborted;
      });
      try {
        for (let index = 0; ; index++) {
          const position = innerPosition(attempt.position, `${activity.name}[${index}]`);
          const result = await runContainer(ctx, inner, position, handlerOf);
          const condition =
            result.status === "Cancelled" ? false : evaluate(text, scopeAt(ctx, position));
          const step = afterUntilIteration(activity.name, {
            condition,
            expressionText: text,
            result,
            startedAtMs,
            nowMs: expired
              ? Math.max(ctx.services.clock.now(), startedAtMs + timeoutMs)
              : ctx.services.clock.now(),
            timeoutMs,
          });
          if (step.kind === "done") {
            return step.error
              ? { status: step.status, error: step.error, output: {} }
              : { status: step.status, output: {} };
          }
        }
      } finally {
        stopTimer.abort();
      }
    },
  };
}
