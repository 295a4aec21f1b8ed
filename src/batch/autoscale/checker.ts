// Finds, before a formula runs, the mistakes that need no data: unknown variables, functions
// and methods, wrong argument counts, writes to read-only variables, and operand types
// Batch's operations table refuses. Types that depend on data (a variable given different
// types in the branches of a conditional) are left to the evaluator.
import type { Expression, Formula, Statement } from "./ast.js";
import { semanticError } from "./formula-errors.js";
import { formulaFunctions } from "./functions.js";
import { arity, sampleMethod, timestampMembers } from "./members.js";
import { resolveName, unknownNameProblem } from "./names.js";
import { binaryResultType, binaryTypeProblem, unaryResultType } from "./operators.js";
import { positionAt } from "./position.js";
import { deallocationOptions, type ValueType } from "./values.js";
import { serviceVariable, userVariableKey } from "./variables.js";

/** undefined: a type known only when the formula runs. */
type Type = ValueType | undefined;

const serviceTypes = {
  target: "double",
  option: "string",
  double: "double",
  samples: "samples",
} as const;

/** Throws Batch's `InvalidAutoScalingSettings` (with line and column) for the first mistake. */
export function checkFormula(formula: Formula): void {
  const types = new Map<string, Type>();
  const fail = (offset: number, problem: string, reason: string): never => {
    throw semanticError(positionAt(formula.source, offset), problem, reason);
  };
  const typeOf = (node: Expression): Type => expressionType(node, types, fail);
  for (const statement of formula.statements) checkStatement(statement, types, typeOf, fail);
}

type Fail = (offset: number, problem: string, reason: string) => never;

function checkStatement(
  statement: Statement,
  types: Map<string, Type>,
  typeOf: (node: Expression) => Type,
  fail: Fail,
): void {
  const type = typeOf(statement.value);
  if (statement.kind === "expression") return;
  const variable = serviceVariable(statement.name);
  if (variable === undefined) {
    const key = userVariableKey(statement.name);
    // Statements run in order without branches: a variable has its last assignment's type.
    types.set(key, type);
    return;
  }
  const wanted = serviceTypes[variable.kind];
  if (variable.kind === "double" || variable.kind === "samples") {
    fail(statement.offset, `'${variable.name}' is read-only`, "ReadOnlyVariable");
  }
  if (type !== undefined && type !== wanted) {
    fail(statement.offset, `'${variable.name}' must be a ${wanted}, not ${type}`, "TypeMismatch");
  }
  const value = statement.value;
  if (
    variable.kind === "option" &&
    value.kind === "string" &&
    !deallocationOptions.includes(value.value)
  ) {
    fail(
      value.offset,
      `'${value.value}' is not a node deallocation option; use ${deallocationOptions.join(", ")}`,
      "InvalidValue",
    );
  }
}

function expressionType(node: Expression, types: Map<string, Type>, fail: Fail): Type {
  const typeOf = (inner: Expression): Type => expressionType(inner, types, fail);
  switch (node.kind) {
    case "number":
      return "double";
    case "string":
      return "string";
    case "name": {
      const ref = resolveName(node.name, (key) => types.has(key));
      if (ref.kind === "service") return serviceTypes[ref.variable.kind];
      if (ref.kind === "user") return types.get(ref.key);
      if (ref.kind === "constant") return ref.value.type;
      return fail(node.offset, unknownNameProblem(node.name), "UnknownVariable");
    }
    case "unary":
    case "binary":
      return operatorType(node, typeOf, fail);
    case "conditional": {
      const test = typeOf(node.test);
      if (test !== undefined && test !== "double") {
        fail(node.test.offset, `a condition must be a double, not ${test}`, "TypeMismatch");
      }
      const then = typeOf(node.then);
      const otherwise = typeOf(node.otherwise);
      return then === otherwise ? then : undefined;
    }
    case "member":
      return memberType(node, typeOf, fail);
    case "method":
      return methodType(node, typeOf, fail);
    case "call":
      return callType(node, typeOf, fail);
  }
}

function operatorType(
  node: Extract<Expression, { kind: "unary" | "binary" }>,
  typeOf: (inner: Expression) => Type,
  fail: Fail,
): Type {
  if (node.kind === "unary") {
    const operand = typeOf(node.operand);
    if (operand === undefined) return undefined;
    const problem = `the operator '${node.operator}' cannot be applied to ${operand}`;
    return unaryResultType(node.operator, operand) ?? fail(node.offset, problem, "TypeMismatch");
  }
  const left = typeOf(node.left);
  const right = typeOf(node.right);
  if (left === undefined || right === undefined) return undefined;
  return (
    binaryResultType(node.operator, left, right) ??
    fail(node.offset, binaryTypeProblem(node.operator, left, right), "TypeMismatch")
  );
}

function memberType(
  node: Extract<Expression, { kind: "member" }>,
  typeOf: (inner: Expression) => Type,
  fail: Fail,
): Type {
  const target = typeOf(node.target);
  if (target !== undefined && target !== "timestamp") {
    fail(node.offset, `'.${node.name}' needs a timestamp, not ${target}`, "TypeMismatch");
  }
  if (timestampMembers[node.name] === undefined) {
    const members = Object.keys(timestampMembers).join(", ");
    fail(
      node.offset,
      `a timestamp has no member '${node.name}'; it has ${members}`,
      "UnknownMember",
    );
  }
  return "double";
}

function methodType(
  node: Extract<Expression, { kind: "method" }>,
  typeOf: (inner: Expression) => Type,
  fail: Fail,
): Type {
  const target = typeOf(node.target);
  const method = sampleMethod(node.name);
  if (method === undefined) {
    return fail(
      node.offset,
      `'${node.name}' is not a sample method; use GetSample, GetSamplePercent, GetSamplePeriod, Count or HistoryBeginTime`,
      "UnknownMethod",
    );
  }
  if (target !== undefined && target !== "samples") {
    fail(
      node.offset,
      `'${method.name}' is a method of sampled service-defined variables ($PendingTasks...), not of ${target}`,
      "TypeMismatch",
    );
  }
  if (node.args.length < method.minArgs || node.args.length > method.maxArgs) {
    fail(
      node.offset,
      `${method.name} takes ${arity(method.minArgs, method.maxArgs)}, not ${node.args.length}`,
      "ArgumentCount",
    );
  }
  node.args.forEach(typeOf);
  return method.result;
}

function callType(
  node: Extract<Expression, { kind: "call" }>,
  typeOf: (inner: Expression) => Type,
  fail: Fail,
): Type {
  const fn = formulaFunctions.get(node.name.toLowerCase());
  if (fn === undefined)
    return fail(node.offset, `'${node.name}' is not a function`, "UnknownFunction");
  if (node.args.length < fn.minArgs || node.args.length > fn.maxArgs) {
    fail(
      node.offset,
      `${node.name} takes ${arity(fn.minArgs, fn.maxArgs)}, not ${node.args.length}`,
      "ArgumentCount",
    );
  }
  const result = fn.check(node.args.map(typeOf));
  return typeof result === "object"
    ? fail(node.offset, `${node.name}: ${result.problem}`, "TypeMismatch")
    : result;
}
