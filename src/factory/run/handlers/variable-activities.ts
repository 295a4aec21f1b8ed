import { evaluate, resolveExpressions } from "../../../expressions/index.js";
import {
  appendVariable,
  pipelineReturnValue,
  returnValueVariable,
  setsReturnValue,
  setVariable,
} from "../../engine/index.js";
import type { ActivityHandler, Attempt, AttemptResult } from "../activity-handler.js";

interface VariableInput {
  readonly variableName: string;
  readonly value: unknown;
}

// `value` is resolved here, not with the rest of typeProperties: a return value's entries
// hold typed `{type, content}` values that pipelineReturnValue evaluates itself.
function variableInput(attempt: Attempt): VariableInput {
  const properties = attempt.activity.typeProperties ?? {};
  const scope = attempt.scope();
  const variableName = String(resolveExpressions(properties.variableName ?? "", scope));
  const value = setsReturnValue(properties)
    ? pipelineReturnValue(properties.value, (text) => evaluate(text, scope))
    : resolveExpressions(properties.value ?? null, scope);
  return { variableName, value };
}

/** Set Variable: a pipeline variable, or the pipeline return value (`setSystemVariable`). */
export const setVariableHandler: ActivityHandler = {
  instant: true,
  input: variableInput,
  run: async (attempt, input): Promise<AttemptResult> => {
    const { variableName, value } = input as VariableInput;
    const { ctx, activity } = attempt;
    if (setsReturnValue(activity.typeProperties)) {
      const returnValue = { ...(ctx.returnValue ?? {}), ...(value as Record<string, unknown>) };
      return {
        status: "Succeeded",
        output: { name: returnValueVariable, value },
        returnValue,
      };
    }
    const update = setVariable(
      activity.name,
      ctx.pipeline.properties.variables,
      ctx.variables,
      variableName,
      value,
    );
    if (!update.ok) return { status: "Failed", error: update.error, retryable: false };
    return { status: "Succeeded", output: update.output, variables: update.variables };
  },
};

/** Append Variable: adds the value to an Array variable. */
export const appendVariableHandler: ActivityHandler = {
  instant: true,
  input: variableInput,
  run: async (attempt, input): Promise<AttemptResult> => {
    const { variableName, value } = input as VariableInput;
    const { ctx, activity } = attempt;
    const update = appendVariable(
      activity.name,
      ctx.pipeline.properties.variables,
      ctx.variables,
      variableName,
      value,
    );
    if (!update.ok) return { status: "Failed", error: update.error, retryable: false };
    return { status: "Succeeded", output: update.output, variables: update.variables };
  },
};
