import type { Activity } from "../model/pipeline.js";
import { adfTypeName } from "./adf-type-name.js";
import type { Planned } from "./for-each-plan.js";
import { userError } from "./run-status.js";

/** The branch an If Condition runs. */
export type IfBranch = "ifTrueActivities" | "ifFalseActivities";

/**
 * If Condition: `ifTrueActivities` when the expression evaluated to `true`, else
 * `ifFalseActivities` (either may be absent: an empty branch succeeds). Anything but a
 * boolean fails the activity, as in ADF ("must evaluate to true or false").
 */
export function selectIfBranch(
  activityName: string,
  value: unknown,
  expressionText: string,
): Planned<IfBranch> {
  if (typeof value === "boolean") {
    return { ok: true, plan: value ? "ifTrueActivities" : "ifFalseActivities" };
  }
  return {
    ok: false,
    error: userError(
      activityName,
      "InvalidTemplate",
      `The expression '${expressionText}' of If Condition '${activityName}' evaluated to type '${adfTypeName(value)}'; it must evaluate to a Boolean.`,
    ),
  };
}

/** A Switch case as ADF stores it in `typeProperties.cases`. */
export interface SwitchCase {
  readonly value: unknown;
  readonly activities?: readonly Activity[];
}

/** The chosen case's index in `cases`, or `"default"` for `defaultActivities`. */
export type SwitchChoice = number | "default";

/**
 * Switch: the first case whose `value` equals the evaluated `on` (ADF's `on`; its docs also
 * show `expression`), compared as text and case-sensitively (an integer `on` compares as its
 * digits, since ADF allows string or integer); `"default"` when none matches. Any other
 * type of `on` fails the activity.
 */
export function selectSwitchCase(
  activityName: string,
  on: unknown,
  cases: readonly SwitchCase[] | undefined,
  expressionText: string,
): Planned<SwitchChoice> {
  if (typeof on !== "string" && !(typeof on === "number" && Number.isInteger(on))) {
    return {
      ok: false,
      error: userError(
        activityName,
        "InvalidTemplate",
        `The expression '${expressionText}' of Switch '${activityName}' evaluated to type '${adfTypeName(on)}'; it must evaluate to a String (or an Integer).`,
      ),
    };
  }
  const text = String(on);
  const index = (cases ?? []).findIndex(
    (c) => c.value !== null && c.value !== undefined && String(c.value) === text,
  );
  return { ok: true, plan: index >= 0 ? index : "default" };
}
