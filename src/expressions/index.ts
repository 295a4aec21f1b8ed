export {
  evaluate,
  evaluateValue,
  evaluateToJson,
  parseExpression,
  resolveExpressions,
  type EvaluateOptions,
} from "./evaluate.js";
export type { ExpressionScope, ActivityResult } from "./scope.js";
export { ExpressionError, type SourcePosition } from "./expression-error.js";
export type { CompiledValue, ExpressionNode } from "./ast.js";
export { allFunctions } from "./functions/index.js";
export { maxExpressionLength } from "./parser.js";
// Time zones and timestamp parsing, shared with the scheduler's recurrence math.
export { findTimeZone, offsetAt, type TimeZone } from "./datetime/time-zones.js";
export { parseTimestamp } from "./datetime/timestamp-parse.js";
export type { Timestamp } from "./datetime/timestamp.js";
