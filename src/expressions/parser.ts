import type { AccessorName, CompiledValue, ExpressionNode } from "./ast.js";
import { ExpressionError, positionAt } from "./expression-error.js";
import { lookupFunction } from "./functions/index.js";
import { Lexer, type Token } from "./lexer.js";
import { makeFloat, makeInteger } from "./values.js";

/** ADF's limit on the length of one expression. */
export const maxExpressionLength = 8192;

/** Accessors by lower-case name, with how many arguments each takes. */
const accessors: ReadonlyMap<string, { name: AccessorName; arity: number }> = new Map(
  (
    [
      ["pipeline", 0],
      ["variables", 1],
      ["activity", 1],
      ["item", 0],
      ["dataset", 0],
      ["linkedService", 0],
      ["trigger", 0],
      ["triggerBody", 0],
    ] as const
  ).map(([name, arity]) => [name.toLowerCase(), { name, arity }]),
);

/** Recursive-descent parser over a {@link Lexer}, with one token of lookahead. */
class Parser {
  private readonly lexer: Lexer;
  /** Read lazily, so that nothing is lexed past an interpolation's closing brace. */
  private lookahead: Token | undefined;

  constructor(
    private readonly source: string,
    start: number,
  ) {
    this.lexer = new Lexer(source, start);
  }

  peek(): Token {
    return (this.lookahead ??= this.lexer.next());
  }

  take(): Token {
    const token = this.peek();
    this.lookahead = undefined;
    return token;
  }

  error(token: Token, message: string): ExpressionError {
    return new ExpressionError("ExpressionSyntax", message, positionAt(this.source, token.offset), {
      token: describe(token),
    });
  }

  expectPunctuation(text: string, context: string): Token {
    const token = this.take();
    if (token.type !== "punctuation" || token.text !== text) {
      throw this.error(token, `Expected '${text}' ${context}, but found ${describe(token)}.`);
    }
    return token;
  }

  parseExpression(): ExpressionNode {
    let node = this.parsePrimary();
    for (;;) {
      const token = this.peek();
      if (token.type !== "punctuation") return node;
      if (token.text === "." || token.text === "?.") {
        this.take();
        const name = this.take();
        if (name.type !== "identifier") {
          throw this.error(
            name,
            `Expected a property name after '${token.text}', but found ${describe(name)}.`,
          );
        }
        node = {
          kind: "member",
          target: node,
          name: name.text,
          nullSafe: token.text === "?.",
          offset: name.offset,
        };
      } else if (token.text === "[" || token.text === "?[") {
        this.take();
        const index = this.parseExpression();
        this.expectPunctuation("]", "to close the indexer");
        node = {
          kind: "index",
          target: node,
          index,
          nullSafe: token.text === "?[",
          offset: token.offset,
        };
      } else {
        return node;
      }
    }
  }

  private parsePrimary(): ExpressionNode {
    const token = this.take();
    switch (token.type) {
      case "string":
        return { kind: "literal", value: token.value, offset: token.offset };
      case "number":
        return { kind: "literal", value: numberValue(token.text), offset: token.offset };
      case "identifier":
        return this.parseIdentifier(token);
      case "end":
        throw this.error(token, "The expression ends where a value was expected.");
      default:
        throw this.error(
          token,
          `Expected a value, a function call or a string, but found ${describe(token)}.`,
        );
    }
  }

  private parseIdentifier(token: Token & { type: "identifier" }): ExpressionNode {
    const next = this.peek();
    if (next.type !== "punctuation" || next.text !== "(") {
      const lower = token.text.toLowerCase();
      if (lower === "true" || lower === "false") {
        return { kind: "literal", value: lower === "true", offset: token.offset };
      }
      if (lower === "null") return { kind: "literal", value: null, offset: token.offset };
      throw this.error(
        token,
        `Unexpected name '${token.text}': a function call needs parentheses (${token.text}()) and a string needs single quotes ('${token.text}').`,
      );
    }
    this.take();
    const args = this.parseArguments();
    return this.makeCall(token, args);
  }

  private parseArguments(): ExpressionNode[] {
    const args: ExpressionNode[] = [];
    const first = this.peek();
    if (first.type === "punctuation" && first.text === ")") {
      this.take();
      return args;
    }
    for (;;) {
      args.push(this.parseExpression());
      const token = this.take();
      if (token.type === "punctuation" && token.text === ")") return args;
      if (token.type !== "punctuation" || token.text !== ",") {
        throw this.error(
          token,
          `Expected ',' or ')' in the argument list, but found ${describe(token)}.`,
        );
      }
    }
  }

