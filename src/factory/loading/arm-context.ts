import type { FactoryProblem } from "../validation/factory-problem.js";
import { childPath } from "../validation/json-path.js";
import { ArmExpressionError, evaluateArmString, type ArmContext } from "./arm-expression.js";
import { loadProblem } from "./load-result.js";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function findKey(object: Json, name: string): string | undefined {
  return Object.keys(object).find((key) => key.toLowerCase() === name.toLowerCase());
}

/**
 * `parameters()` and `variables()` of one template: parameter values come from the
 * parameters file, else the template's `defaultValue`; a parameter with neither is reported
 * once (as a warning: ADF's own parameters file leaves secure strings empty) and reads as an
 * empty string (secure or plain string types) or null. Variables evaluate lazily, once.
 */
export class TemplateContext implements ArmContext {
  private readonly variableValues = new Map<string, unknown>();
  private readonly evaluating = new Set<string>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly template: Json,
    private readonly parameterValues: Json,
    private readonly file: string,
    private readonly hasParametersFile: boolean,
    private readonly problems: FactoryProblem[],
  ) {}

  parameter(name: string): unknown {
    const declared = isObject(this.template.parameters) ? this.template.parameters : {};
    const key = findKey(declared, name);
    if (key === undefined)
      throw new ArmExpressionError(`the template declares no parameter '${name}'`);
    const given = findKey(this.parameterValues, key);
    const entry = given === undefined ? undefined : this.parameterValues[given];
    if (isObject(entry) && "value" in entry) return entry.value;
    const spec = declared[key];
    if (isObject(spec) && "defaultValue" in spec)
      return this.resolveValue(
        spec.defaultValue,
        childPath(childPath("$.parameters", key), "defaultValue"),
      );
    this.reportMissing(key, spec, isObject(entry) && "reference" in entry);
    const type = isObject(spec) && typeof spec.type === "string" ? spec.type.toLowerCase() : "";
    return type === "string" || type === "securestring" ? "" : null;
  }

  variable(name: string): unknown {
    const declared = isObject(this.template.variables) ? this.template.variables : {};
    const key = findKey(declared, name);
    if (key === undefined)
      throw new ArmExpressionError(`the template declares no variable '${name}'`);
    if (this.variableValues.has(key)) return this.variableValues.get(key);
    if (this.evaluating.has(key))
      throw new ArmExpressionError(`the variable '${key}' refers to itself`);
    this.evaluating.add(key);
    const value = this.resolveValue(declared[key], childPath("$.variables", key));
    this.evaluating.delete(key);
    this.variableValues.set(key, value);
    return value;
  }

  /** Resolves every ARM expression inside `value`, reporting each failure at its JSON path. */
  resolveValue(value: unknown, path: string): unknown {
    if (typeof value === "string") {
      try {
        return evaluateArmString(value, this);
      } catch (error) {
        if (!(error instanceof ArmExpressionError)) throw error;
        const at = error.offset >= 0 ? ` (at column ${error.offset + 1})` : "";
        this.problems.push(
          loadProblem(
            "InvalidArmTemplate",
            this.file,
            path,
            `the ARM expression ${value} cannot be evaluated${at}: ${error.message}`,
          ),
        );
        return value;
      }
    }
    if (Array.isArray(value))
      return value.map((item, i) => this.resolveValue(item, childPath(path, i)));
    if (isObject(value)) {
      const out: Json = {};
      for (const [key, item] of Object.entries(value))
        out[key] = this.resolveValue(item, childPath(path, key));
      return out;
    }
    return value;
  }

  private reportMissing(key: string, spec: unknown, keyVault: boolean): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const type = isObject(spec) && typeof spec.type === "string" ? ` (${spec.type})` : "";
    const where = keyVault
      ? "the parameters file takes it from Key Vault, which Sluice cannot read"
      : this.hasParametersFile
        ? "it has no defaultValue and the parameters file does not set it"
        : "it has no defaultValue and no parameters file was given";
    this.problems.push(
      loadProblem(
        "ArmParameterMissing",
        this.file,
        childPath("$.parameters", key),
        `the parameter '${key}'${type} has no value: ${where}; it reads as empty`,
        "warning",
      ),
    );
  }
}
