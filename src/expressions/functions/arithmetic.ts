import { fail } from "../expression-error.js";
import { isFloat, makeFloat, makeInteger, toDouble, type FloatValue } from "../values.js";

/**
 * Integer and float arithmetic as ADF's engine does it (.NET `long` and `double`): two
 * integers give an integer (checked: a result outside 64 bits is an error, as .NET's checked
 * arithmetic throws), any float operand gives a float.
 */

export type NumberValue = number | bigint | FloatValue;

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

export type ArithmeticOperator = "add" | "sub" | "mul" | "div" | "mod";

/** An integer as a bigint (integral doubles such as 1e20 from JSON convert exactly). */
export function toBigInt(value: number | bigint): bigint {
  return typeof value === "bigint" ? value : BigInt(value);
}

/** The integer result, or the overflow error .NET's checked `long` arithmetic raises. */
export function checkedInteger(fn: string, value: bigint): number | bigint {
  if (value < int64Min || value > int64Max) {
    fail(
      "ExpressionArgumentValue",
      `${fn}() overflows: the result ${value} is outside the 64-bit integer range ${int64Min} to ${int64Max}.`,
      { function: fn, result: value.toString() },
    );
  }
  return makeInteger(value);
}

function divideByZero(fn: string): never {
  return fail("ExpressionDivideByZero", `${fn}() cannot divide by zero: the divisor is 0.`, {
    function: fn,
  });
}

/** Fast path: both operands and the result are safe JS integers, so no bigint is needed. */
function safeIntegerResult(op: ArithmeticOperator, a: number, b: number): number | undefined {
  let result: number;
  switch (op) {
    case "add":
      result = a + b;
      break;
    case "sub":
      result = a - b;
      break;
    case "mul":
      result = a * b;
      break;
    case "div":
      // Below 2^31 the double quotient is exact enough for truncation to be right.
      if (Math.abs(a) >= 2 ** 31 || Math.abs(b) >= 2 ** 31) return undefined;
      result = Math.trunc(a / b);
      break;
    case "mod":
      result = a % b;
      break;
  }
  return Number.isSafeInteger(result) ? result + 0 : undefined;
}

function integerOperation(
  fn: string,
  op: ArithmeticOperator,
  a: number | bigint,
  b: number | bigint,
): number | bigint {
  if ((op === "div" || op === "mod") && (b === 0 || b === 0n)) divideByZero(fn);
  if (typeof a === "number" && typeof b === "number") {
    const fast = safeIntegerResult(op, a, b);
    if (fast !== undefined) return fast;
  }
  const x = toBigInt(a);
  const y = toBigInt(b);
  switch (op) {
    case "add":
      return checkedInteger(fn, x + y);
    case "sub":
      return checkedInteger(fn, x - y);
    case "mul":
      return checkedInteger(fn, x * y);
    case "div":
      return checkedInteger(fn, x / y); // bigint division truncates toward zero, as .NET's
    case "mod":
      return makeInteger(x % y); // the sign follows the dividend, as .NET's %
  }
}

function floatOperation(
  fn: string,
  op: ArithmeticOperator,
  a: number,
  b: number,
): number | FloatValue {
  // ADF documents that the divisor "cannot be 0"; .NET would give Infinity or NaN for doubles,
  // Sluice reports the same error as for integers.
  if ((op === "div" || op === "mod") && b === 0) divideByZero(fn);
  switch (op) {
    case "add":
      return makeFloat(a + b);
    case "sub":
      return makeFloat(a - b);
    case "mul":
      return makeFloat(a * b);
    case "div":
      return makeFloat(a / b);
    case "mod":
      return makeFloat(a % b);
  }
}

/** `a op b` with ADF's integer/float rules. */
export function arithmetic(
  fn: string,
  op: ArithmeticOperator,
  a: NumberValue,
  b: NumberValue,
): NumberValue {
  if (isFloat(a) || isFloat(b)) return floatOperation(fn, op, toDouble(a), toDouble(b));
  return integerOperation(fn, op, a as number | bigint, b as number | bigint);
}

/** Compares two numbers exactly (bigints without rounding): negative, zero or positive. */
export function compareNumbers(a: NumberValue, b: NumberValue): number {
  if (typeof a === "bigint" || typeof b === "bigint") {
    if (!isFloat(a) && !isFloat(b)) {
      const x = toBigInt(a as number | bigint);
      const y = toBigInt(b as number | bigint);
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
  return toDouble(a) - toDouble(b);
}
