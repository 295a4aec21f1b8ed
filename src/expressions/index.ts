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
