import { BinaryValue, XmlValue, isNumber, isPlainObject, kindOf, toDouble } from "./values.js";

/**
 * ADF's equality, used by `equals`, `contains`, `union`, `intersection`: numbers compare by
 * value whatever their type (`equals(1, 1.0)` is true), strings exactly (case-sensitive),
 * arrays and objects deeply, null only to null.
 */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined) return b === null;
  if (b === undefined) return a === null;
  if (isNumber(a) && isNumber(b)) {
    if (typeof a === "bigint" || typeof b === "bigint") {
      return typeof a === typeof b ? a === b : toDouble(a) === toDouble(b);
    }
    return toDouble(a) === toDouble(b);
  }
  const kind = kindOf(a);
  if (kind !== kindOf(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => valuesEqual(item, b[i]));
  }
  if (a instanceof BinaryValue && b instanceof BinaryValue) {
    return a.bytes.length === b.bytes.length && a.bytes.every((byte, i) => byte === b.bytes[i]);
  }
  if (a instanceof XmlValue && b instanceof XmlValue) return a.text === b.text;
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a).filter((key) => a[key] !== undefined);
    const otherKeys = Object.keys(b).filter((key) => b[key] !== undefined);
    return (
      keys.length === otherKeys.length &&
      keys.every(
        (key) => Object.prototype.hasOwnProperty.call(b, key) && valuesEqual(a[key], b[key]),
      )
    );
  }
  return false;
}
