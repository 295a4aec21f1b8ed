import type { ParameterType } from "../model/pipeline.js";

const parameterTypes: readonly ParameterType[] = [
  "String",
  "Int",
  "Float",
  "Bool",
  "Array",
  "Object",
  "SecureString",
];

/** ADF's parameter type for a declared `type`, read case-insensitively (`"string"` is common). */
export function parameterTypeOf(declared: unknown): ParameterType | undefined {
  if (typeof declared !== "string") return undefined;
  const lower = declared.toLowerCase();
  return parameterTypes.find((type) => type.toLowerCase() === lower);
}

/** Every parameter type, for error messages. */
export const allParameterTypes = parameterTypes;

/** A problem with one value, or the value to use. */
export type Coerced = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

const ok = (value: unknown): Coerced => ({ ok: true, value });
const bad: Coerced = { ok: false };

/**
 * Fits `value` to `type` the way ADF accepts run parameters. `null` fits every type.
 * - String/SecureString: text; a number or boolean becomes its text (ADF passes parameter
 *   payloads as text, so an Int handed to a String parameter arrives as "5").
 * - Int: an integral number, or text of one ("5"). Float: any number, or numeric text.
 * - Bool: a boolean, or "true"/"false" in any case.
 * - Array/Object: an array/object. Text is kept as text, as ADF does (its troubleshooting
 *   guide: an array passed through Execute Pipeline arrives as a string, and users json() it),
 *   unless `fromText` (values typed on a command line), which parses it as JSON.
 */
export function coerceParameter(type: ParameterType, value: unknown, fromText: boolean): Coerced {
  if (value === null) return ok(null);
  switch (type) {
    case "String":
    case "SecureString":
      if (typeof value === "string") return ok(value);
      return typeof value === "number" || typeof value === "boolean" ? ok(textOf(value)) : bad;
    case "Int":
      if (typeof value === "number") return Number.isInteger(value) ? ok(value) : bad;
      return typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value) ? ok(Number(value)) : bad;
    case "Float":
      if (typeof value === "number") return ok(value);
      return typeof value === "string" && isNumericText(value) ? ok(Number(value)) : bad;
    case "Bool":
      if (typeof value === "boolean") return ok(value);
      if (typeof value === "string" && /^\s*(true|false)\s*$/i.test(value)) {
        return ok(value.trim().toLowerCase() === "true");
      }
      return bad;
    case "Array":
      return structured(value, fromText, Array.isArray);
    case "Object":
      return structured(value, fromText, isPlainObject);
  }
}

function structured(value: unknown, fromText: boolean, fits: (v: unknown) => boolean): Coerced {
  if (fits(value)) return ok(value);
  if (typeof value !== "string") return bad;
  if (!fromText) return ok(value);
  try {
    const parsed: unknown = JSON.parse(value);
    return fits(parsed) ? ok(parsed) : bad;
  } catch {
    return bad;
  }
}

function isNumericText(text: string): boolean {
  return /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text);
}

/** .NET's text of a number or boolean, as ADF's string conversion writes it. */
function textOf(value: number | boolean): string {
  if (typeof value === "boolean") return value ? "True" : "False";
  return String(value);
}

/** A JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The JSON type name of a value, for error messages. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "float";
  return typeof value;
}
