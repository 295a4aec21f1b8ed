import { SluiceError } from "../../core/index.js";
import { isPlainObject } from "./parameter-types.js";

/** The name ADF uses for the return value in Set Variable's `variableName`. */
export const returnValueVariable = "pipelineReturnValue";

/**
 * True when a Set Variable activity's `typeProperties` set the pipeline return value
 * (`setSystemVariable: true`, `variableName: "pipelineReturnValue"`) rather than a variable.
 */
export function setsReturnValue(
  typeProperties: Readonly<Record<string, unknown>> | undefined,
): boolean {
  const flag = typeProperties?.setSystemVariable;
  return flag === true || (typeof flag === "string" && flag.toLowerCase() === "true");
}

/** Evaluates one expression text (`"@..."` or `"...@{...}..."`) in the activity's scope. */
export type EvaluateText = (text: string) => unknown;

/**
 * The pipeline return value a Set Variable activity defines: ADF stores it as a list of
 * `{ key, value: { type, content } }` entries, with `type` one of String, Expression, Array,
 * Boolean, Null, Int, Float, Object (Object's content is again such a list; Array's content a
 * list of typed values or plain values). The result is the plain object the parent reads as
 * `activity('ExecutePipeline1').output.pipelineReturnValue.<key>`. Throws InvalidArgument
 * naming the key for a malformed entry.
 */
export function pipelineReturnValue(
  entries: unknown,
  evaluate: EvaluateText,
): Record<string, unknown> {
  if (!Array.isArray(entries)) {
    throw malformed("value", entries, "a list of { key, value: { type, content } } entries");
  }
  const result: Record<string, unknown> = {};
  for (const entry of entries) {
    if (!isPlainObject(entry) || typeof entry.key !== "string") {
      throw malformed("value[]", entry, "an entry { key, value: { type, content } }");
    }
    result[entry.key] = typedValue(entry.value, evaluate, entry.key);
  }
  return result;
}

function typedValue(typed: unknown, evaluate: EvaluateText, key: string): unknown {
  if (!isPlainObject(typed) || typeof typed.type !== "string") {
    throw malformed(key, typed, "{ type, content }");
  }
  const content = typed.content;
  switch (typed.type.toLowerCase()) {
    case "null":
      return null;
    case "expression":
      return typeof content === "string" ? evaluate(content) : content;
    case "array":
      if (!Array.isArray(content)) throw malformed(key, typed, "an Array whose content is a list");
      return content.map((item) =>
        isPlainObject(item) && typeof item.type === "string"
          ? typedValue(item, evaluate, key)
          : item,
      );
    case "object":
      return Array.isArray(content) ? pipelineReturnValue(content, evaluate) : content;
    case "string":
    case "boolean":
    case "int":
    case "float":
      return content;
    default:
      throw malformed(
        key,
        typed,
        "type String, Expression, Array, Boolean, Null, Int, Float or Object",
      );
  }
}

function malformed(key: string, value: unknown, allowed: string): SluiceError {
  return new SluiceError(
    "InvalidArgument",
    `Pipeline return value '${key}' is ${JSON.stringify(value)}; expected ${allowed}.`,
    { details: { field: `typeProperties.value.${key}`, value, allowed } },
  );
}
