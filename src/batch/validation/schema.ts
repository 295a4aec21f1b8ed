// A small declarative schema for Batch request bodies, and the walker that checks a parsed
// JSON value against it. The walker returns a clean copy: enums in Batch's canonical
// spelling, nulls dropped, OData annotations dropped. Errors follow Batch: a wrong JSON type
// is `InvalidRequestBody` (as Batch's OData reader reports it), a missing field
// `MissingRequiredProperty`, a value out of range `InvalidPropertyValue`.
import { BatchError } from "../batch-error.js";
import { parseDuration } from "../duration.js";
import { batchIdPattern } from "../ids.js";

export type Schema =
  | StringSchema
  | { readonly kind: "integer"; readonly min?: number; readonly max?: number }
  | { readonly kind: "boolean" }
  | { readonly kind: "enum"; readonly values: readonly string[] }
  | { readonly kind: "duration"; readonly minMs?: number; readonly maxMs?: number }
  | { readonly kind: "array"; readonly items: Schema; readonly maxItems?: number }
  | ObjectSchema
  | { readonly kind: "any" };

export interface StringSchema {
  readonly kind: "string";
  readonly maxLength?: number;
  readonly nonEmpty?: boolean;
  /** A pattern the whole string must match, and the rule to state when it does not. */
  readonly pattern?: RegExp;
  readonly patternRule?: string;
}

export interface ObjectSchema {
  readonly kind: "object";
  /** Batch's type name, used in messages (`TaskAddParameter`). */
  readonly typeName: string;
  readonly fields: Readonly<Record<string, Schema>>;
  readonly required: readonly string[];
}

/** How unknown properties are treated; default `reject`, as Batch's OData reader does. */
export interface SchemaOptions {
  readonly unknownProperties?: "reject" | "ignore";
}

const int32 = { min: -2147483648, max: 2147483647 };

export const str = (maxLength?: number): Schema => ({ kind: "string", maxLength });
export const nonEmptyStr = (maxLength?: number): Schema => ({
  kind: "string",
  maxLength,
  nonEmpty: true,
});
/** A pool, job or task id: Batch's id rule. */
export const idStr: Schema = {
  kind: "string",
  pattern: batchIdPattern,
  patternRule: "must be 1 to 64 characters, each a letter, digit, hyphen or underscore",
};
export const int = (min = int32.min, max = int32.max): Schema => ({ kind: "integer", min, max });
export const bool: Schema = { kind: "boolean" };
export const anyJson: Schema = { kind: "any" };
export const oneOf = (values: readonly string[]): Schema => ({ kind: "enum", values });
export const duration = (minMs?: number, maxMs?: number): Schema => ({
  kind: "duration",
  minMs,
  maxMs,
});
export const arrayOf = (items: Schema, maxItems?: number): Schema => ({
  kind: "array",
  items,
  maxItems,
});

/**
 * An object schema whose fields are exactly the keys of `T`: the compiler keeps the schema
 * and the model interface in step.
 */
export function objectSchema<T>(
  typeName: string,
  fields: { readonly [K in keyof T]-?: Schema },
  required: readonly (keyof T & string)[] = [],
): ObjectSchema {
  return { kind: "object", typeName, fields: fields as Record<string, Schema>, required };
}

/** Checks `value` against `schema` at `path` and returns its clean copy, or throws a BatchError. */
export function checkSchema(
  schema: Schema,
  value: unknown,
  path: string,
  options: SchemaOptions = {},
): unknown {
  switch (schema.kind) {
    case "string":
      return checkString(schema, value, path);
    case "integer":
      return checkInteger(schema, value, path);
    case "boolean":
      if (typeof value !== "boolean") throw wrongType(path, value, "a boolean (true or false)");
      return value;
    case "enum":
      return checkEnum(schema.values, value, path);
    case "duration":
      return checkDuration(schema, value, path);
    case "array":
      return checkArray(schema, value, path, options);
    case "object":
      return checkObject(schema, value, path, options);
    case "any":
      return value;
  }
}

function checkString(schema: StringSchema, value: unknown, path: string): string {
  if (typeof value !== "string") throw wrongType(path, value, "a string");
  if (schema.pattern !== undefined && !schema.pattern.test(value)) {
    throw invalidValue(path, value, schema.patternRule ?? `must match ${String(schema.pattern)}`);
  }
  if (schema.nonEmpty === true && value.trim() === "") {
    throw invalidValue(path, value, "must not be empty");
  }
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    throw invalidValue(
      path,
      value,
      `must be at most ${schema.maxLength} characters, not ${value.length}`,
    );
  }
  return value;
}

