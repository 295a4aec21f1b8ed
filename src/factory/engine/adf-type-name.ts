/** The type name ADF's messages use for a value: String, Integer, Float, Boolean, Array, Object, Null. */
export function adfTypeName(value: unknown): string {
  if (value === null || value === undefined) return "Null";
  if (Array.isArray(value)) return "Array";
  switch (typeof value) {
    case "string":
      return "String";
    case "number":
      return Number.isInteger(value) ? "Integer" : "Float";
    case "boolean":
      return "Boolean";
    default:
      return "Object";
  }
}

/** Reads a boolean flag that ADF JSON may write as `true` or `"true"` (any case); `fallback` when absent. */
export function flagOf(value: unknown, fallback: boolean): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) {
    return value.trim().toLowerCase() === "true";
  }
  return fallback;
}
