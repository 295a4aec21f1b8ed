import { valuesEqual } from "../value-equality.js";
import { isNumber, isPlainObject, toDouble } from "../values.js";
import { rejectArgument } from "./argument-checks.js";

/**
 * `union` and `intersection`: over arrays (items compared with deep equality, duplicates
 * removed, in order of first appearance) or over objects (by property name), never a mix.
 * Where equal items or same-named properties meet, the last one's value is kept, as the
 * docs say ("the last item with that name appears in the result").
 */

type Collections =
  | { kind: "array"; items: readonly (readonly unknown[])[] }
  | {
      kind: "object";
      items: readonly Record<string, unknown>[];
    };

/** All arguments as arrays, or all as objects; anything else is a type error. */
function collections(fn: string, args: readonly unknown[]): Collections {
  const isArray = Array.isArray(args[0]);
  if (!isArray && !isPlainObject(args[0])) rejectArgument(fn, args, 0, "an array or an object");
  const expected = isArray
    ? "an array, as the first argument is"
    : "an object, as the first argument is";
  for (let i = 1; i < args.length; i++) {
    if (isArray ? !Array.isArray(args[i]) : !isPlainObject(args[i]))
      rejectArgument(fn, args, i, expected);
  }
  return isArray
    ? { kind: "array", items: args as readonly (readonly unknown[])[] }
    : { kind: "object", items: args as readonly Record<string, unknown>[] };
}

/**
 * A key under which equal scalars meet, so large arrays are not compared pairwise; arrays and
 * objects get none and are compared one by one. Numbers key by value (1 equals 1.0).
 */
function scalarKey(value: unknown): string | undefined {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return `s:${value}`;
  if (typeof value === "boolean") return `b:${value}`;
  // Bigints (beyond 2^53) take the slow path: equality across number types is by double.
  if (isNumber(value) && typeof value !== "bigint") return `n:${toDouble(value)}`;
  return undefined;
}

/** An ordered list of distinct values; adding an equal value replaces the earlier one in place. */
class DistinctList {
  readonly values: unknown[] = [];
  private readonly scalars = new Map<string, number>();
  private readonly others: number[] = [];

  indexOf(value: unknown): number {
    const key = scalarKey(value);
    if (key !== undefined) return this.scalars.get(key) ?? -1;
    return this.others.find((i) => valuesEqual(this.values[i], value)) ?? -1;
  }

  add(value: unknown): void {
    const at = this.indexOf(value);
    if (at >= 0) {
      this.values[at] = value;
      return;
    }
    const key = scalarKey(value);
    if (key !== undefined) this.scalars.set(key, this.values.length);
    else this.others.push(this.values.length);
    this.values.push(value);
  }
}

export function union(args: readonly unknown[]): unknown {
  const input = collections("union", args);
  if (input.kind === "object") {
    const result: Record<string, unknown> = {};
    for (const object of input.items) Object.assign(result, object);
    return result;
  }
  const list = new DistinctList();
  for (const array of input.items) for (const item of array) list.add(item);
  return list.values;
}

export function intersection(args: readonly unknown[]): unknown {
  const input = collections("intersection", args);
  if (input.kind === "object") return intersectObjects(input.items);
  const [first = [], ...rest] = input.items;
  const lists = rest.map((array) => {
    const list = new DistinctList();
    for (const item of array) list.add(item);
    return list;
  });
  const result = new DistinctList();
  for (const item of first) {
    const matches = lists.map((list) => list.indexOf(item));
    if (matches.every((at) => at >= 0)) {
      const lastList = lists[lists.length - 1];
      const lastAt = matches[matches.length - 1] ?? -1;
      result.add(lastList ? lastList.values[lastAt] : item);
    }
  }
  return result.values;
}

/** Properties present in every object with equal values; the last object's value is kept. */
function intersectObjects(objects: readonly Record<string, unknown>[]): Record<string, unknown> {
  const [first = {}, ...rest] = objects;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(first)) {
    if (value === undefined) continue;
    const shared = rest.every(
      (other) => Object.prototype.hasOwnProperty.call(other, key) && valuesEqual(other[key], value),
    );
    if (shared) result[key] = rest.length > 0 ? rest[rest.length - 1]?.[key] : value;
  }
  return result;
}