function checkInteger(
  schema: { min?: number; max?: number },
  value: unknown,
  path: string,
): number {
  if (typeof value !== "number" || !Number.isInteger(value))
    throw wrongType(path, value, "an integer");
  const min = schema.min ?? int32.min;
  const max = schema.max ?? int32.max;
  if (value < min || value > max) {
    throw invalidValue(path, value, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

function checkEnum(values: readonly string[], value: unknown, path: string): string {
  if (typeof value !== "string")
    throw wrongType(path, value, `one of the strings ${values.join(", ")}`);
  const lower = value.toLowerCase();
  const match = values.find((candidate) => candidate.toLowerCase() === lower);
  if (match === undefined) throw invalidValue(path, value, `must be one of ${values.join(", ")}`);
  return match;
}

function checkDuration(
  schema: { minMs?: number; maxMs?: number },
  value: unknown,
  path: string,
): string {
  if (typeof value !== "string")
    throw wrongType(path, value, "an ISO 8601 duration string such as PT1H");
  const ms = parseDuration(value);
  if (ms === undefined) {
    throw invalidValue(path, value, "must be an ISO 8601 duration such as PT15M, PT1H or P7D");
  }
  if (schema.minMs !== undefined && ms < schema.minMs) {
    throw invalidValue(path, value, `must be at least ${schema.minMs / 1000} seconds`);
  }
  if (schema.maxMs !== undefined && ms > schema.maxMs) {
    throw invalidValue(path, value, `must be at most ${schema.maxMs / 1000} seconds`);
  }
  return value;
}

function checkArray(
  schema: { items: Schema; maxItems?: number },
  value: unknown,
  path: string,
  options: SchemaOptions,
): unknown[] {
  if (!Array.isArray(value)) throw wrongType(path, value, "an array");
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    throw invalidValue(path, `${value.length} items`, `must have at most ${schema.maxItems} items`);
  }
  return value.map((item, index) => {
    if (item === null) throw invalidValue(`${path}[${index}]`, null, "must not be null");
    return checkSchema(schema.items, item, `${path}[${index}]`, options);
  });
}

/** OData annotations (`odata.metadata`, `x@odata.type`) that clients may send; never data. */
const isAnnotation = (key: string): boolean => key.startsWith("odata.") || key.includes("@");

function checkObject(
  schema: ObjectSchema,
  value: unknown,
  path: string,
  options: SchemaOptions,
): object {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw wrongType(path, value, `a JSON object (${schema.typeName})`);
  }
  const input = value as Record<string, unknown>;
  for (const name of schema.required) {
    if (input[name] === undefined || input[name] === null) {
      const at = join(path, name);
      throw new BatchError(
        "MissingRequiredProperty",
        `Property '${at}' is required on ${schema.typeName} but is missing.`,
        { PropertyName: at },
      );
    }
  }
  const output: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(input)) {
    const field = schema.fields[key];
    if (field === undefined || !Object.hasOwn(schema.fields, key)) {
      if (isAnnotation(key) || options.unknownProperties === "ignore") continue;
      const at = join(path, key);
      throw new BatchError(
        "InvalidRequestBody",
        `Property '${at}' does not exist on type ${schema.typeName}; its properties are: ${Object.keys(schema.fields).join(", ")}.`,
        {
          PropertyName: at,
          Reason: `The property '${key}' does not exist on type '${schema.typeName}'.`,
        },
      );
    }
    if (item === null) continue;
    output[key] = checkSchema(field, item, join(path, key), options);
  }
  return output;
}

const join = (path: string, key: string): string => (path === "" ? key : `${path}.${key}`);

/** A short, bounded rendering of a bad value for messages. */
export function describeValue(value: unknown): string {
  const text =
    typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function wrongType(path: string, value: unknown, expected: string): BatchError {
  const shown = describeValue(value);
  return new BatchError(
    "InvalidRequestBody",
    `Property '${path || "(body)"}' is ${shown}: must be ${expected}.`,
    {
      PropertyName: path || "(body)",
      PropertyValue: shown,
      Reason: `Expected ${expected}.`,
    },
  );
}

/** `InvalidPropertyValue` for `path`, naming the value and what is allowed. */
export function invalidValue(path: string, value: unknown, rule: string): BatchError {
  const shown = describeValue(value);
  return new BatchError("InvalidPropertyValue", `Property '${path}' is ${shown}: ${rule}.`, {
    PropertyName: path,
    PropertyValue: typeof value === "string" ? value : shown,
    Reason: `The value ${rule}.`,
  });
}
