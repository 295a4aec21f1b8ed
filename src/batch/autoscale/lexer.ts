// Tokens of Batch's autoscale formula language. Comments (`//` to the end of the line, and
// `/* ... */`) and line breaks are allowed anywhere between tokens, as Batch's docs show.
import { syntaxError } from "./formula-errors.js";
import { positionAt } from "./position.js";

/** An operator or punctuation mark. */
export type Operator =
  | "+"
  | "-"
  | "*"
  | "/"
  | "!"
  | "<"
  | "<="
  | ">"
  | ">="
  | "=="
  | "!="
  | "&&"
  | "||"
  | "?"
  | ":"
  | "="
  | "("
  | ")"
  | ","
  | ";"
  | ".";

/** A token; `offset` is where it starts in the formula. */
export type Token =
  | { readonly kind: "number"; readonly value: number; readonly offset: number }
  | { readonly kind: "string"; readonly value: string; readonly offset: number }
  | { readonly kind: "name"; readonly text: string; readonly offset: number }
  | { readonly kind: "operator"; readonly text: Operator; readonly offset: number }
  | { readonly kind: "end"; readonly offset: number };

// Longest first, so `<=` wins over `<`.
const operators: readonly Operator[] = [
  "<=",
  ">=",
  "==",
  "!=",
  "&&",
  "||",
  "+",
  "-",
  "*",
  "/",
  "!",
  "<",
  ">",
  "?",
  ":",
  "=",
  "(",
  ")",
  ",",
  ";",
  ".",
];

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const isNameStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_$]/.test(c);
const isNamePart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

const numberPattern = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

/** Splits a formula into tokens, ending with an `end` token; a stray character is a syntax error. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (;;) {
    at = skipSpaceAndComments(source, at);
    if (at >= source.length) break;
    const c = source[at];
    const next = source[at + 1];
    if (isDigit(c) || (c === "." && isDigit(next))) {
      numberPattern.lastIndex = at;
      const text = numberPattern.exec(source)?.[0] ?? "";
      tokens.push({ kind: "number", value: Number(text), offset: at });
      at += text.length;
    } else if (c === '"' || c === "'") {
      const end = source.indexOf(c, at + 1);
      if (end < 0) throw syntaxError(positionAt(source, at), "the string is not closed");
      tokens.push({ kind: "string", value: source.slice(at + 1, end), offset: at });
      at = end + 1;
    } else if (isNameStart(c)) {
      let end = at + 1;
      while (isNamePart(source[end])) end++;
      if (c === "$" && end === at + 1) {
        throw syntaxError(positionAt(source, at), "'$' must be followed by a variable name");
      }
      tokens.push({ kind: "name", text: source.slice(at, end), offset: at });
      at = end;
    } else {
      const operator = operators.find((op) => source.startsWith(op, at));
      if (operator === undefined) {
        throw syntaxError(positionAt(source, at), `unexpected character '${c ?? ""}'`);
      }
      tokens.push({ kind: "operator", text: operator, offset: at });
      at += operator.length;
    }
  }
  tokens.push({ kind: "end", offset: source.length });
  return tokens;
}

function skipSpaceAndComments(source: string, start: number): number {
  let at = start;
  for (;;) {
    while (at < source.length && /\s/.test(source[at] ?? "")) at++;
    if (source.startsWith("//", at)) {
      const end = source.indexOf("\n", at);
      at = end < 0 ? source.length : end + 1;
    } else if (source.startsWith("/*", at)) {
      const end = source.indexOf("*/", at + 2);
      if (end < 0) throw syntaxError(positionAt(source, at), "the comment is not closed ('*/')");
      at = end + 2;
    } else {
      return at;
    }
  }
}
