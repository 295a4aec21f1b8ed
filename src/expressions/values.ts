/**
 * The value model of the expression language. ADF's types map to JavaScript as follows:
 *
 * | ADF type   | JavaScript                                                               |
 * |------------|--------------------------------------------------------------------------|
 * | null       | `null` (and `undefined`, treated the same)                               |
 * | boolean    | `boolean`                                                                |
 * | integer    | an integral `number`; a `bigint` only beyond Number.MAX_SAFE_INTEGER     |
 * | float      | a non-integral `number`, or {@link FloatValue} when its value is integral |
 * | string     | `string` (timestamps are strings too, as in ADF)                         |
 * | array      | `readonly unknown[]`                                                     |
 * | object     | a plain object                                                           |
 * | binary     | {@link BinaryValue}                                                      |
 * | XML        | {@link XmlValue}                                                         |
 *
 * Integers and floats are distinct as in ADF (`div(7, 2)` is 3, `div(7.0, 2)` is 3.5), yet
 * plain JSON numbers from parameters work unchanged: an integral JSON number is an integer.
 */

/** A float whose value happens to be integral (`7.0`, `float('7')`), kept distinct from 7. */
export class FloatValue {
  constructor(readonly value: number) {}
}

/** Binary content (`binary()`, `base64ToBinary()`, ...). */
export class BinaryValue {
  constructor(
    readonly bytes: Uint8Array,
    /** The content type it came with, for `dataUri()` round trips. */
    readonly contentType: string = "application/octet-stream",
  ) {}
}

/** An XML document produced by `xml()`, kept as its text. */
export class XmlValue {
  constructor(readonly text: string) {}
}

/** An ADF type name, as used in error messages. */
export type ValueKind =
  "null" | "boolean" | "integer" | "float" | "string" | "array" | "object" | "binary" | "xml";

/** The ADF type of `value`. Anything unrecognised (a Date, a function) counts as object. */
export function kindOf(value: unknown): ValueKind {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "number":
      return Number.isInteger(value) ? "integer" : "float";
    case "bigint":
      return "integer";
    case "object":
      if (Array.isArray(value)) return "array";
      if (value instanceof FloatValue) return "float";
      if (value instanceof BinaryValue) return "binary";
      if (value instanceof XmlValue) return "xml";
      return "object";
    default:
      return "object";
  }
}

export function isInteger(value: unknown): value is number | bigint {
  return typeof value === "bigint" || (typeof value === "number" && Number.isInteger(value));
}

export function isFloat(value: unknown): value is number | FloatValue {
  return value instanceof FloatValue || (typeof value === "number" && !Number.isInteger(value));
}

/** True for integers and floats. */
export function isNumber(value: unknown): value is number | bigint | FloatValue {
  return typeof value === "number" || typeof value === "bigint" || value instanceof FloatValue;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof FloatValue) &&
    !(value instanceof BinaryValue) &&
    !(value instanceof XmlValue)
  );
}

/** A number as a JavaScript double (a bigint loses precision past 2^53). */
export function toDouble(value: number | bigint | FloatValue): number {
  if (value instanceof FloatValue) return value.value;
  return typeof value === "bigint" ? Number(value) : value;
}

/** An integer result: a `number` while safe, a `bigint` beyond. */
export function makeInteger(value: bigint | number): number | bigint {
  if (typeof value === "number") return value;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

/** A float result: integral doubles are boxed so they stay floats. */
export function makeFloat(value: number): number | FloatValue {
  return Number.isInteger(value) ? new FloatValue(value) : value;
}

/**
 * Looks up `name` in `object` as ADF does: an exact match first, then a case-insensitive one
 * (ADF property, parameter and variable names are case-insensitive). Returns `undefined`
 * when absent.
 */
export function getProperty(object: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(object, name)) return object[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) {
    if (key.toLowerCase() === lower) return object[key];
  }
  return undefined;
}

/** True when `object` has `name`, with ADF's case-insensitive matching. */
export function hasProperty(object: Record<string, unknown>, name: string): boolean {
  if (Object.prototype.hasOwnProperty.call(object, name)) return true;
  const lower = name.toLowerCase();
  return Object.keys(object).some((key) => key.toLowerCase() === lower);
}
