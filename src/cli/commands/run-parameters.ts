// A run's parameters from `--param NAME=VALUE` and `--param-file FILE`. Pure but for reading
// the file: values typed on a command line are text, so JSON is parsed only for parameters the
// pipeline declares as Array or Object (the server fits text to Int, Float and Bool itself).
import { usageError } from "./flags.js";

/** A pipeline's declared parameters, as its ADF JSON has them (`properties.parameters`). */
export type DeclaredParameters = Readonly<Record<string, { readonly type?: unknown } | undefined>>;

/** The declared parameters of a pipeline resource's `properties`. */
export function declaredParameters(
  properties: Readonly<Record<string, unknown>>,
): DeclaredParameters {
  const parameters = properties.parameters;
  return typeof parameters === "object" && parameters !== null && !Array.isArray(parameters)
    ? (parameters as DeclaredParameters)
    : {};
}

/** `NAME=VALUE` pairs split at the first `=`; checked before anything is sent. */
export function splitParamPairs(pairs: readonly string[]): [string, string][] {
  return pairs.map((pair) => {
    const eq = pair.indexOf("=");
    if (eq <= 0) {
      throw usageError("param", `--param must be NAME=VALUE, but it is '${pair}'.`, pair);
    }
    return [pair.slice(0, eq), pair.slice(eq + 1)];
  });
}

/**
 * `--param` values as parameters: a later pair for a name overrides an earlier one. A value
 * for a declared Array or Object parameter must be JSON of that type; others stay text.
 */
export function paramFlags(
  pairs: readonly (readonly [string, string])[],
  declared: DeclaredParameters,
): Record<string, unknown> {
  const types = new Map(
    Object.entries(declared).map(([name, spec]) => [name.toLowerCase(), typeName(spec?.type)]),
  );
  const parameters: Record<string, unknown> = {};
  for (const [name, text] of pairs) {
    parameters[name] = fitted(name, text, types.get(name.toLowerCase()));
  }
  return parameters;
}

/** `--param-file`: a JSON object of parameter values, as `az datafactory pipeline create-run --parameters` takes. */
export async function paramFile(
  readFile: (path: string) => Promise<string>,
  path: string,
): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path);
  } catch (cause) {
    throw usageError(
      "param-file",
      `--param-file ${path} cannot be read: ${errorText(cause)}.`,
      path,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw usageError(
      "param-file",
      `--param-file ${path} is not valid JSON: ${errorText(cause)}.`,
      path,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw usageError(
      "param-file",
      `--param-file ${path} must hold a JSON object of parameter values, such as {"date": "2026-01-01"}.`,
      path,
    );
  }
  return parsed as Record<string, unknown>;
}

function typeName(type: unknown): string {
  return typeof type === "string" ? type.toLowerCase() : "";
}

function fitted(name: string, text: string, type: string | undefined): unknown {
  if (type !== "array" && type !== "object") return text;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined; // reported just below, with the parameter's name and type
  }
  const fits = type === "array" ? Array.isArray(value) : isObject(value);
  if (!fits) {
    const example = type === "array" ? `'${name}=["a","b"]'` : `'${name}={"key":"value"}'`;
    throw usageError(
      "param",
      `--param ${name} is an ${type === "array" ? "Array" : "Object"} parameter: give its value as JSON, such as ${example}, but it is '${text}'.`,
      text,
    );
  }
  return value;
}

function isObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `base` overridden by `overrides`; names match in any case, as ADF's parameter names do. */
export function mergeParameters(
  base: Readonly<Record<string, unknown>>,
  overrides: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const overridden = new Set(Object.keys(overrides).map((name) => name.toLowerCase()));
  const merged: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(base)) {
    if (!overridden.has(name.toLowerCase())) merged[name] = value;
  }
  return { ...merged, ...overrides };
}
