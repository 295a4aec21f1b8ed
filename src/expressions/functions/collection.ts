import { fail } from "../expression-error.js";
import { valuesEqual } from "../value-equality.js";
import { toText } from "../value-text.js";
import { isPlainObject } from "../values.js";
import { expectArray, expectSafeInteger, expectString, rejectArgument } from "./argument-checks.js";
import { intersection, union } from "./collection-sets.js";
import { defineFunction, type FunctionDefinition } from "./function-definition.js";

/**
 * A substring of a string (case-sensitive, unlike indexOf), an item of an array (deep
 * equality) or a key of an object (exact name).
 */
function contains(args: readonly unknown[]): boolean {
  const collection = args[0];
  if (typeof collection === "string") return collection.includes(expectString("contains", args, 1));
  if (Array.isArray(collection)) return collection.some((item) => valuesEqual(item, args[1]));
  if (isPlainObject(collection)) {
    const key = expectString("contains", args, 1);
    return Object.prototype.hasOwnProperty.call(collection, key) && collection[key] !== undefined;
  }
  return rejectArgument("contains", args, 0, "a string, an array or an object");
}

/** Null counts as empty, so `empty(x?.y)` works on missing properties. */
function empty(args: readonly unknown[]): boolean {
  const collection = args[0];
  if (collection === null || collection === undefined) return true;
  if (typeof collection === "string" || Array.isArray(collection)) return collection.length === 0;
  if (isPlainObject(collection)) return Object.values(collection).every((v) => v === undefined);
  return rejectArgument("empty", args, 0, "a string, an array, an object or null");
}

/** A string or an array, for first/last/length/take. */
function expectSequence(fn: string, args: readonly unknown[]): string | readonly unknown[] {
  const value = args[0];
  if (typeof value === "string" || Array.isArray(value)) return value;
  return rejectArgument(fn, args, 0, "a string or an array");
}

/**
 * The item at `index` of a string (one character) or array. An empty array gives null and an
 * empty string gives `''`, as Logic Apps' engine answers (IllogicApps' recorded tests).
 */
function itemAt(fn: string, args: readonly unknown[], pick: (length: number) => number): unknown {
  const sequence = expectSequence(fn, args);
  if (sequence.length === 0) return typeof sequence === "string" ? "" : null;
  return sequence[pick(sequence.length)] ?? null;
}

/** A count for skip/take: an integer of 0 or more; beyond the length it takes everything. */
function expectCount(fn: string, args: readonly unknown[]): number {
  const count = expectSafeInteger(fn, args, 1);
  if (count < 0) {
    fail("ExpressionArgumentValue", `${fn}() expects a count of 0 or more, but it is ${count}.`, {
      function: fn,
      argument: 2,
      value: count,
    });
  }
  return count;
}

function join(args: readonly unknown[]): string {
  const items = expectArray("join", args, 0);
  const delimiter = expectString("join", args, 1);
  return items.map(toText).join(delimiter);
}

/** ADF's collection functions. */
export const collectionFunctions: readonly FunctionDefinition[] = [
  defineFunction("contains", 2, 2, contains),
  defineFunction("empty", 1, 1, empty),
  defineFunction("first", 1, 1, (args) => itemAt("first", args, () => 0)),
  defineFunction("intersection", 2, Infinity, intersection),
  defineFunction("join", 2, 2, join),
  defineFunction("last", 1, 1, (args) => itemAt("last", args, (length) => length - 1)),
  defineFunction("length", 1, 1, (args) => expectSequence("length", args).length),
  defineFunction("skip", 2, 2, (args) => {
    const items = expectArray("skip", args, 0);
    return items.slice(Math.min(expectCount("skip", args), items.length));
  }),
  defineFunction("take", 2, 2, (args) => {
    const sequence = expectSequence("take", args);
    return sequence.slice(0, Math.min(expectCount("take", args), sequence.length));
  }),
  defineFunction("union", 2, Infinity, union),
];
