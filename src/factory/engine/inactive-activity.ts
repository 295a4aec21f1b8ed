import { SluiceError } from "../../core/index.js";
import type { Activity } from "../model/pipeline.js";

/** The statuses an inactive activity may be marked as. */
export type InactiveMarkAs = "Succeeded" | "Failed" | "Skipped";

const markAsValues: readonly InactiveMarkAs[] = ["Succeeded", "Failed", "Skipped"];

/**
 * For an activity with `state: "Inactive"`: the status it reports instead of running
 * (`onInactiveMarkAs`, default Succeeded), which its dependents branch on as if it had ended
 * so. Undefined for an active activity. ADF's activity-run list shows such a run with the
 * reserved status `Inactive`; the engine records both. Case-insensitive, as ADF's JSON is.
 */
export function inactiveMarkAs(activity: Activity): InactiveMarkAs | undefined {
  if (!isInactive(activity)) return undefined;
  const raw: unknown = activity.onInactiveMarkAs;
  if (raw === undefined || raw === null) return "Succeeded";
  const found = markAsValues.find(
    (value) => typeof raw === "string" && value.toLowerCase() === raw.toLowerCase(),
  );
  if (found) return found;
  throw new SluiceError(
    "InvalidArgument",
    `Activity '${activity.name}' has onInactiveMarkAs '${String(raw)}'; allowed: ${markAsValues.join(", ")}.`,
    { details: { field: "onInactiveMarkAs", value: raw, allowed: markAsValues } },
  );
}

/** True when `state` is `Inactive` (any case); the default state is Active. */
export function isInactive(activity: Activity): boolean {
  const state: unknown = activity.state;
  return typeof state === "string" && state.toLowerCase() === "inactive";
}
