import type { AccessorName } from "./ast.js";
import { fail } from "./expression-error.js";
import { expectString } from "./functions/argument-checks.js";
import type { ExpressionScope } from "./scope.js";
import { getProperty, hasProperty } from "./values.js";

const empty: Readonly<Record<string, unknown>> = Object.freeze({});
const pipelineObjects = new WeakMap<ExpressionScope, Record<string, unknown>>();

/** `pipeline()`: the system variables plus `parameters` and `globalParameters`. Built once per scope. */
function pipelineObject(scope: ExpressionScope): Record<string, unknown> {
  let object = pipelineObjects.get(scope);
  if (!object) {
    object = {
      ...scope.pipeline,
      parameters: scope.parameters ?? empty,
      globalParameters: scope.globalParameters ?? empty,
    };
    pipelineObjects.set(scope, object);
  }
  return object;
}

function named(
  kind: "variable" | "activity",
  bag: Readonly<Record<string, unknown>> | undefined,
  name: string,
): unknown {
  if (bag && hasProperty(bag, name)) return getProperty(bag, name);
  const known = bag ? Object.keys(bag) : [];
  const list = known.length ? `; known: ${known.slice(0, 20).join(", ")}` : "";
  if (kind === "variable") {
    return fail("ExpressionMissingVariable", `The pipeline has no variable '${name}'${list}.`, {
      variable: name,
    });
  }
  return fail(
    "ExpressionMissingActivity",
    `No activity named '${name}' has run before this one${list}. An activity's output is available only to activities that depend on it.`,
    { activity: name },
  );
}

function required(value: unknown, accessor: string, where: string): unknown {
  if (value === undefined)
    fail("ExpressionNoScope", `${accessor}() has no value here: ${where}.`, { accessor });
  return value;
}

/** The value of an accessor call, read from the scope. */
export function accessorValue(
  name: AccessorName,
  args: readonly unknown[],
  scope: ExpressionScope,
): unknown {
  switch (name) {
    case "pipeline":
      return pipelineObject(scope);
    case "variables":
      return named("variable", scope.variables, expectString("variables", args, 0));
    case "activity":
      return named("activity", scope.activities, expectString("activity", args, 0));
    case "item":
      return required(
        scope.item,
        "item",
        "it is available only inside a ForEach or Filter activity",
      );
    case "dataset":
      return required(scope.dataset, "dataset", "it is available only in a dataset definition");
    case "linkedService":
      return required(
        scope.linkedService,
        "linkedService",
        "it is available only in a linked service definition",
      );
    case "trigger":
      return required(
        scope.trigger,
        "trigger",
        "it is available only in a trigger's pipeline parameters",
      );
    case "triggerBody":
      return required(
        scope.triggerBody,
        "triggerBody",
        "it is available only in a storage or custom event trigger",
      );
  }
}
