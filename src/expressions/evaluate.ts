import {
  SluiceError,
  systemClock,
  systemRandom,
  type Clock,
  type RandomSource,
} from "../core/index.js";
import type { CompiledValue } from "./ast.js";
import { compileCached } from "./compile-cache.js";
import { parseTimestamp } from "./datetime/timestamp-parse.js";
import type { FunctionContext } from "./functions/index.js";
import { evaluateNode, type EvaluationContext } from "./evaluator.js";
import type { ExpressionScope } from "./scope.js";
import { toJsonText, toText } from "./value-text.js";
import { toPlainValue } from "./value-output.js";
import { isPlainObject } from "./values.js";

/** Where time and randomness come from. Defaults: the system clock and crypto randomness. */
export interface EvaluateOptions {
  /** Used for `utcNow()` when the scope has no `now`. */
  readonly clock?: Clock;
  readonly random?: RandomSource;
}

const noScope: ExpressionScope = Object.freeze({});

/** The clock for this evaluation: `scope.now` (kept to 100 ns, read as UTC when it has no zone) or `clock`. */
function readClock(scope: ExpressionScope, clock: Clock | undefined): FunctionClock {
  const now = scope.now;
  if (now === undefined) return { nowMs: (clock ?? systemClock).now() };
  if (now instanceof Date && !Number.isNaN(now.getTime())) return { nowMs: now.getTime() };
  const parsed = typeof now === "string" ? parseTimestamp(now) : undefined;
  if (!parsed) {
    throw new SluiceError(
      "InvalidArgument",
      `scope.now must be an ISO 8601 date and time such as 2024-01-31T12:00:00Z, but it is '${String(now)}'.`,
      { details: { field: "now", value: String(now) } },
    );
  }
  return { nowMs: parsed.ms, nowSubTicks: parsed.subTicks };
}

type FunctionClock = Pick<FunctionContext, "nowMs" | "nowSubTicks">;

function run(
  compiled: CompiledValue,
  text: string,
  scope: ExpressionScope,
  options: EvaluateOptions,
): unknown {
  if (compiled.kind === "text") return compiled.text;
  const context: EvaluationContext = {
    scope,
    source: text,
    functions: { ...readClock(scope, options.clock), random: options.random ?? systemRandom },
  };
  if (compiled.kind === "expression") return evaluateNode(compiled.node, context);
  let result = "";
  for (const part of compiled.parts) {
    result += typeof part === "string" ? part : toText(evaluateNode(part, context));
  }
  return result;
}

/** Evaluates to the internal value model (see values.ts): exact integers, boxed floats, binary. */
export function evaluateValue(
  expression: string,
  scope: ExpressionScope = noScope,
  options: EvaluateOptions = {},
): unknown {
  return run(compileCached(expression), expression, scope, options);
}

/**
 * Evaluates one JSON string value as ADF does: `"@expr"` yields the expression's typed value,
 * `"...@{expr}..."` a string, `"@@..."` the text after the first `@`, anything else itself.
 * Throws an ExpressionError (a SluiceError with a stable `code` and the position) on failure.
 * The result is plain JSON-compatible JavaScript.
 */
export function evaluate(
  expression: string,
  scope?: ExpressionScope,
  options?: EvaluateOptions,
): unknown {
  return toPlainValue(evaluateValue(expression, scope, options));
}

/** Like {@link evaluate}, but returns JSON text with exact integers (ticks beyond 2^53) and floats kept as floats (`7.0`). */
export function evaluateToJson(
  expression: string,
  scope?: ExpressionScope,
  options?: EvaluateOptions,
): string {
  return toJsonText(evaluateValue(expression, scope, options));
}

/** Parses without evaluating, for validation: throws the same errors as {@link evaluate} would for syntax, unknown functions and argument counts. */
export function parseExpression(expression: string): CompiledValue {
  return compileCached(expression);
}

/**
 * Resolves every expression inside a JSON definition (an activity's `typeProperties`, a
 * dataset's `location`...): string values are evaluated, `{"value": "...", "type":
 * "Expression"}` objects are replaced by their value, `{"type": "SecureString", "value": ...}`
 * objects are kept as they are (their value is a literal secret), everything else is copied.
 */
export function resolveExpressions(
  json: unknown,
  scope?: ExpressionScope,
  options?: EvaluateOptions,
): unknown {
  if (typeof json === "string") return evaluate(json, scope, options);
  if (Array.isArray(json))
    return json.map((item: unknown) => resolveExpressions(item, scope, options));
  if (isPlainObject(json)) {
    // A SecureString's value is a literal secret, never an expression (ADF evaluates none).
    if (json.type === "SecureString" && typeof json.value === "string") return json;
    if (
      json.type === "Expression" &&
      typeof json.value === "string" &&
      Object.keys(json).length === 2
    ) {
      return evaluate(json.value, scope, options);
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(json))
      out[key] = resolveExpressions(value, scope, options);
    return out;
  }
  return json;
}
