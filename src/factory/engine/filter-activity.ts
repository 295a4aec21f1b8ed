import { adfTypeName } from "./adf-type-name.js";
import type { Planned } from "./for-each-plan.js";
import { userError } from "./run-status.js";

/** ADF's Filter output: `@activity('F').output.value` reads `Value` (names are case-insensitive). */
export interface FilterOutput {
  readonly ItemsCount: number;
  readonly FilteredItemsCount: number;
  readonly Value: readonly unknown[];
}

/**
 * Filter: keeps the `items` for which `condition(item)` is `true`. The caller evaluates the
 * condition expression with `item()` bound to each element. Items that are not an array, or
 * a condition that is not a boolean, fail the activity; an expression error thrown by
 * `condition` propagates to the caller.
 */
export function filterItems(
  activityName: string,
  items: unknown,
  itemsText: string,
  condition: (item: unknown) => unknown,
): Planned<FilterOutput> {
  if (!Array.isArray(items)) {
    return {
      ok: false,
      error: userError(
        activityName,
        "InvalidTemplate",
        `The items expression '${itemsText}' of Filter '${activityName}' evaluated to type '${adfTypeName(items)}'; it must evaluate to an Array.`,
      ),
    };
  }
  const kept: unknown[] = [];
  for (const item of items) {
    const verdict = condition(item);
    if (typeof verdict !== "boolean") {
      return {
        ok: false,
        error: userError(
          activityName,
          "InvalidTemplate",
          `The condition of Filter '${activityName}' evaluated to type '${adfTypeName(verdict)}' for item ${JSON.stringify(item)}; it must evaluate to a Boolean.`,
        ),
      };
    }
    if (verdict) kept.push(item);
  }
  return {
    ok: true,
    plan: { ItemsCount: items.length, FilteredItemsCount: kept.length, Value: kept },
  };
}
