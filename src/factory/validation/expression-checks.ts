import {
  ExpressionError,
  parseExpression,
  type CompiledValue,
  type ExpressionNode,
} from "../../expressions/index.js";
import { childPath } from "./json-path.js";
import { isObject, type Reporter } from "./reporter.js";

/**
 * Names an expression may refer to; a field left undefined is not checked (for example
 * `activities` outside pipelines). Names are lower-cased: ADF matches them regardless of case.
 */
export interface ExpressionNames {
  readonly parameters?: ReadonlySet<string>;
  readonly variables?: ReadonlySet<string>;
  readonly globalParameters?: ReadonlySet<string>;
  readonly activities?: ReadonlySet<string>;
  /** `dataset()` (in a dataset) or `linkedService()` (in a linked service) parameters. */
  readonly ownParameters?: ReadonlySet<string>;
}

/** Keys whose values are never expressions: names, docs, and parameter defaults (ADF does not evaluate them). */
const skipKeys = new Set([
  "name",
  "description",
  "annotations",
  "folder",
  "defaultValue",
  "type",
  "dependsOn",
]);

/**
 * Checks every expression in `json`: string values starting with `@` or holding `@{`, and
 * `{"type": "Expression", "value": ...}` objects. Each must parse, and name only parameters,
 * variables, global parameters and activities that exist. `SecureString` values are
 * literal secrets and are skipped.
 */
export function checkExpressions(
  json: unknown,
  path: string,
  names: ExpressionNames,
  report: Reporter,
): void {
  if (typeof json === "string") {
    if (json.startsWith("@") || json.includes("@{")) checkOne(json, path, names, report);
  } else if (Array.isArray(json)) {
    json.forEach((item: unknown, i) => checkExpressions(item, childPath(path, i), names, report));
  } else if (isObject(json)) {
    if (json.type === "SecureString") return;
    if (json.type === "Expression" && "value" in json) {
      const at = childPath(path, "value");
      if (typeof json.value === "string") checkOne(json.value, at, names, report);
      else
        report.error(
          "InvalidExpression",
          at,
          `an Expression object's value must be a string, but it is ${JSON.stringify(json.value)}`,
        );
      return;
    }
    for (const [key, value] of Object.entries(json)) {
      if (skipKeys.has(key) && typeof value !== "object") continue;
      if (key === "defaultValue" || key === "annotations" || key === "dependsOn") continue;
      checkExpressions(value, childPath(path, key), names, report);
    }
  }
}

function checkOne(text: string, path: string, names: ExpressionNames, report: Reporter): void {
  let compiled: CompiledValue;
  try {
    compiled = parseExpression(text);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    const at = error.position ? ` at ${error.position.line}:${error.position.column}` : "";
    report.error(
      "InvalidExpression",
      path,
      `invalid expression ${excerpt(text)}${at}: ${error.plainMessage}`,
    );
    return;
  }
  const nodes =
    compiled.kind === "expression"
      ? [compiled.node]
      : compiled.kind === "template"
        ? compiled.parts
        : [];
  for (const node of nodes) {
    if (typeof node !== "string")
      visit(node, (problem, offset) => reportName(text, path, problem, offset, report), names);
  }
}

function reportName(
  text: string,
  path: string,
  problem: string,
  offset: number,
  report: Reporter,
): void {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - (before.lastIndexOf("\n") + 1) + 1;
  report.error(
    "InvalidExpression",
    path,
    `invalid expression ${excerpt(text)} at ${line}:${column}: ${problem}`,
  );
}

/** The expression as JSON text, shortened past 120 characters. */
function excerpt(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}...` : text);
}

type Found = (problem: string, offset: number) => void;

/** Walks the syntax tree, checking the names that accessors read. */
function visit(node: ExpressionNode, found: Found, names: ExpressionNames): void {
  switch (node.kind) {
    case "literal":
      return;
    case "call":
      if (node.accessor) checkAccessor(node, found, names);
      for (const arg of node.args) visit(arg, found, names);
      return;
    case "member":
      checkPipelineMember(node.target, node.name, node.offset, found, names);
      visit(node.target, found, names);
      return;
    case "index":
      if (node.index.kind === "literal" && typeof node.index.value === "string") {
        checkPipelineMember(node.target, node.index.value, node.offset, found, names);
      }
      visit(node.target, found, names);
      visit(node.index, found, names);
      return;
  }
}

function literalArg(node: ExpressionNode & { kind: "call" }): string | undefined {
  const arg = node.args[0];
  return arg?.kind === "literal" && typeof arg.value === "string" ? arg.value : undefined;
}

function checkAccessor(
  node: ExpressionNode & { kind: "call" },
  found: Found,
  names: ExpressionNames,
): void {
  const name = literalArg(node);
  if (name === undefined) return;
  if (
    node.accessor === "variables" &&
    names.variables &&
    !names.variables.has(name.toLowerCase())
  ) {
    found(`variables('${name}') names a variable the pipeline does not declare`, node.offset);
  }
  if (
    node.accessor === "activity" &&
    names.activities &&
    !names.activities.has(name.toLowerCase())
  ) {
    found(`activity('${name}') names an activity that is not in this pipeline`, node.offset);
  }
}

/** `pipeline().parameters.x`, `pipeline().globalParameters.x`, `dataset().x`, `linkedService().x`. */
function checkPipelineMember(
  target: ExpressionNode,
  name: string,
  offset: number,
  found: Found,
  names: ExpressionNames,
): void {
  if (
    target.kind === "call" &&
    (target.accessor === "dataset" || target.accessor === "linkedService")
  ) {
    if (names.ownParameters && !names.ownParameters.has(name.toLowerCase())) {
      found(
        `${target.accessor}().${name} names a parameter the ${target.accessor === "dataset" ? "dataset" : "linked service"} does not declare`,
        offset,
      );
    }
    return;
  }
  if (
    target.kind !== "member" ||
    target.target.kind !== "call" ||
    target.target.accessor !== "pipeline"
  )
    return;
  const group = target.name.toLowerCase();
  const declared =
    group === "parameters"
      ? names.parameters
      : group === "globalparameters"
        ? names.globalParameters
        : undefined;
  if (declared && !declared.has(name.toLowerCase())) {
    const what =
      group === "parameters"
        ? "a parameter the pipeline does not declare"
        : "a global parameter the factory does not have";
    found(`pipeline().${target.name}.${name} names ${what}`, offset);
  }
}
