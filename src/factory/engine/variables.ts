import { SluiceError } from "../../core/index.js";
import type { VariableSpec } from "../model/pipeline.js";
import { jsonTypeName } from "./parameter-types.js";
import { userError, type ActivityError } from "./run-status.js";

/** The variable types Sluice knows, normalised (`Boolean` is ADF's alias of Bool). */
export type VariableKind = "String" | "Bool" | "Array" | "Integer";

const kinds: Readonly<Record<string, VariableKind>> = {
  string: "String",
  bool: "Bool",
  boolean: "Bool",
  array: "Array",
  integer: "Integer",
};

/** The kind of a declared variable `type`, case-insensitive; undefined when unknown. */
export function variableKindOf(declared: unknown): VariableKind | undefined {
  return typeof declared === "string" ? kinds[declared.toLowerCase()] : undefined;
}

/**
 * The variables at the start of a run: each `defaultValue`, else `[]` for an Array (so
 * Append Variable works on an undeclared default, as in ADF) and `null` for the others.
 * Throws InvalidArgument for an unknown type or a default of the wrong type.
 */
export function initVariables(
  specs: Readonly<Record<string, VariableSpec>> | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs ?? {})) {
    const kind = kindOrThrow(name, spec);
    const value =
      spec.defaultValue === undefined ? (kind === "Array" ? [] : null) : spec.defaultValue;
    if (!fits(kind, value)) {
      throw new SluiceError(
        "InvalidArgument",
        `Variable '${name}' is ${kind}, but its defaultValue ${JSON.stringify(value)} is ${jsonTypeName(value)}.`,
        { details: { field: `variables.${name}.defaultValue`, value } },
      );
    }
    values[name] = value;
  }
  return values;
}

function kindOrThrow(name: string, spec: VariableSpec | undefined): VariableKind {
  const kind = variableKindOf(spec?.type);
  if (kind) return kind;
  throw new SluiceError(
    "InvalidArgument",
    `Variable '${name}' declares type '${String(spec?.type)}'; allowed: String, Bool, Boolean, Array, Integer.`,
    { details: { field: `variables.${name}.type`, value: spec?.type } },
  );
}

function fits(kind: VariableKind, value: unknown): boolean {
  if (value === null) return true;
  switch (kind) {
    case "String":
      return typeof value === "string";
    case "Bool":
      return typeof value === "boolean";
    case "Array":
      return Array.isArray(value);
    case "Integer":
      return typeof value === "number" && Number.isInteger(value);
  }
}

/** A variable update, or why it failed (a failure of the activity, as data). */
export type VariableUpdate =
  | { readonly ok: true; readonly variables: Record<string, unknown>; readonly output: unknown }
  | { readonly ok: false; readonly error: ActivityError };

/**
 * Set Variable: the variable named `name` (case-insensitive) takes `value`, which must fit
 * its type. Fails the activity (not throws) for an undeclared variable or a value of the
 * wrong type, with ADF's wording. The output is ADF's `{ name, value }`.
 */
export function setVariable(
  activityName: string,
  specs: Readonly<Record<string, VariableSpec>> | undefined,
  variables: Readonly<Record<string, unknown>>,
  name: string,
  value: unknown,
): VariableUpdate {
  const found = findVariable(activityName, specs, name);
  if ("error" in found) return { ok: false, error: found.error };
  if (!fits(found.kind, value)) {
    return {
      ok: false,
      error: userError(
        activityName,
        "InvalidVariableType",
        `The variable '${found.name}' of type '${found.kind}' cannot be initialized or updated with value of type '${jsonTypeName(value)}'. The variable '${found.name}' only supports values of types '${found.kind}'.`,
      ),
    };
  }
  return {
    ok: true,
    variables: { ...variables, [found.name]: value },
    output: { name: found.name, value },
  };
}

/**
 * Append Variable: adds `value` (any type) to the end of an Array variable. Fails the
 * activity when the variable is undeclared or not an Array. The output is `{}`.
 */
export function appendVariable(
  activityName: string,
  specs: Readonly<Record<string, VariableSpec>> | undefined,
  variables: Readonly<Record<string, unknown>>,
  name: string,
  value: unknown,
): VariableUpdate {
  const found = findVariable(activityName, specs, name);
  if ("error" in found) return { ok: false, error: found.error };
  if (found.kind !== "Array") {
    return {
      ok: false,
      error: userError(
        activityName,
        "InvalidVariableType",
        `Append Variable '${activityName}' can only append to a variable of type 'Array', but '${found.name}' is '${found.kind}'.`,
      ),
    };
  }
  const current = variables[found.name];
  const list = Array.isArray(current) ? current : [];
  return { ok: true, variables: { ...variables, [found.name]: [...list, value] }, output: {} };
}

function findVariable(
  activityName: string,
  specs: Readonly<Record<string, VariableSpec>> | undefined,
  name: string,
): { readonly name: string; readonly kind: VariableKind } | { readonly error: ActivityError } {
  const entries = Object.entries(specs ?? {});
  const entry =
    entries.find(([declared]) => declared === name) ??
    entries.find(([declared]) => declared.toLowerCase() === name.toLowerCase());
  const kind = entry ? variableKindOf(entry[1]?.type) : undefined;
  if (entry && kind) return { name: entry[0], kind };
  const declared = entries.map(([declared]) => declared).join(", ") || "(none)";
  return {
    error: userError(
      activityName,
      "VariableNotFound",
      `The variable '${name}' is not declared by the pipeline; declared variables: ${declared}.`,
    ),
  };
}
