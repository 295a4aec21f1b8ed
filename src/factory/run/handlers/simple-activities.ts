import { evaluate, resolveExpressions } from "../../../expressions/index.js";
import { failActivityError, filterItems, waitMs, type FailField } from "../../engine/index.js";
import type { ActivityHandler, Attempt, AttemptResult } from "../activity-handler.js";

/** Wait: sleeps `waitTimeInSeconds`; a resumed Wait sleeps only what is left. */
export const waitHandler: ActivityHandler = {
  run: async (attempt, input): Promise<AttemptResult> => {
    const properties = input as Record<string, unknown>;
    const ms = waitMs(properties.waitTimeInSeconds, `activities['${attempt.activity.name}']`);
    const { clock, sleep } = attempt.ctx.services;
    const start = attempt.resumed?.activityRunStart ?? clock.now();
    await sleep(start + ms - clock.now(), attempt.signal);
    return { status: "Succeeded", output: {} };
  },
};

/** Fail: ends Failed with the evaluated message and error code (ADF's fallbacks apply). */
export const failHandler: ActivityHandler = {
  instant: true,
  // The input shows what the fields evaluated to; one that would not evaluate shows null.
  input: (attempt) => {
    const properties = attempt.activity.typeProperties ?? {};
    const shown: Record<string, unknown> = {};
    for (const name of ["message", "errorCode"]) {
      const field = failField(attempt, properties, name);
      if (field.kind !== "missing") shown[name] = field.kind === "value" ? field.value : null;
    }
    return shown;
  },
  run: async (attempt): Promise<AttemptResult> => {
    const properties = attempt.activity.typeProperties ?? {};
    return {
      status: "Failed",
      error: failActivityError(
        attempt.activity.name,
        failField(attempt, properties, "message"),
        failField(attempt, properties, "errorCode"),
      ),
      retryable: false,
    };
  },
};

function failField(
  attempt: Attempt,
  properties: Readonly<Record<string, unknown>>,
  name: string,
): FailField {
  if (!(name in properties)) return { kind: "missing" };
  try {
    return { kind: "value", value: resolveExpressions(properties[name], attempt.scope()) };
  } catch {
    // ADF reports an unevaluable message or code with its own fallback wording.
    return { kind: "error" };
  }
}

/** Filter: the items for which `condition` holds, with `item()` bound to each. */
export const filterHandler: ActivityHandler = {
  instant: true,
  input: (attempt) => {
    const properties = attempt.activity.typeProperties ?? {};
    return { items: resolveExpressions(properties.items, attempt.scope()) };
  },
  run: async (attempt, input): Promise<AttemptResult> => {
    const properties = attempt.activity.typeProperties ?? {};
    const scope = attempt.scope();
    const conditionText = expressionText(properties.condition);
    const planned = filterItems(
      attempt.activity.name,
      (input as { items: unknown }).items,
      expressionText(properties.items),
      (item) => evaluate(conditionText, { ...scope, item }),
    );
    if (!planned.ok) return { status: "Failed", error: planned.error, retryable: false };
    return { status: "Succeeded", output: planned.plan };
  },
};

/** The expression text of a property written as `"@..."` or `{ value, type: "Expression" }`. */
export function expressionText(property: unknown): string {
  if (typeof property === "string") return property;
  if (typeof property === "object" && property !== null && "value" in property) {
    return String((property as { value: unknown }).value);
  }
  return JSON.stringify(property ?? null);
}
