import { fail } from "../expression-error.js";
import { isFloat, isNumber, makeFloat, toDouble } from "../values.js";
import {
  arithmetic,
  compareNumbers,
  type ArithmeticOperator,
  type NumberValue,
} from "./arithmetic.js";
import { describeKind, expectInteger, expectNumber, rejectArgument } from "./argument-checks.js";
import { defineFunction, type FunctionDefinition } from "./function-definition.js";

/** `range()` limits from Microsoft's docs: count at most 100,000, start + count at most int32 max. */
const maxRangeCount = 100_000;
const int32Max = 2_147_483_647;
const int32Min = -2_147_483_648;

function binary(name: string, op: ArithmeticOperator): FunctionDefinition {
  return defineFunction(name, 2, 2, (args) =>
    arithmetic(name, op, expectNumber(name, args, 0), expectNumber(name, args, 1)),
  );
}

/** The numbers `max`/`min` work on: one array argument, or the arguments themselves. */
function numbersOf(fn: string, args: readonly unknown[]): readonly NumberValue[] {
  const [first] = args;
  if (args.length === 1 && Array.isArray(first)) {
    if (first.length === 0) {
      fail(
        "ExpressionArgumentValue",
        `${fn}() needs at least one number, but the array is empty.`,
        { function: fn },
      );
    }
    first.forEach((item: unknown, i) => {
      if (!isNumber(item)) {
        fail(
          "ExpressionArgumentType",
          `${fn}() expects an array of numbers, but item ${i} is ${describeKind(item)}.`,
          { function: fn, argument: 1, item: i, expected: "a number" },
        );
      }
    });
    return first as readonly NumberValue[];
  }
  args.forEach((_, i) => {
    if (!isNumber(args[i]))
      rejectArgument(
        fn,
        args,
        i,
        args.length === 1 ? "a number or an array of numbers" : "a number",
      );
  });
  return args as readonly NumberValue[];
}

/**
 * `max`/`min`: .NET folds with Math.Max over the operands' common type, so once a float takes
 * part the result is a float (`max(3, 2.5)` is 3.0), otherwise the integer itself.
 */
function extreme(fn: string, sign: 1 | -1): FunctionDefinition {
  return defineFunction(fn, 1, Infinity, (args) => {
    const numbers = numbersOf(fn, args);
    let best = numbers[0] as NumberValue;
    for (const n of numbers) {
      if (Number.isNaN(toDouble(n))) return makeFloat(Number.NaN);
      if (compareNumbers(n, best) * sign > 0) best = n;
    }
    return numbers.some(isFloat) ? makeFloat(toDouble(best)) : best;
  });
}

/** An integer argument as a JS number within [min, max], or an ExpressionArgumentValue error. */
function integerWithin(
  fn: string,
  args: readonly unknown[],
  index: number,
  what: string,
  min: number,
  max: number,
): number {
  const raw = expectInteger(fn, args, index);
  const value = typeof raw === "bigint" ? Number(raw) : raw;
  if (value < min || value > max) {
    fail(
      "ExpressionArgumentValue",
      `${fn}() expects ${what} between ${min} and ${max}, but it is ${raw}.`,
      {
        function: fn,
        argument: index + 1,
        value: raw.toString(),
      },
    );
  }
  return value;
}

const rand = defineFunction("rand", 2, 2, (args, context) => {
  const min = integerWithin(
    "rand",
    args,
    0,
    "the minimum",
    Number.MIN_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER,
  );
  const max = integerWithin(
    "rand",
    args,
    1,
    "the maximum",
    Number.MIN_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER,
  );
  if (min > max) {
    fail(
      "ExpressionArgumentValue",
      `rand() expects the minimum (${min}) to be at most the maximum (${max}).`,
      {
        function: "rand",
        minimum: min,
        maximum: max,
      },
    );
  }
  // As .NET's Random.Next(min, max): max is exclusive, and min == max returns min.
  return min + Math.floor(context.random.next() * (max - min));
});

const range = defineFunction("range", 2, 2, (args) => {
  const start = integerWithin("range", args, 0, "the start index", int32Min, int32Max);
  const count = integerWithin("range", args, 1, "the count", 0, maxRangeCount);
  // Microsoft's docs: "The sum of the startIndex and count values must not exceed 2,147,483,647".
  if (start + count > int32Max) {
    fail(
      "ExpressionArgumentValue",
      `range() expects the start index plus the count to be at most ${int32Max}, but ${start} + ${count} is more.`,
      { function: "range", start, count },
    );
  }
  return Array.from({ length: count }, (_, i) => start + i);
});

/** ADF's math functions. */
export const mathFunctions: readonly FunctionDefinition[] = [
  binary("add", "add"),
  binary("sub", "sub"),
  binary("mul", "mul"),
  binary("div", "div"),
  binary("mod", "mod"),
  extreme("max", 1),
  extreme("min", -1),
  rand,
  range,
];
