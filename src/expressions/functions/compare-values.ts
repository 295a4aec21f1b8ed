import { valuesEqual } from "../value-equality.js";
import { isInteger, isNumber, toDouble, type FloatValue } from "../values.js";
import { rejectArgument } from "./argument-checks.js";

/**
 * Strings order ordinally, by UTF-16 code unit as .NET's `String.CompareOrdinal`: case-sensitive,
 * upper case before lower case (`greater('a', 'B')` is true). This is how Logic Apps' engine,
 * which ADF shares, compares them (IllogicApps' `LogicAppsComparison`).
 */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNumbers(a: number | bigint | FloatValue, b: number | bigint | FloatValue): number {
  if (isInteger(a) && isInteger(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = toDouble(a);
  const y = toDouble(b);
  // NaN is unordered: NaN makes greater, less and their OrEquals forms all false.
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  return x < y ? -1 : x > y ? 1 : 0;
}

function nullAsText(value: unknown, other: unknown): unknown {
  const isNull = (v: unknown): boolean => v === null || v === undefined;
  return isNull(value) && (isNull(other) || typeof other === "string") ? "" : value;
}

/**
 * The order of two arguments for greater/less and their OrEquals forms: numbers (integers
 * and floats mixed) by value, strings by {@link compareStrings}. A null beside a string
 * counts as the empty string, as the Logic Apps reference says for comparisons; any other
 * mix is a type error. Returns negative, zero or positive (NaN when a float is NaN).
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
  return compareStrings(a, b);
}

/**
 * `equals`: deep equality ({@link valuesEqual}), except that a boolean equals the number 1
 * (true) or 0 (false), as the ADF reference gives `equals(true, 1)` as true, and a boolean
 * equals its JSON text, `'true'` or `'false'` (lower case), as Logic Apps' engine compares them.
 */
export function looselyEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "boolean") return booleanEquals(a, b);
  if (typeof b === "boolean") return booleanEquals(b, a);
  return valuesEqual(a, b);
}

function booleanEquals(flag: boolean, other: unknown): boolean {
  if (isNumber(other)) return toDouble(other) === (flag ? 1 : 0);
  if (typeof other === "string") return other === String(flag);
  return other === flag;
}
