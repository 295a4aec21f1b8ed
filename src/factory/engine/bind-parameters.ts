import { SluiceError } from "../../core/index.js";
import type { ParameterSpec } from "../model/pipeline.js";
import {
  allParameterTypes,
  coerceParameter,
  jsonTypeName,
  parameterTypeOf,
} from "./parameter-types.js";

/** Options for {@link bindParameters}. */
export interface BindOptions {
  /** Named in errors: `pipeline 'X'`. Default: `the pipeline`. */
  readonly owner?: string;
  /** Values were typed as text (CLI `--param k=v`): parse Array/Object JSON. Default false. */
  readonly fromText?: boolean;
}

/** The parameters of a run, from {@link bindParameters}. */
export interface BoundParameters {
  /** Every declared parameter's value: given, else its default (`null` default allowed). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Given names the pipeline does not declare: ignored, for the caller to warn about. */
  readonly ignored: readonly string[];
  /** Names of SecureString parameters, whose values must be masked when shown. */
  readonly secure: readonly string[];
}

/**
 * Binds the parameters given for a run to a pipeline's declared `parameters`: a declared
 * parameter takes the given value, else its `defaultValue`; one with neither is missing.
 * Given names match declared ones case-insensitively, as ADF names do. Values are fitted to
 * the declared type as {@link coerceParameter} says. A `defaultValue` is a literal: ADF does
 * not evaluate expressions in parameter defaults (`"@utcnow()"` stays that text).
 *
 * Throws `PipelineParameterInvalid` listing every problem at once (missing required
 * parameters, values of the wrong type, unknown declared types), with `details.problems`.
 */
export function bindParameters(
  spec: Readonly<Record<string, ParameterSpec>> | undefined,
  given: Readonly<Record<string, unknown>> | undefined,
  options: BindOptions = {},
): BoundParameters {
  const owner = options.owner ?? "the pipeline";
  const givenByLower = new Map(
    Object.entries(given ?? {}).map(([k, v]) => [k.toLowerCase(), { k, v }]),
  );
  const values: Record<string, unknown> = {};
  const secure: string[] = [];
  const problems: string[] = [];
  for (const [name, declared] of Object.entries(spec ?? {})) {
    const type = parameterTypeOf(declared?.type);
    if (!type) {
      problems.push(
        `parameter '${name}' declares type '${String(declared?.type)}'; allowed: ${allParameterTypes.join(", ")}`,
      );
      continue;
    }
    if (type === "SecureString") secure.push(name);
    const supplied = givenByLower.get(name.toLowerCase());
    givenByLower.delete(name.toLowerCase());
    const hasDefault =
      declared !== null && typeof declared === "object" && "defaultValue" in declared;
    if (!supplied && !hasDefault) {
      problems.push(
        `parameter '${name}' (${type}) is required: it has no default and no value was given`,
      );
      continue;
    }
    const raw = supplied ? supplied.v : declared.defaultValue;
    const coerced = coerceParameter(type, raw, supplied ? options.fromText === true : false);
    if (coerced.ok) values[name] = coerced.value;
    else {
      const source = supplied ? "value" : "default value";
      problems.push(
        `parameter '${name}' is ${type}, but its ${source} ${JSON.stringify(raw)} is ${jsonTypeName(raw)}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new SluiceError(
      "PipelineParameterInvalid",
      `Parameters of ${owner} are not valid: ${problems.join("; ")}.`,
      { details: { problems } },
    );
  }
  return { values, ignored: [...givenByLower.values()].map((entry) => entry.k), secure };
}
