// The errors a formula can give. A formula that cannot be read (syntax, size, names and
// types known before running it) is refused with Batch's REST codes; a formula that fails
// while running reports Batch's `autoScaleRun.error` instead (see evaluator.ts).
import { BatchError } from "../batch-error.js";
import { describePosition, type Position } from "./position.js";

/** The most characters Batch accepts in a formula (8 KB). */
export const maxFormulaLength = 8192;
/** The most statements Batch accepts in a formula. */
export const maxStatements = 100;

/** `AutoScalingFormulaSyntaxError`: the text is not a formula. */
export function syntaxError(position: Position, problem: string): BatchError {
  return formulaError("AutoScalingFormulaSyntaxError", position, problem, "SyntaxError");
}

/** `InvalidAutoScalingSettings`: an unknown name or a wrong type, found before running it. */
export function semanticError(position: Position, problem: string, reason: string): BatchError {
  return formulaError("InvalidAutoScalingSettings", position, problem, reason);
}

/** `AutoScalingFormulaTooLong`: over 8,192 characters or 100 statements. */
export function tooLongError(position: Position, problem: string): BatchError {
  return formulaError("AutoScalingFormulaTooLong", position, problem, "TooLong");
}

function formulaError(
  code:
    "AutoScalingFormulaSyntaxError" | "InvalidAutoScalingSettings" | "AutoScalingFormulaTooLong",
  position: Position,
  problem: string,
  reason: string,
): BatchError {
  const where = describePosition(position);
  return new BatchError(code, `autoScaleFormula: ${where}: ${problem}`, {
    PropertyName: "autoScaleFormula",
    Message: `${where}: ${problem}`,
    Line: String(position.line),
    Column: String(position.column),
    Reason: reason,
  });
}
