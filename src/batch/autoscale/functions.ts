// Batch's formula functions (batch-automatic-scaling.md, "Functions"). A doubleVecList
// argument is any mix of doubles and doubleVecs, flattened into one vector.
import type { RandomSource } from "../../core/index.js";
import {
  FormulaFault,
  double,
  doubleVec,
  timestamp,
  type Value,
  type ValueType,
} from "./values.js";

/** What functions may read: the evaluation's instant and randomness. */
export interface FunctionContext {
  readonly now: number;
  readonly random: RandomSource;
}

export interface FormulaFunction {
  readonly minArgs: number;
  readonly maxArgs: number;
  /** The result type for these argument types (unknown ones undefined), or a problem. */
  readonly check: (types: readonly (ValueType | undefined)[]) => ValueType | { problem: string };
  readonly call: (args: readonly Value[], context: FunctionContext) => Value;
}

const listTypes: readonly ValueType[] = ["double", "doubleVec"];

function checkList(result: ValueType) {
  return (types: readonly (ValueType | undefined)[]) => {
    const bad = types.findIndex((type) => type !== undefined && !listTypes.includes(type));
    return bad < 0
      ? result
      : {
          problem: `argument ${bad + 1} is ${types[bad]}; a doubleVecList takes doubles and doubleVecs`,
        };
  };
}

/** Flattens a doubleVecList argument into one vector. */
export function flatten(args: readonly Value[]): number[] {
  const out: number[] = [];
  args.forEach((arg, index) => {
    if (arg.type === "double") out.push(arg.value);
    else if (arg.type === "doubleVec") out.push(...arg.value);
    else {
      throw new FormulaFault(
        `argument ${index + 1} is ${arg.type}; a doubleVecList takes doubles and doubleVecs`,
      );
    }
  });
  return out;
}

function nonEmpty(name: string, values: number[]): number[] {
  if (values.length === 0) throw new FormulaFault(`${name}() of an empty vector has no value`);
  return values;
}

const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

function aggregate(name: string, f: (v: number[]) => number, allowEmpty = false): FormulaFunction {
  return {
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    check: checkList("double"),
    call: (args) => {
      const values = flatten(args);
      return double(f(allowEmpty ? values : nonEmpty(name, values)));
    },
  };
}

/** lg, ln, log: a double gives a double; a doubleVec (or several arguments) a doubleVec. */
function logarithm(f: (x: number) => number): FormulaFunction {
  const single = (types: readonly (ValueType | undefined)[]) =>
    types.length === 1 && types[0] === "double";
  return {
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    check: (types) => {
      const list = checkList("doubleVec")(types);
      return typeof list === "object" || !single(types) ? list : "double";
    },
    call: (args) =>
      args.length === 1 && args[0]?.type === "double"
        ? double(f(args[0].value))
        : doubleVec(flatten(args).map(f)),
  };
}

function std(values: number[]): number {
  if (values.length < 2) {
    throw new FormulaFault("std() needs at least 2 values (it is the sample standard deviation)");
  }
  const m = mean(values);
  return Math.sqrt(values.reduce((a, x) => a + (x - m) ** 2, 0) / (values.length - 1));
}

function expectTypes(expected: readonly (readonly ValueType[])[]) {
  return (result: ValueType) => (types: readonly (ValueType | undefined)[]) => {
    const bad = types.findIndex(
      (type, i) => type !== undefined && !(expected[i] ?? []).includes(type),
    );
    if (bad < 0) return result;
    return {
      problem: `argument ${bad + 1} is ${types[bad]}; expected ${(expected[bad] ?? []).join(" or ")}`,
    };
  };
}

/** percentile(v, p): the nearest-rank p-th percentile (0..100) of v. */
function percentile(args: readonly Value[]): Value {
  const values = nonEmpty("percentile", flatten(args.slice(0, 1))).sort((a, b) => a - b);
  const p = args[1]?.type === "double" ? args[1].value : Number.NaN;
  if (!(p >= 0 && p <= 100)) {
    throw new FormulaFault(`percentile() takes a percentile from 0 to 100, not ${p}`);
  }
  const rank = Math.max(1, Math.ceil((p / 100) * values.length));
  return double(values[rank - 1] ?? 0);
}

function val(args: readonly Value[]): Value {
  const values = flatten(args.slice(0, 1));
  const index = args[1]?.type === "double" ? Math.floor(args[1].value) : Number.NaN;
  const found = values[index];
  if (found === undefined) {
    throw new FormulaFault(`val() index ${index} is outside the vector (length ${values.length})`);
  }
  return double(found);
}

function time(args: readonly Value[], context: FunctionContext): Value {
  const arg = args[0];
  if (arg === undefined || (arg.type === "string" && arg.value === ""))
    return timestamp(context.now);
  const text = arg.type === "string" ? arg.value : "";
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) {
    throw new FormulaFault(
      `time() cannot read "${text}": use W3C-DTF (2024-05-01T08:00:00Z) or RFC 1123`,
    );
  }
  return timestamp(parsed);
}

const vectorAndDouble = expectTypes([["double", "doubleVec"], ["double"]]);

/** The function library, by lower-case name. `stop` is handled by the evaluator. */
export const formulaFunctions: ReadonlyMap<string, FormulaFunction> = new Map<
  string,
  FormulaFunction
>([
  ["avg", aggregate("avg", mean)],
  ["len", aggregate("len", (v) => v.length, true)],
  ["lg", logarithm(Math.log2)],
  ["ln", logarithm(Math.log)],
  ["log", logarithm(Math.log10)],
  ["max", aggregate("max", (v) => Math.max(...v))],
  ["min", aggregate("min", (v) => Math.min(...v))],
  ["norm", aggregate("norm", (v) => Math.sqrt(v.reduce((a, x) => a + x * x, 0)), true)],
  ["percentile", { minArgs: 2, maxArgs: 2, check: vectorAndDouble("double"), call: percentile }],
  [
    "rand",
    { minArgs: 0, maxArgs: 0, check: () => "double", call: (_, c) => double(c.random.next()) },
  ],
  ["range", aggregate("range", (v) => Math.max(...v) - Math.min(...v))],
  ["std", aggregate("std", std)],
  ["stop", { minArgs: 0, maxArgs: 0, check: () => "double", call: () => double(0) }],
  ["sum", aggregate("sum", (v) => v.reduce((a, b) => a + b, 0), true)],
  ["time", { minArgs: 0, maxArgs: 1, check: expectTypes([["string"]])("timestamp"), call: time }],
  ["val", { minArgs: 2, maxArgs: 2, check: vectorAndDouble("double"), call: val }],
]);
