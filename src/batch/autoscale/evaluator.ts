// Runs a parsed formula against the pool's facts and metric samples. Statements run in
// order; a conditional evaluates only the branch it takes (so a GetSample that would fail
// can sit behind a GetSamplePercent test, as Batch's examples do); `stop()` ends the run.
import type { Clock, RandomSource } from "../../core/index.js";
import type { Expression, Formula } from "./ast.js";
import { formulaFunctions } from "./functions.js";
import { arity, sampleMethod, timestampMembers } from "./members.js";
import { resolveName, unknownNameProblem } from "./names.js";
import { applyBinary, applyUnary } from "./operators.js";
import { getSample, getSamplePercent, historyFact, type SampleSource } from "./samples.js";
import { FormulaFault, double, text, type Value } from "./values.js";
import { type SampledVariable, type ServiceVariable } from "./variables.js";
import type { PoolFacts } from "./pool-facts.js";
import { finishRun, type AutoScaleEvaluation } from "./run-result.js";
import { FormulaState } from "./formula-state.js";

/** Everything a formula reads besides its own text. */
export interface EvaluationContext {
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly samples: SampleSource;
  /** How often samples are taken; Batch's is 30,000 ms. */
  readonly samplePeriodMs: number;
  readonly pool: PoolFacts;
}

/** Ends the run early: thrown by `stop()`, caught by {@link evaluateFormula}. Not an error. */
class StopEvaluation {}

/**
 * Evaluates `formula`. Never throws for the formula's own failures: they come back as
 * `error` (Batch's `autoScaleRun.error`), with the line and column where it failed.
 */
export function evaluateFormula(formula: Formula, context: EvaluationContext): AutoScaleEvaluation {
  const now = context.clock.now();
  const state = new FormulaState(context.pool);
  const run = new Run(context, state, now);
  try {
    for (const statement of formula.statements) {
      const value = run.evaluate(statement.value);
      if (statement.kind === "assign") state.assign(statement.name, value, statement.offset);
    }
  } catch (error) {
    if (!(error instanceof StopEvaluation)) {
      if (!(error instanceof FormulaFault)) throw error;
      return finishRun(formula.source, now, state, error);
    }
  }
  return finishRun(formula.source, now, state, undefined);
}

class Run {
  constructor(
    private readonly context: EvaluationContext,
    private readonly state: FormulaState,
    private readonly now: number,
  ) {}

  evaluate(node: Expression): Value {
    try {
      return this.evaluateNode(node);
    } catch (error) {
      if (error instanceof FormulaFault && error.offset === undefined) error.offset = node.offset;
      throw error;
    }
  }

  private evaluateNode(node: Expression): Value {
    switch (node.kind) {
      case "number":
        return double(node.value);
      case "string":
        return text(node.value);
      case "name":
        return this.read(node.name);
      case "unary":
        return applyUnary(node.operator, this.evaluate(node.operand));
      case "binary":
        return this.binary(node);
      case "conditional":
        return this.evaluate(this.truthy(node.test) ? node.then : node.otherwise);
      case "member":
        return this.member(node);
      case "method":
        return this.method(node);
      case "call":
        return this.call(node);
    }
  }

  private read(name: string): Value {
    const ref = resolveName(name, (key) => this.state.hasUser(key));
    switch (ref.kind) {
      case "service":
        return this.readService(ref.variable);
      case "user":
        return this.state.user(ref.key);
      case "constant":
        return ref.value;
      case "unknown":
        throw new FormulaFault(unknownNameProblem(name));
    }
  }

  private readService(variable: ServiceVariable): Value {
    if (variable.kind === "samples") return { type: "samples", value: variable.name.slice(1) };
    return this.state.service(variable);
  }

  private truthy(node: Expression): boolean {
    const value = this.evaluate(node);
    if (value.type !== "double") {
      throw new FormulaFault(`a condition must be a double, not ${value.type}`);
    }
    return value.value !== 0;
  }

  private binary(node: Extract<Expression, { kind: "binary" }>): Value {
    // && and || stop at the left operand when it decides the result, as in C.
    if (node.operator === "&&" || node.operator === "||") {
      const left = this.evaluate(node.left);
      if (left.type === "double" && (left.value !== 0) === (node.operator === "||")) {
        return double(node.operator === "||" ? 1 : 0);
      }
      return applyBinary(node.operator, left, this.evaluate(node.right));
    }
    return applyBinary(node.operator, this.evaluate(node.left), this.evaluate(node.right));
  }

  private member(node: Extract<Expression, { kind: "member" }>): Value {
    const target = this.evaluate(node.target);
    const read = timestampMembers[node.name];
    if (target.type !== "timestamp" || read === undefined) {
      throw new FormulaFault(`'${node.name}' is not a member of ${target.type}`);
    }
    return double(read(new Date(target.value)));
  }

  private method(node: Extract<Expression, { kind: "method" }>): Value {
    const target = this.evaluate(node.target);
    const method = sampleMethod(node.name);
    if (method === undefined || target.type !== "samples") {
      throw new FormulaFault(`'${node.name}' is not a method of ${target.type}`);
    }
    if (node.args.length < method.minArgs || node.args.length > method.maxArgs) {
      throw new FormulaFault(`${method.name} takes ${arity(method.minArgs, method.maxArgs)}`);
    }
    const args = node.args.map((arg) => this.evaluate(arg));
    const name = target.value as SampledVariable;
    const history = this.context.samples.samples(name);
    const window = { now: this.now, samplePeriodMs: this.context.samplePeriodMs };
    if (method.name === "GetSample") return getSample(name, history, args, window);
    if (method.name === "GetSamplePercent") return getSamplePercent(history, args, window);
    return historyFact(method.name, name, history, window);
  }

  private call(node: Extract<Expression, { kind: "call" }>): Value {
    const fn = formulaFunctions.get(node.name.toLowerCase());
    if (fn === undefined) throw new FormulaFault(`'${node.name}' is not a function`);
    if (node.args.length < fn.minArgs || node.args.length > fn.maxArgs) {
      throw new FormulaFault(`${node.name} takes ${arity(fn.minArgs, fn.maxArgs)}`);
    }
    if (node.name.toLowerCase() === "stop") throw new StopEvaluation();
    const args = node.args.map((arg) => this.evaluate(arg));
    const problem = fn.check(args.map((arg) => arg.type));
    if (typeof problem === "object") throw new FormulaFault(`${node.name}: ${problem.problem}`);
    return fn.call(args, { now: this.now, random: this.context.random });
  }
}
