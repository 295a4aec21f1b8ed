import type { RandomSource } from "../../core/index.js";

/** What a function may use besides its arguments. Time and randomness are injected. */
export interface FunctionContext {
  /** The current instant, in milliseconds since the Unix epoch (for `utcNow`, `getFutureTime`...). */
  readonly nowMs: number;
  /** 100-ns ticks below `nowMs` (0 to 9,999), so `utcNow()` prints all 7 digits. Default 0. */
  readonly nowSubTicks?: number;
  /** Randomness for `rand` and `guid`. */
  readonly random: RandomSource;
}

/**
 * One built-in function. `call` receives evaluated arguments (see values.ts for the value
 * model), already checked against `minArgs`/`maxArgs`, and throws an ExpressionError (via
 * `fail`) for bad types or values; the evaluator adds the position.
 */
export interface FunctionDefinition {
  /** The canonical name as ADF documents it (`toUpper`); calls match it case-insensitively. */
  readonly name: string;
  readonly minArgs: number;
  /** `Infinity` for variadic functions. */
  readonly maxArgs: number;
  call(args: readonly unknown[], context: FunctionContext): unknown;
}

/** Shorthand for defining a function. */
export function defineFunction(
  name: string,
  minArgs: number,
  maxArgs: number,
  call: FunctionDefinition["call"],
): FunctionDefinition {
  return { name, minArgs, maxArgs, call };
}
