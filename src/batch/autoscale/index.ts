// The public face of Batch's autoscale formula language: parse and check a formula, then
// evaluate it against a pool's facts and a sample source. Pure: time and randomness come in.
import type { Formula } from "./ast.js";
import { checkFormula } from "./checker.js";
import { parseFormula } from "./parser.js";

/**
 * Parses and checks a formula as pool add/patch/enableautoscale do: throws Batch's
 * `AutoScalingFormulaTooLong`, `AutoScalingFormulaSyntaxError` or (unknown names, wrong
 * types, writes to read-only variables) `InvalidAutoScalingSettings`, each naming the line
 * and column.
 */
export function compileFormula(source: string): Formula {
  const formula = parseFormula(source);
  checkFormula(formula);
  return formula;
}

export type { Expression, Formula, Statement } from "./ast.js";
export { checkFormula } from "./checker.js";
export { evaluateFormula, type EvaluationContext } from "./evaluator.js";
export { maxFormulaLength, maxStatements } from "./formula-errors.js";
export { parseFormula } from "./parser.js";
export type { PoolFacts } from "./pool-facts.js";
export { toAutoScaleRun, type AutoScaleEvaluation } from "./run-result.js";
export type { Sample, SampleSource } from "./samples.js";
export { sampledVariables, type SampledVariable } from "./variables.js";
