import { expectBoolean } from "./argument-checks.js";
import { compareArguments, looselyEqual } from "./compare-values.js";
import { defineFunction, type FunctionDefinition } from "./function-definition.js";

/**
 * `and`/`or`: each argument must be a boolean (no 'true' strings), checked left to right up to
 * the first that decides the result (`decider`); the engine never looks at the ones after it.
 */
function shortCircuit(fn: string, decider: boolean): FunctionDefinition {
  return defineFunction(fn, 1, Infinity, (args) => {
    for (let i = 0; i < args.length; i++) {
      if (expectBoolean(fn, args, i) === decider) return decider;
    }
    return !decider;
  });
}

function comparison(name: string, test: (order: number) => boolean): FunctionDefinition {
  return defineFunction(name, 2, 2, (args) => test(compareArguments(name, args)));
}

/**
 * ADF's logical functions. `if` is here for direct calls; the evaluator evaluates only the
 * branch that `if` returns.
 */
export const logicalFunctions: readonly FunctionDefinition[] = [
  shortCircuit("and", false),
  defineFunction("equals", 2, 2, (args) => looselyEqual(args[0], args[1])),
  comparison("greater", (order) => order > 0),
  comparison("greaterOrEquals", (order) => order >= 0),
  defineFunction("if", 3, 3, (args) => (expectBoolean("if", args, 0) ? args[1] : args[2])),
  comparison("less", (order) => order < 0),
  comparison("lessOrEquals", (order) => order <= 0),
  defineFunction("not", 1, 1, (args) => !expectBoolean("not", args, 0)),
  shortCircuit("or", true),
];
