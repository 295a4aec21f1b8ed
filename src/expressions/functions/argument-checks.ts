import { fail } from "../expression-error.js";
import {
  BinaryValue,
  isInteger,
  isNumber,
  isPlainObject,
  kindOf,
  type FloatValue,
} from "../values.js";

/**
 * Argument checks shared by the function library. Each throws ExpressionArgumentType naming
 * the function, the argument's position, the expected type and the type received.
 */

function typeError(fn: string, index: number, expected: string, value: unknown): never {
  return fail(
    "ExpressionArgumentType",
    `${fn}() expects argument ${index + 1} to be ${expected}, but it is ${describeKind(value)}.`,
    { function: fn, argument: index + 1, expected, actual: kindOf(value) },
  );
}

/** "a string", "an integer", "null"... for messages. */
export function describeKind(value: unknown): string {
  const kind = kindOf(value);
  if (kind === "null") return "null";
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

export function expectString(fn: string, args: readonly unknown[], index: number): string {
  const value = args[index];
  return typeof value === "string" ? value : typeError(fn, index, "a string", value);
}

export function expectBoolean(fn: string, args: readonly unknown[], index: number): boolean {
  const value = args[index];
  return typeof value === "boolean" ? value : typeError(fn, index, "a boolean", value);
}

export function expectInteger(
  fn: string,
  args: readonly unknown[],
  index: number,
): number | bigint {
  const value = args[index];
  return isInteger(value) ? value : typeError(fn, index, "an integer", value);
}

/** An integer argument as a JS number (for counts, indexes, amounts of time units). */
export function expectSafeInteger(fn: string, args: readonly unknown[], index: number): number {
  const value = expectInteger(fn, args, index);
  return typeof value === "bigint" ? Number(value) : value;
}

export function expectNumber(
  fn: string,
  args: readonly unknown[],
  index: number,
): number | bigint | FloatValue {
  const value = args[index];
  return isNumber(value) ? value : typeError(fn, index, "a number", value);
}

export function expectArray(
  fn: string,
  args: readonly unknown[],
  index: number,
): readonly unknown[] {
  const value = args[index];
  return Array.isArray(value) ? value : typeError(fn, index, "an array", value);
}

export function expectObject(
  fn: string,
  args: readonly unknown[],
  index: number,
): Record<string, unknown> {
  const value = args[index];
  return isPlainObject(value) ? value : typeError(fn, index, "an object", value);
}

export function expectBinary(fn: string, args: readonly unknown[], index: number): BinaryValue {
  const value = args[index];
  return value instanceof BinaryValue ? value : typeError(fn, index, "binary content", value);
}

/** Throws the standard type error for an argument no overload accepts. */
export function rejectArgument(
  fn: string,
  args: readonly unknown[],
  index: number,
  expected: string,
): never {
  return typeError(fn, index, expected, args[index]);
}
