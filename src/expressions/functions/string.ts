import { fail } from "../expression-error.js";
import { toText } from "../value-text.js";
import { expectSafeInteger, expectString } from "./argument-checks.js";
import { defineFunction, type FunctionDefinition } from "./function-definition.js";
import { newGuid } from "./guid-format.js";
import { foldCase, toLowerInvariant, toUpperInvariant } from "./string-case.js";

/** The two string arguments of a search function, case-folded (ADF's searches ignore case). */
function foldedPair(fn: string, args: readonly unknown[]): [string, string] {
  return [foldCase(expectString(fn, args, 0)), foldCase(expectString(fn, args, 1))];
}

/**
 * `lastIndexOf` with .NET's answers for empty strings, which the Logic Apps reference lists:
 * both empty gives 0, an empty search text gives the text's length minus 1.
 */
function lastIndexOf(args: readonly unknown[]): number {
  const [text, search] = foldedPair("lastIndexOf", args);
  if (search === "") return text === "" ? 0 : text.length - 1;
  return text.lastIndexOf(search);
}

function replace(args: readonly unknown[]): string {
  const text = expectString("replace", args, 0);
  const oldText = expectString("replace", args, 1);
  const newText = expectString("replace", args, 2);
  if (oldText === "") {
    fail(
      "ExpressionArgumentValue",
      "replace() expects argument 2 (the text to replace) not to be empty.",
      {
        function: "replace",
        argument: 2,
      },
    );
  }
  // split/join rather than replaceAll: a replacement containing `$&` must stay literal.
  return text.split(oldText).join(newText);
}

/** An empty delimiter gives the whole text as the only item, as .NET's `Split` does. */
function split(args: readonly unknown[]): string[] {
  const text = expectString("split", args, 0);
  const delimiter = expectString("split", args, 1);
  return delimiter === "" ? [text] : text.split(delimiter);
}

/** ADF fails rather than clamping when the range leaves the text. */
function substring(args: readonly unknown[]): string {
  const text = expectString("substring", args, 0);
  const start = expectSafeInteger("substring", args, 1);
  if (start < 0 || start > text.length) {
    fail(
      "ExpressionIndexOutOfRange",
      `substring() start index ${start} is outside the text, whose length is ${text.length}; it must be from 0 to ${text.length}.`,
      { function: "substring", argument: 2, value: start, length: text.length },
    );
  }
  if (args.length < 3) return text.slice(start);
  const length = expectSafeInteger("substring", args, 2);
  if (length < 0) {
    fail(
      "ExpressionArgumentValue",
      `substring() expects a length of 0 or more, but it is ${length}.`,
      {
        function: "substring",
        argument: 3,
        value: length,
      },
    );
  }
  if (start + length > text.length) {
    fail(
      "ExpressionIndexOutOfRange",
      `substring() start index ${start} plus length ${length} is past the end of the text, whose length is ${text.length}.`,
      { function: "substring", argument: 3, value: length, length: text.length },
    );
  }
  return text.slice(start, start + length);
}

/** .NET's `char.IsWhiteSpace` set is Unicode's White_Space property (no U+FEFF, with U+0085). */
const edgeWhitespace = /^\p{White_Space}+|\p{White_Space}+$/gu;

/** ADF's string functions. Searches (indexOf, startsWith...) ignore case; replace does not. */
export const stringFunctions: readonly FunctionDefinition[] = [
  defineFunction("concat", 2, Infinity, (args) => args.map(toText).join("")),
  defineFunction("endsWith", 2, 2, (args) => {
    const [text, search] = foldedPair("endsWith", args);
    return text.endsWith(search);
  }),
  defineFunction("guid", 0, 1, (args, context) =>
    newGuid(context.random, args.length > 0 ? expectString("guid", args, 0) : "D"),
  ),
  defineFunction("indexOf", 2, 2, (args) => {
    const [text, search] = foldedPair("indexOf", args);
    return text.indexOf(search);
  }),
  defineFunction("lastIndexOf", 2, 2, lastIndexOf),
  defineFunction("replace", 3, 3, replace),
  defineFunction("split", 2, 2, split),
  defineFunction("startsWith", 2, 2, (args) => {
    const [text, search] = foldedPair("startsWith", args);
    return text.startsWith(search);
  }),
  defineFunction("substring", 2, 3, substring),
  defineFunction("toLower", 1, 1, (args) => toLowerInvariant(expectString("toLower", args, 0))),
  defineFunction("toUpper", 1, 1, (args) => toUpperInvariant(expectString("toUpper", args, 0))),
  defineFunction("trim", 1, 1, (args) => expectString("trim", args, 0).replace(edgeWhitespace, "")),
];
