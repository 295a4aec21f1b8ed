import { valuesEqual } from "../value-equality.js";
import { isInteger, isNumber, toDouble, type FloatValue } from "../values.js";
import { rejectArgument } from "./argument-checks.js";

/**
 * Strings order as .NET's culture-aware invariant comparison does (the engine ADF shares with
 * ARM templates reports `greater('A', 'a')` as true, which an ordinal comparison cannot give):
 * alphabetical first, then lower case before upper case. ICU's root collation, which .NET
 * also uses on Linux, is this order.
 */
const invariantCollator = new Intl.Collator("en-US", { usage: "sort", sensitivity: "variant" });

function compareNumbers(a: number | bigint | FloatValue, b: number | bigint | FloatValue): number {
  if (isInteger(a) && isInteger(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = toDouble(a);
  const y = toDouble(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function nullAsText(value: unknown, other: unknown): unknown {
  const isNull = (v: unknown): boolean => v === null || v === undefined;
  return isNull(value) && (isNull(other) || typeof other === "string") ? "" : value;
}

/**
 * The order of two arguments for greater/less and their OrEquals forms: numbers (integers
 * and floats mixed) by value, strings by {@link invariantCollator}. A null beside a string
 * counts as the empty string, as the Logic Apps reference says for comparisons; any other
 * mix is a type error. Returns negative, zero or positive.
 */
export function compareArguments(fn: string, args: readonly unknown[]): number {
  const [first, second] = args;
  if (isNumber(first)) {
    if (!isNumber(second)) rejectArgument(fn, args, 1, "a number, as the first argument is");
    return compareNumbers(first, second);
  }
  const a = nullAsText(first, second);
  const b = nullAsText(second, first);
  if (typeof a !== "string") return rejectArgument(fn, args, 0, "an integer, a float or a string");
  if (typeof b !== "string")
    return rejectArgument(fn, args, 1, "a string, as the first argument is");
  return invariantCollator.compare(a, b);
}

/**
 * `equals`: deep equality ({@link valuesEqual}), except that a boolean equals the number 1
 * (true) or 0 (false): the ADF reference gives `equals(true, 1)` as true.
 */
export function looselyEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "boolean" && isNumber(b)) return toDouble(b) === (a ? 1 : 0);
  if (typeof b === "boolean" && isNumber(a)) return toDouble(a) === (b ? 1 : 0);
  return valuesEqual(a, b);
}
