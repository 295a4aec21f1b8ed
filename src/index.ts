/**
 * Sluice's public library API. `import { evaluate } from "sluice"` evaluates ADF
 * expressions; more of the data factory joins here as it is built.
 */
export {
  evaluate,
  evaluateToJson,
  parseExpression,
  resolveExpressions,
  ExpressionError,
  maxExpressionLength,
  type ExpressionScope,
  type ActivityResult,
  type EvaluateOptions,
  type SourcePosition,
} from "./expressions/index.js";
export { SluiceError, isSluiceError, errorCodes, type ErrorCode } from "./core/index.js";
