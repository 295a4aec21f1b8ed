import { BinaryValue, FloatValue, XmlValue, isPlainObject } from "./values.js";

/**
 * A double as .NET prints it (`double.ToString()` on .NET Core 3.0+): the shortest digits that
 * round-trip, in fixed notation for decimal exponents -4..14 and scientific (`1E+15`,
 * `1.5E-05`) outside.
 */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const [mantissa = "", exponentText = "0"] = value.toExponential().split("e");
  const exponent = Number(exponentText);
  if (exponent > -5 && exponent < 15) {
    return value.toFixed(Math.max(0, mantissa.replace(/^-?\d\.?/, "").length - exponent));
  }
  const sign = exponent < 0 ? "-" : "+";
  return `${mantissa.toUpperCase()}E${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
}

/** A double as JSON.NET writes it: like {@link formatDouble}, but integral values keep `.0`. */
function formatJsonDouble(value: number): string {
  const text = formatDouble(value);
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

/**
 * The string ADF makes of a value: by `string()`, `concat()`, `join()` and `@{...}`
 * interpolation. Null is empty; booleans are `True`/`False` (.NET); numbers as .NET prints
 * them; arrays and objects as compact JSON; binary as its UTF-8 text.
 */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return "";
  switch (typeof value) {
    case "string":
      return value;
    case "boolean":
      return value ? "True" : "False";
    case "number":
      return Number.isInteger(value) ? String(value) : formatDouble(value);
    case "bigint":
      return value.toString();
    default:
      break;
  }
  if (value instanceof FloatValue) return formatDouble(value.value);
  if (value instanceof BinaryValue) return new TextDecoder().decode(value.bytes);
  if (value instanceof XmlValue) return value.text;
  return toJsonText(value);
}

/** Compact JSON of a value, as JSON.NET writes it (floats keep `.0`; binary as base64). */
export function toJsonText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) return JSON.stringify(formatDouble(value));
      return Number.isInteger(value) ? String(value) : formatJsonDouble(value);
    case "bigint":
      return value.toString();
    default:
      break;
  }
  if (value instanceof FloatValue) return formatJsonDouble(value.value);
  if (value instanceof BinaryValue) return JSON.stringify(Buffer64.encode(value.bytes));
  if (value instanceof XmlValue) return JSON.stringify(value.text);
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (isPlainObject(value)) {
    const parts: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) parts.push(`${JSON.stringify(key)}:${toJsonText(item)}`);
    }
    return `{${parts.join(",")}}`;
  }
  return JSON.stringify(String(value));
}

/** Base64 without Node's Buffer (expressions/ uses no Node built-ins). */
export const Buffer64 = {
  encode(bytes: Uint8Array): string {
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  },
};
