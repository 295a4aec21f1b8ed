import { systemRandom } from "../../src/core/index.js";
import { evaluate, type ExpressionScope } from "../../src/expressions/index.js";
// Function-level tests call a function directly, past the parser, to reach values (boxed
// floats, bigints, binary) that no expression literal can write.
import { lookupFunction } from "../../src/expressions/functions/index.js";

/** Calls built-in function `name` directly with already-evaluated arguments. */
export function call(name: string, ...args: unknown[]): unknown {
  const fn = lookupFunction(name);
  if (!fn) throw new Error(`no function ${name}`);
  return fn.call(args, { nowMs: 0, random: systemRandom });
}

/** The error code a direct call fails with, or undefined when it succeeds. */
export function callError(name: string, ...args: unknown[]): string | undefined {
  return codeOf(() => call(name, ...args));
}

/** The error code an expression fails with, or undefined when it succeeds. */
export function errorCode(expression: string, scope?: ExpressionScope): string | undefined {
  return codeOf(() => evaluate(expression, scope));
}

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}
