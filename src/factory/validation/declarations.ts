import { childPath } from "./json-path.js";
import { isObject, type Reporter } from "./reporter.js";

/** ADF's parameter types (pipelines, datasets, linked services); matched regardless of case, as ADF does. */
export const parameterTypes = ["String", "Int", "Float", "Bool", "Array", "Object", "SecureString"];
/** ADF's pipeline variable types. */
export const variableTypes = ["String", "Bool", "Boolean", "Array", "Integer"];
/** ADF's global parameter types. */
export const globalParameterTypes = ["String", "Int", "Float", "Bool", "Array", "Object"];

const valueChecks: Readonly<Record<string, (value: unknown) => boolean>> = {
  string: (v) => typeof v === "string",
  securestring: (v) => typeof v === "string",
  int: (v) => Number.isInteger(v),
  integer: (v) => Number.isInteger(v),
  float: (v) => typeof v === "number",
  bool: (v) => typeof v === "boolean",
  boolean: (v) => typeof v === "boolean",
  array: (v) => Array.isArray(v),
  object: (v) => isObject(v),
};

/** What is being checked, for messages: `parameter`, `variable`, `global parameter`. */
interface DeclarationKind {
  readonly noun: string;
  readonly types: readonly string[];
  /** The property holding the value: `defaultValue`, or `value` for global parameters. */
  readonly valueKey: string;
}

export const parameterKind: DeclarationKind = {
  noun: "parameter",
  types: parameterTypes,
  valueKey: "defaultValue",
};
export const variableKind: DeclarationKind = {
  noun: "variable",
  types: variableTypes,
  valueKey: "defaultValue",
};
export const globalKind: DeclarationKind = {
  noun: "global parameter",
  types: globalParameterTypes,
  valueKey: "value",
};

/**
 * Checks a `parameters` / `variables` / `globalParameters` object: each entry an object with a
 * type ADF has, names unique regardless of case, and a default value that fits the type (a
 * mismatch is a warning: ADF converts some values when the run starts). A value that is an
 * expression (a string starting with `@`) is not type-checked.
 */
export function checkDeclarations(
  declarations: unknown,
  path: string,
  kind: DeclarationKind,
  report: Reporter,
): void {
  if (declarations === undefined || declarations === null) return;
  if (!isObject(declarations)) {
    report.error(
      "MissingProperty",
      path,
      `${kind.noun}s must be an object of name -> {"type": ...}`,
    );
    return;
  }
  const seen = new Map<string, string>();
  for (const [name, spec] of Object.entries(declarations)) {
    const at = childPath(path, name);
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) {
      report.error(
        "DuplicateName",
        at,
        `the ${kind.noun} '${name}' has the same name as '${earlier}'; ADF ${kind.noun} names are case-insensitive`,
      );
    } else seen.set(name.toLowerCase(), name);
    if (!isObject(spec)) {
      report.error(
        "MissingProperty",
        at,
        `the ${kind.noun} '${name}' must be an object with a type, such as {"type": "String"}`,
      );
      continue;
    }
    checkType(name, spec, at, kind, report);
  }
}

function checkType(
  name: string,
  spec: Record<string, unknown>,
  at: string,
  kind: DeclarationKind,
  report: Reporter,
): void {
  const allowed = kind.types.join(", ");
  if (typeof spec.type !== "string") {
    report.error(
      "MissingProperty",
      childPath(at, "type"),
      `the ${kind.noun} '${name}' needs a type: one of ${allowed}`,
    );
    return;
  }
  const type = spec.type;
  if (!kind.types.some((t) => t.toLowerCase() === type.toLowerCase())) {
    report.error(
      "InvalidValue",
      childPath(at, "type"),
      `the ${kind.noun} '${name}' has type '${type}', which ADF does not have; allowed: ${allowed}`,
    );
    return;
  }
  const value = spec[kind.valueKey];
  if (value === undefined || value === null) return;
  if (typeof value === "string" && value.startsWith("@")) return;
  if (valueChecks[type.toLowerCase()]?.(value) === false) {
    report.warning(
      "InvalidValue",
      childPath(at, kind.valueKey),
      `the ${kind.noun} '${name}' is of type ${type}, but its ${kind.valueKey} ${JSON.stringify(value)} is not`,
    );
  }
}
