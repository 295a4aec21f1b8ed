import { Buffer64 } from "./value-text.js";
import { BinaryValue, FloatValue, XmlValue, isPlainObject } from "./values.js";

/**
 * An evaluation result as plain JSON-compatible JavaScript, for callers of `evaluate`:
 * boxed floats become numbers, big integers become (rounded) numbers, binary content becomes
 * ADF's `{"$content-type", "$content"}` object with base64 content, XML its text.
 * Returns the input itself when nothing inside needs converting.
 */
export function toPlainValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof FloatValue) return value.value;
  if (value instanceof BinaryValue) {
    return { "$content-type": value.contentType, $content: Buffer64.encode(value.bytes) };
  }
  if (value instanceof XmlValue) return value.text;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const plain = toPlainValue(item);
      if (plain !== item) (copy ??= value.slice())[i] = plain;
    });
    return copy ?? value;
  }
  if (isPlainObject(value)) {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const plain = toPlainValue(item);
      if (plain !== item) (copy ??= { ...value })[key] = plain;
    }
    return copy ?? value;
  }
  return value;
}
