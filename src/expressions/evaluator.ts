import { SluiceError } from "../core/index.js";
import type { CallNode, ExpressionNode, IndexNode, MemberNode } from "./ast.js";
import { ExpressionError, positionAt } from "./expression-error.js";
import { expectBoolean, describeKind } from "./functions/argument-checks.js";
import type { FunctionContext } from "./functions/index.js";
import { accessorValue } from "./accessors.js";
import type { ExpressionScope } from "./scope.js";
import { getProperty, hasProperty, isInteger, isPlainObject } from "./values.js";

/** Everything one evaluation needs besides the tree. */
export interface EvaluationContext {
  readonly scope: ExpressionScope;
  readonly functions: FunctionContext;
  /** The whole string value, for error positions. */
  readonly source: string;
}

/** Evaluates a parsed expression to an internal value (see values.ts). */
export function evaluateNode(node: ExpressionNode, context: EvaluationContext): unknown {
  switch (node.kind) {
    case "literal":
      return node.value;
    case "call":
      return evaluateCall(node, context);
    case "member":
      return evaluateMember(node, context);
    case "index":
      return evaluateIndex(node, context);
  }
}

function evaluateCall(node: CallNode, context: EvaluationContext): unknown {
  if (node.accessor) {
    const args = node.args.map((arg) => evaluateNode(arg, context));
    return guard(node, context, () => accessorValue(node.accessor!, args, context.scope));
  }
  const fn = node.fn!;
  switch (fn.name) {
    case "if":
      return evaluateIf(node, context);
    case "and":
    case "or":
      return evaluateAndOr(node, fn.name, context);
    case "coalesce":
      return evaluateCoalesce(node, context);
  }
  const args = node.args.map((arg) => evaluateNode(arg, context));
  return guard(node, context, () => fn.call(args, context.functions));
}

/** `if` evaluates only the branch it returns, so the other may be invalid for this input. */
function evaluateIf(node: CallNode, context: EvaluationContext): unknown {
  const [conditionNode, whenTrue, whenFalse] = node.args as [
    ExpressionNode,
    ExpressionNode,
    ExpressionNode,
  ];
  const condition = evaluateNode(conditionNode, context);
  guard(node, context, () => expectBoolean("if", [condition], 0));
  return evaluateNode(condition ? whenTrue : whenFalse, context);
}

/**
 * `and`/`or` stop at the argument that decides the result, as ADF's engine does, so later
 * arguments are neither evaluated nor type-checked (`and(false, int('x'))` is false).
 */
function evaluateAndOr(node: CallNode, name: "and" | "or", context: EvaluationContext): boolean {
  const decisive = name === "or";
  for (const arg of node.args) {
    const value = evaluateNode(arg, context);
    const index = node.args.indexOf(arg);
    if (guard(node, context, () => expectBooleanAt(name, value, index)) === decisive)
      return decisive;
  }
  return !decisive;
}

function expectBooleanAt(name: string, value: unknown, index: number): boolean {
  const args: unknown[] = [];
  args[index] = value;
  return expectBoolean(name, args, index);
}

/** `coalesce` returns the first non-null argument without evaluating the rest. */
function evaluateCoalesce(node: CallNode, context: EvaluationContext): unknown {
  for (const arg of node.args) {
    const value = evaluateNode(arg, context);
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

/** Runs `work`, giving any error the position of `node`; no raw JS error escapes. */
function guard<T>(node: { offset: number }, context: EvaluationContext, work: () => T): T {
  try {
    return work();
  } catch (error) {
    const position = positionAt(context.source, node.offset);
    if (error instanceof ExpressionError) throw error.locate(position);
    if (error instanceof SluiceError) throw error;
    const name = (node as Partial<CallNode>).name ?? "expression";
    throw new ExpressionError(
      "Internal",
      `${name}() failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      position,
    );
  }
}

function fail(
  node: ExpressionNode,
  context: EvaluationContext,
  code: ExpressionError["code"],
  message: string,
): never {
  throw new ExpressionError(code, message, positionAt(context.source, node.offset));
}

function evaluateMember(node: MemberNode, context: EvaluationContext): unknown {
  const target = evaluateNode(node.target, context);
  if (target === null || target === undefined) {
    if (node.nullSafe) return null;
    fail(
      node,
      context,
      "ExpressionNullAccess",
      `Cannot read property '${node.name}' of null; write '?.${node.name}' to get null instead.`,
    );
  }
  if (!isPlainObject(target)) {
    fail(
      node,
      context,
      "ExpressionArgumentType",
      `Cannot read property '${node.name}' of ${describeKind(target)}; only objects have properties.`,
    );
  }
  const value = getProperty(target, node.name);
  if (value !== undefined || hasProperty(target, node.name)) return value;
  if (node.nullSafe) return null;
  return missingProperty(node, node.target, node.name, target, context);
}

function evaluateIndex(node: IndexNode, context: EvaluationContext): unknown {
  const target = evaluateNode(node.target, context);
  const index = evaluateNode(node.index, context);
  if (target === null || target === undefined) {
    if (node.nullSafe) return null;
    fail(
      node,
      context,
      "ExpressionNullAccess",
      `Cannot index into null; write '?[' to get null instead.`,
    );
  }
  if (Array.isArray(target)) {
    if (!isInteger(index)) {
      fail(
        node,
        context,
        "ExpressionArgumentType",
        `An array index must be an integer, but it is ${describeKind(index)}.`,
      );
    }
    const i = Number(index);
    if (i >= 0 && i < target.length) return target[i];
    if (node.nullSafe) return null;
    fail(
      node,
      context,
      "ExpressionIndexOutOfRange",
      `Index ${i} is outside the array, which has ${target.length} item${target.length === 1 ? "" : "s"} (valid: 0 to ${target.length - 1}).`,
    );
  }
  if (isPlainObject(target)) {
    if (typeof index !== "string") {
      fail(
        node,
        context,
        "ExpressionArgumentType",
        `An object's property name must be a string, but it is ${describeKind(index)}.`,
      );
    }
    const value = getProperty(target, index);
    if (value !== undefined || hasProperty(target, index)) return value;
    if (node.nullSafe) return null;
    return missingProperty(node, node.target, index, target, context);
  }
  return fail(
    node,
    context,
    "ExpressionArgumentType",
    `Cannot index into ${describeKind(target)}; only arrays and objects can be indexed.`,
  );
}

/** The error for a missing property, naming parameters as parameters. */
function missingProperty(
  node: ExpressionNode,
  targetNode: ExpressionNode,
  name: string,
  target: Record<string, unknown>,
  context: EvaluationContext,
): never {
  const known = Object.keys(target);
  const available = known.length ? `; it has: ${known.slice(0, 20).join(", ")}` : "; it has none";
  const owner = parameterOwner(targetNode);
  if (owner) {
    fail(
      node,
      context,
      "ExpressionMissingParameter",
      `${owner} has no parameter '${name}'${available}.`,
    );
  }
  return fail(
    node,
    context,
    "ExpressionMissingProperty",
    `The object has no property '${name}'${available}. Write '?.${name}' or '?['${name}']' to get null instead.`,
  );
}

function parameterOwner(node: ExpressionNode): string | undefined {
  if (node.kind === "call" && (node.accessor === "dataset" || node.accessor === "linkedService")) {
    return `${node.accessor}()`;
  }
  if (
    node.kind === "member" &&
    node.target.kind === "call" &&
    node.target.accessor === "pipeline"
  ) {
    const lower = node.name.toLowerCase();
    if (lower === "parameters") return "The pipeline";
    if (lower === "globalparameters") return "The factory's global parameters";
  }
  return undefined;
}
