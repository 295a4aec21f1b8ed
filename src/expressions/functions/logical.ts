import { expectBoolean } from "./argument-checks.js";
import { compareArguments, looselyEqual } from "./compare-values.js";
import { defineFunction, type FunctionDefinition } from "./function-definition.js";

/** Every argument must be a boolean (no 'true' strings), checked left to right. */
function booleans(fn: string, args: readonly unknown[]): boolean[] {
  return args.map((_, i) => expectBoolean(fn, args, i));
}

function comparison(name: string, test: (order: number) => boolean): FunctionDefinition {
  return defineFunction(name, 2, 2, (args) => test(compareArguments(name, args)));
}

/**
 * ADF's logical functions. `if` is here for direct calls; the evaluator evaluates only the
 * branch that `if` returns.
 */
export const logicalFunctions: readonly FunctionDefinition[] = [
  defineFunction("and", 2, Infinity, (args) => booleans("and", args).every(Boolean)),
  defineFunction("equals", 2, 2, (args) => looselyEqual(args[0], args[1])),
  comparison("greater", (order) => order > 0),
  comparison("greaterOrEquals", (order) => order >= 0),
  defineFunction("if", 3, 3, (args) => (expectBoolean("if", args, 0) ? args[1] : args[2])),
  comparison("less", (order) => order < 0),
  comparison("lessOrEquals", (order) => order <= 0),
  defineFunction("not", 1, 1, (args) => !expectBoolean("not", args, 0)),
  defineFunction("or", 2, Infinity, (args) => booleans("or", args).some(Boolean)),
];