  private makeCall(token: Token & { type: "identifier" }, args: ExpressionNode[]): ExpressionNode {
    const position = positionAt(this.source, token.offset);
    const accessor = accessors.get(token.text.toLowerCase());
    if (accessor) {
      if (args.length !== accessor.arity) {
        throw new ExpressionError(
          "ExpressionArgumentCount",
          `${accessor.name}() takes ${accessor.arity} argument${accessor.arity === 1 ? "" : "s"}, but ${args.length} ${args.length === 1 ? "was" : "were"} given.`,
          position,
          { function: accessor.name, expected: accessor.arity, actual: args.length },
        );
      }
      return {
        kind: "call",
        name: token.text,
        accessor: accessor.name,
        fn: undefined,
        args,
        offset: token.offset,
      };
    }
    const fn = lookupFunction(token.text);
    if (!fn) {
      throw new ExpressionError(
        "ExpressionUnknownFunction",
        `Unknown function '${token.text}'. See docs/expressions-functions.md for the functions ADF defines.`,
        position,
        { function: token.text },
      );
    }
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      throw new ExpressionError(
        "ExpressionArgumentCount",
        `${fn.name}() takes ${arityText(fn.minArgs, fn.maxArgs)}, but ${args.length} ${args.length === 1 ? "was" : "were"} given.`,
        position,
        { function: fn.name, min: fn.minArgs, max: fn.maxArgs, actual: args.length },
      );
    }
    return { kind: "call", name: token.text, accessor: undefined, fn, args, offset: token.offset };
  }
}

function arityText(min: number, max: number): string {
  const plural = (n: number): string => `${n} argument${n === 1 ? "" : "s"}`;
  if (min === max) return plural(min);
  if (max === Infinity) return `at least ${plural(min)}`;
  return `${min} to ${max} arguments`;
}

function numberValue(text: string): unknown {
  if (/^[-+]?\d+$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : makeInteger(BigInt(text));
  }
  return makeFloat(Number(text));
}

function describe(token: Token): string {
  switch (token.type) {
    case "end":
      return "the end of the expression";
    case "string":
      return `the string '${token.value}'`;
    case "number":
    case "identifier":
    case "punctuation":
      return `'${token.text}'`;
  }
}

function checkLength(text: string): void {
  if (text.length > maxExpressionLength) {
    throw new ExpressionError(
      "ExpressionTooLong",
      `The expression is ${text.length} characters long; ADF allows at most ${maxExpressionLength}.`,
      undefined,
      { length: text.length, max: maxExpressionLength },
    );
  }
}

/** Parses a whole-value expression: the text after a leading `@`. */
function parseWhole(text: string): ExpressionNode {
  const parser = new Parser(text, 1);
  const node = parser.parseExpression();
  const rest = parser.peek();
  if (rest.type !== "end") {
    throw parser.error(rest, `Unexpected ${describe(rest)} after the end of the expression.`);
  }
  return node;
}

/** Splits a string with `@{...}` interpolations into literal text and expressions. */
function parseTemplate(text: string): CompiledValue {
  const parts: (string | ExpressionNode)[] = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf("@", i);
    if (at < 0) break;
    literal += text.slice(i, at);
    if (text[at + 1] === "@") {
      literal += "@";
      i = at + 2;
    } else if (text[at + 1] === "{") {
      if (literal) parts.push(literal);
      literal = "";
      const parser = new Parser(text, at + 2);
      parts.push(parser.parseExpression());
      const close = parser.expectPunctuation("}", "to close the '@{' interpolation");
      i = close.offset + 1;
    } else {
      literal += "@";
      i = at + 1;
    }
  }
  literal += text.slice(i);
  if (literal) parts.push(literal);
  if (parts.every((part) => typeof part === "string"))
    return { kind: "text", text: parts.join("") };
  return { kind: "template", parts };
}

/**
 * Compiles one JSON string value as ADF reads it: `@@...` is the literal text without the
 * first `@`; a lone `@` is itself; `@expr` (not `@{`) is one expression with a typed result; any other string with
 * `@{...}` interpolates to a string; everything else is literal text.
 */
export function compileValue(text: string): CompiledValue {
  if (text.charCodeAt(0) === 64 /* @ */) {
    if (text.length === 1) return { kind: "text", text };
    if (text[1] === "@") return { kind: "text", text: text.slice(1) };
    if (text[1] !== "{") {
      checkLength(text);
      return { kind: "expression", node: parseWhole(text) };
    }
  }
  if (!text.includes("@{")) return { kind: "text", text };
  checkLength(text);
  return parseTemplate(text);
}
