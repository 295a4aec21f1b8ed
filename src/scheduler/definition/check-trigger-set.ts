import type { TriggerProblem } from "./json-reader.js";
import { parseTrigger } from "./parse-trigger.js";
import type { TriggerSpec } from "./trigger-spec.js";

/** One trigger's problems, found among the whole set of a factory's triggers. */
export interface TriggerSetProblem extends TriggerProblem {
  /** The trigger's name as given. */
  readonly trigger: string;
}

/**
 * Checks every trigger of a factory: each one's own fields ({@link parseTrigger}), and that a
 * tumbling window dependency names a tumbling window trigger of the same factory.
 */
export function checkTriggerSet(triggers: readonly unknown[]): TriggerSetProblem[] {
  const parsed = triggers.map((json) => ({ json, ...parseTrigger(json) }));
  const types = new Map<string, string>();
  for (const { json, spec } of parsed) {
    const name = (json as { name?: unknown }).name;
    const type = (json as { properties?: { type?: unknown } }).properties?.type;
    if (typeof name === "string") types.set(name.toLowerCase(), spec?.type ?? String(type));
  }
  const problems: TriggerSetProblem[] = [];
  for (const { json, spec, problems: own } of parsed) {
    const trigger = String((json as { name?: unknown }).name ?? "");
    problems.push(...own.map((p) => ({ ...p, trigger })));
    if (spec?.type === "TumblingWindowTrigger")
      problems.push(...dependencyProblems(spec, types, trigger));
  }
  return problems;
}

function dependencyProblems(
  spec: Extract<TriggerSpec, { type: "TumblingWindowTrigger" }>,
  types: Map<string, string>,
  trigger: string,
): TriggerSetProblem[] {
  const problems: TriggerSetProblem[] = [];
  spec.dependsOn.forEach((dependency, i) => {
    if (dependency.self) return;
    const type = types.get(dependency.trigger.toLowerCase());
    const path = `$.properties.typeProperties.dependsOn[${i}].referenceTrigger.referenceName`;
    if (type === undefined) {
      problems.push({
        trigger,
        jsonPath: path,
        code: "MissingReference",
        message: `trigger "${trigger}": dependsOn names trigger "${dependency.trigger}", which does not exist in the factory`,
      });
    } else if (type !== "TumblingWindowTrigger") {
      problems.push({
        trigger,
        jsonPath: path,
        code: "InvalidValue",
        message: `trigger "${trigger}": dependsOn names trigger "${dependency.trigger}", a ${type}; allowed: tumbling window triggers only`,
      });
    }
  });
  return problems;
}
