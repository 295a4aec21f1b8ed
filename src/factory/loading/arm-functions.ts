/** An ARM expression that cannot be evaluated; `offset` is inside the string value (-1: not yet known). */
export class ArmExpressionError extends Error {
  constructor(
    message: string,
    readonly offset: number = -1,
  ) {
    super(message);
    this.name = "ArmExpressionError";
  }
}

/** What `parameters()` and `variables()` read. */
export interface ArmContext {
  parameter(name: string): unknown;
  variable(name: string): unknown;
}

type ArmFunction = (args: readonly unknown[], context: ArmContext) => unknown;

function fail(message: string): never {
  throw new ArmExpressionError(message);
}

function arity(name: string, args: readonly unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const wanted = min === max ? `${min}` : `${min} to ${max}`;
    fail(
      `${name}() takes ${wanted} argument${max === 1 ? "" : "s"}, but ${args.length} were given`,
    );
  }
}

function text(name: string, value: unknown): string {
  if (typeof value !== "string") fail(`${name}() needs a string, but got ${JSON.stringify(value)}`);
  return value;
}

function armString(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "True" : "False";
  return typeof value === "number" ? String(value) : JSON.stringify(value);
}

function sizeOf(value: unknown): number {
  if (typeof value === "string" || Array.isArray(value)) return value.length;
  if (typeof value === "object" && value !== null) return Object.keys(value).length;
  fail(`length() needs a string, array or object, but got ${JSON.stringify(value)}`);
}

/**
 * The ARM template functions ADF exports use (`parameters`, `variables`, `concat`), and the
 * pure string, logical and collection functions hand-edited templates commonly add. Functions
 * that need Azure (`resourceGroup`, `reference`, `listKeys`, `uniqueString`...) are not here:
 * Sluice reports them instead of guessing a value. Names match regardless of case, as in ARM.
 */
export const armFunctions: Readonly<Record<string, ArmFunction>> = {
  parameters: (args, context) => (
    arity("parameters", args, 1),
    context.parameter(text("parameters", args[0]))
  ),
  variables: (args, context) => (
    arity("variables", args, 1),
    context.variable(text("variables", args[0]))
  ),
  concat: (args) =>
    args.length > 0 && args.every(Array.isArray) ? args.flat() : args.map(armString).join(""),
  format: (args) => {
    const [pattern, ...rest] = args;
    return text("format", pattern).replace(/\{(\d+)\}/g, (_, i: string) =>
      armString(rest[Number(i)]),
    );
  },
  string: (args) => (arity("string", args, 1), armString(args[0])),
  tolower: (args) => (arity("toLower", args, 1), text("toLower", args[0]).toLowerCase()),
  toupper: (args) => (arity("toUpper", args, 1), text("toUpper", args[0]).toUpperCase()),
  trim: (args) => (arity("trim", args, 1), text("trim", args[0]).trim()),
  replace: (args) => (
    arity("replace", args, 3),
    text("replace", args[0]).split(text("replace", args[1])).join(text("replace", args[2]))
  ),
  substring: (args) => {
    arity("substring", args, 2, 3);
    const value = text("substring", args[0]);
    const start = Number(args[1]);
    return args.length === 3 ? value.substr(start, Number(args[2])) : value.slice(start);
  },
  split: (args) => (arity("split", args, 2), text("split", args[0]).split(text("split", args[1]))),
  startswith: (args) => (
    arity("startsWith", args, 2),
    text("startsWith", args[0]).toLowerCase().startsWith(text("startsWith", args[1]).toLowerCase())
  ),
  endswith: (args) => (
    arity("endsWith", args, 2),
    text("endsWith", args[0]).toLowerCase().endsWith(text("endsWith", args[1]).toLowerCase())
  ),
  length: (args) => (arity("length", args, 1), sizeOf(args[0])),
  empty: (args) => (
    arity("empty", args, 1),
    args[0] === null || args[0] === "" || sizeOf(args[0]) === 0
  ),
  equals: (args) => (arity("equals", args, 2), JSON.stringify(args[0]) === JSON.stringify(args[1])),
  not: (args) => (arity("not", args, 1), !args[0]),
  and: (args) => args.every(Boolean),
  or: (args) => args.some(Boolean),
  if: (args) => (arity("if", args, 3), args[0] ? args[1] : args[2]),
  coalesce: (args) => args.find((arg) => arg !== null && arg !== undefined) ?? null,
  true: (args) => (arity("true", args, 0), true),
  false: (args) => (arity("false", args, 0), false),
  null: (args) => (arity("null", args, 0), null),
  int: (args) => (arity("int", args, 1), Number.parseInt(armString(args[0]), 10)),
  bool: (args) => (
    arity("bool", args, 1),
    typeof args[0] === "string" ? args[0].toLowerCase() === "true" : Boolean(args[0])
  ),
  json: (args) => {
    arity("json", args, 1);
    try {
      return JSON.parse(text("json", args[0]));
    } catch {
      return fail(`json() got text that is not JSON: ${String(args[0])}`);
    }
  },
  createarray: (args) => [...args],
  createobject: (args) => {
    if (args.length % 2 !== 0) fail("createObject() takes pairs of key and value");
    const out: Record<string, unknown> = {};
    for (let i = 0; i < args.length; i += 2) out[text("createObject", args[i])] = args[i + 1];
    return out;
  },
  first: (args) => (
    arity("first", args, 1),
    Array.isArray(args[0]) || typeof args[0] === "string"
      ? args[0][0]
      : fail("first() needs an array or string")
  ),
  last: (args) => {
    arity("last", args, 1);
    const value = args[0];
    if (!Array.isArray(value) && typeof value !== "string") fail("last() needs an array or string");
    return value[value.length - 1];
  },
};
