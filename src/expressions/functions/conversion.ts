import { fail } from "../expression-error.js";
import { toText } from "../value-text.js";
import {
  BinaryValue,
  FloatValue,
  XmlValue,
  isFloat,
  isInteger,
  makeFloat,
  toDouble,
} from "../values.js";
import { checkedInteger } from "./arithmetic.js";
import { rejectArgument } from "./argument-checks.js";
import { utf8Text } from "./byte-text.js";
import { encodingFunctions } from "./encoding.js";
import { defineFunction, type FunctionDefinition } from "./function-definition.js";
import { parseJsonText } from "./json-text.js";
import { parseFloatText, parseIntegerText } from "./number-text.js";
import { jsonOfXml, xmlFunctions } from "./xml-functions.js";

function badValue(fn: string, value: unknown, what: string): never {
  const shown = typeof value === "string" ? `'${value}'` : toText(value);
  return fail("ExpressionArgumentValue", `${fn}() expects ${what}, but got ${shown}.`, {
    function: fn,
    value: typeof value === "string" ? value : toText(value),
  });
}

/** `bool()`: booleans as is, numbers true unless zero, 'true'/'false' in any case (.NET Boolean.Parse). */
const bool = defineFunction("bool", 1, 1, (args) => {
  const value = args[0];
  if (typeof value === "boolean") return value;
  if (typeof value === "number" || typeof value === "bigint" || value instanceof FloatValue) {
    return toDouble(value) !== 0;
  }
  if (typeof value === "string") {
    const word = value.trim().toLowerCase();
    if (word === "true" || word === "false") return word === "true";
    return badValue("bool", value, "'true' or 'false' (in any case), a number or a boolean");
  }
  return rejectArgument("bool", args, 0, "a boolean, a number or a string");
});

/** `int()`: integer text (`'10'`, `' +1,000 '`, `'1.0'`, `'1e3'`) or an integral number, within 64 bits. */
const int = defineFunction("int", 1, 1, (args) => {
  const value = args[0];
  if (isInteger(value)) return value;
  if (isFloat(value)) {
    const double = toDouble(value);
    if (!Number.isInteger(double)) return badValue("int", value, "a whole number");
    return checkedInteger("int", BigInt(double));
  }
  if (typeof value === "string") {
    const parsed = parseIntegerText(value);
    if (parsed === undefined)
      return badValue("int", value, "text with a whole number such as '10'");
    return checkedInteger("int", parsed);
  }
  return rejectArgument("int", args, 0, "a string or a number");
});

/** `float()`: number text (`'10.333'`, `'1,000'`, `'1e3'`, `'NaN'`) or a number, always a float. */
const float = defineFunction("float", 1, 1, (args) => {
  const value = args[0];
  if (isFloat(value)) return value;
  if (isInteger(value)) return makeFloat(toDouble(value));
  if (typeof value === "string") {
    const parsed = parseFloatText(value);
    if (parsed === undefined)
      return badValue("float", value, "text with a number such as '10.333'");
    return makeFloat(parsed);
  }
  return rejectArgument("float", args, 0, "a string or a number");
});

/** `json()`: JSON text parsed, XML converted (JSON.NET rules), null as `{}` (as documented). */
const json = defineFunction("json", 1, 1, (args) => {
  const value = args[0];
  if (typeof value === "string") return parseJsonText(value);
  if (value === null || value === undefined) return {};
  if (value instanceof XmlValue) return jsonOfXml(value);
  if (value instanceof BinaryValue) return parseJsonText(utf8Text(value.bytes));
  return rejectArgument("json", args, 0, "a string with JSON, or XML");
});

/** ADF's conversion functions. */
export const conversionFunctions: readonly FunctionDefinition[] = [
  defineFunction("array", 1, 1, (args) => [args[0] ?? null]),
  defineFunction("createArray", 1, Infinity, (args) => args.map((item) => item ?? null)),
  defineFunction(
    "coalesce",
    1,
    Infinity,
    (args) => args.find((item) => item !== null && item !== undefined) ?? null,
  ),
  bool,
  int,
  float,
  json,
  defineFunction("string", 1, 1, (args) => toText(args[0])),
  ...encodingFunctions,
  ...xmlFunctions,
];
