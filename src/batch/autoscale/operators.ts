// Batch's operations table (batch-automatic-scaling.md, "Operations"): which operand types
// each operator takes and what it gives. The checker reads the result types; the evaluator
// runs the functions. Anything not in the table is a type error.
import type { BinaryOperator, UnaryOperator } from "./ast.js";
import { FormulaFault, type Value, type ValueType } from "./values.js";

type Raw = number | string | readonly number[];
interface Rule {
  readonly left: ValueType;
  readonly right: ValueType;
  readonly result: ValueType;
  readonly apply: (a: never, b: never) => Raw;
}

const num = (f: (a: number, b: number) => number) => f as (a: never, b: never) => Raw;
const vecScalar = (f: (a: number, b: number) => number) =>
  ((a: readonly number[], b: number) => a.map((x) => f(x, b))) as (a: never, b: never) => Raw;
const vecVec = (f: (a: number, b: number) => number) =>
  ((a: readonly number[], b: readonly number[]) => {
    if (a.length !== b.length) {
      throw new FormulaFault(
        `the vectors have different lengths (${a.length} and ${b.length}); element-wise operations need equal lengths`,
      );
    }
    return a.map((x, i) => f(x, b[i] ?? 0));
  }) as (a: never, b: never) => Raw;
const truth = (f: (a: never, b: never) => boolean) =>
  ((a: never, b: never) => (f(a, b) ? 1 : 0)) as (a: never, b: never) => Raw;

const arithmetic: Record<"+" | "-" | "*" | "/", (a: number, b: number) => number> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
};

const comparisons: Record<"<" | "<=" | ">" | ">=" | "==" | "!=", (a: never, b: never) => boolean> =
  {
    "<": (a, b) => a < b,
    "<=": (a, b) => a <= b,
    ">": (a, b) => a > b,
    ">=": (a, b) => a >= b,
    "==": (a, b) => a === b,
    "!=": (a, b) => a !== b,
  };

function rulesFor(operator: BinaryOperator): Rule[] {
  if (operator === "&&" || operator === "||") {
    const f =
      operator === "&&"
        ? (a: number, b: number) => a !== 0 && b !== 0
        : (a: number, b: number) => a !== 0 || b !== 0;
    return [{ left: "double", right: "double", result: "double", apply: truth(f as never) }];
  }
  if (operator in comparisons) {
    const f = truth(comparisons[operator as keyof typeof comparisons]);
    const types: ValueType[] = ["double", "string", "timestamp", "timeinterval"];
    return types.map((type) => ({ left: type, right: type, result: "double", apply: f }));
  }
  const f = arithmetic[operator as keyof typeof arithmetic];
  const rules: Rule[] = [
    { left: "double", right: "double", result: "double", apply: num(f) },
    { left: "doubleVec", right: "double", result: "doubleVec", apply: vecScalar(f) },
    { left: "doubleVec", right: "doubleVec", result: "doubleVec", apply: vecVec(f) },
  ];
  if (operator === "*") {
    rules.push(
      { left: "double", right: "timeinterval", result: "timeinterval", apply: num(f) },
      { left: "timeinterval", right: "double", result: "timeinterval", apply: num(f) },
    );
  }
  if (operator === "/") {
    rules.push({ left: "timeinterval", right: "double", result: "timeinterval", apply: num(f) });
  }
  if (operator === "+" || operator === "-") {
    rules.push({
      left: "timeinterval",
      right: "timeinterval",
      result: "timeinterval",
      apply: num(f),
    });
  }
  if (operator === "+") {
    rules.push(
      { left: "timeinterval", right: "timestamp", result: "timestamp", apply: num(f) },
      { left: "timestamp", right: "timeinterval", result: "timestamp", apply: num(f) },
    );
  }
  if (operator === "-") {
    rules.push({ left: "timestamp", right: "timestamp", result: "timeinterval", apply: num(f) });
  }
  return rules;
}

const binaryTable = new Map<BinaryOperator, Rule[]>(
  (["+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!=", "&&", "||"] as const).map((op) => [
    op,
    rulesFor(op),
  ]),
);

/** The result type of `left operator right`, or undefined when Batch has no such operation. */
export function binaryResultType(
  operator: BinaryOperator,
  left: ValueType,
  right: ValueType,
): ValueType | undefined {
  return binaryTable.get(operator)?.find((r) => r.left === left && r.right === right)?.result;
}

/** Applies a binary operator; a type pair Batch does not allow is a {@link FormulaFault}. */
export function applyBinary(operator: BinaryOperator, left: Value, right: Value): Value {
  const rule = binaryTable
    .get(operator)
    ?.find((r) => r.left === left.type && r.right === right.type);
  if (rule === undefined)
    throw new FormulaFault(binaryTypeProblem(operator, left.type, right.type));
  return {
    type: rule.result,
    value: rule.apply(left.value as never, right.value as never),
  } as Value;
}

/** The message for an operator given types it does not take. */
export function binaryTypeProblem(operator: string, left: ValueType, right: ValueType): string {
  return `the operator '${operator}' cannot be applied to ${left} and ${right}`;
}

/** The result type of a unary operator: `-double`, `!double`, `-timeinterval`. */
export function unaryResultType(
  operator: UnaryOperator,
  operand: ValueType,
): ValueType | undefined {
  if (operand === "double") return "double";
  if (operand === "timeinterval" && operator === "-") return "timeinterval";
  return undefined;
}

/** Applies a unary operator; `!x` is 1 when x is 0, else 0. */
export function applyUnary(operator: UnaryOperator, operand: Value): Value {
  const type = unaryResultType(operator, operand.type);
  if (type === undefined) {
    throw new FormulaFault(`the operator '${operator}' cannot be applied to ${operand.type}`);
  }
  const x = operand.value as number;
  return { type, value: operator === "-" ? -x : x === 0 ? 1 : 0 } as Value;
}
