import { ExpressionError, positionAt } from "./expression-error.js";

/** A token of the expression language. `offset` is its start in the whole string value. */
export type Token =
  | { readonly type: "identifier"; readonly text: string; readonly offset: number }
  | { readonly type: "string"; readonly value: string; readonly offset: number }
  | { readonly type: "number"; readonly text: string; readonly offset: number }
  | { readonly type: "punctuation"; readonly text: Punctuation; readonly offset: number }
  | { readonly type: "end"; readonly offset: number };

export type Punctuation = "(" | ")" | "[" | "]" | "," | "." | "?." | "?[" | "}";

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentifierStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
const isIdentifierPart = (c: number): boolean => isIdentifierStart(c) || isDigit(c);
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Reads tokens from `source` starting at `start`, one at a time, so that an interpolation
 * `@{...}` can stop at its closing brace and hand the rest of the string back.
 */
export class Lexer {
  private pos: number;

  constructor(
    private readonly source: string,
    start: number,
  ) {
    this.pos = start;
  }

  /** The offset just past the last token read. */
  get offset(): number {
    return this.pos;
  }

  next(): Token {
    const s = this.source;
    while (this.pos < s.length && isSpace(s.charCodeAt(this.pos))) this.pos++;
    const start = this.pos;
    if (start >= s.length) return { type: "end", offset: start };
    const c = s.charCodeAt(start);
    if (c === 39) return this.readString(start);
    if (this.startsNumber(start, c)) return this.readNumber(start);
    if (isIdentifierStart(c)) {
      let end = start + 1;
      while (end < s.length && isIdentifierPart(s.charCodeAt(end))) end++;
      this.pos = end;
      return { type: "identifier", text: s.slice(start, end), offset: start };
    }
    return this.readPunctuation(start, s[start] ?? "");
  }

  /** A digit, `.5`, or a sign before either (`-1`, `-.5`): ADF has no minus operator. */
  private startsNumber(start: number, c: number): boolean {
    const s = this.source;
    let i = start;
    if (c === 45 || c === 43) i++;
    if (s.charCodeAt(i) === 46) i++;
    return isDigit(s.charCodeAt(i));
  }

  private readPunctuation(start: number, ch: string): Token {
    if (ch === "?") {
      const following = this.source[start + 1];
      if (following === "." || following === "[") {
        this.pos = start + 2;
        return { type: "punctuation", text: following === "." ? "?." : "?[", offset: start };
      }
    } else if ("()[],.}".includes(ch)) {
      this.pos = start + 1;
      return { type: "punctuation", text: ch as Punctuation, offset: start };
    }
    throw new ExpressionError(
      "ExpressionSyntax",
      `Unexpected character '${ch}' in expression.`,
      positionAt(this.source, start),
      { token: ch },
    );
  }

  /** A single-quoted string; `''` stands for one quote. */
  private readString(start: number): Token {
    const s = this.source;
    let value = "";
    let i = start + 1;
    for (;;) {
      const quote = s.indexOf("'", i);
      if (quote < 0) {
        throw new ExpressionError(
          "ExpressionSyntax",
          "String literal is not closed: a closing single quote (') is missing.",
          positionAt(s, start),
        );
      }
      value += s.slice(i, quote);
      if (s[quote + 1] === "'") {
        value += "'";
        i = quote + 2;
        continue;
      }
      this.pos = quote + 1;
      return { type: "string", value, offset: start };
    }
  }

  private readNumber(start: number): Token {
    const match = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/.exec(
      this.source.slice(start, start + 400),
    );
    const text = match?.[0] ?? "";
    this.pos = start + text.length;
    if (this.pos < this.source.length && isIdentifierStart(this.source.charCodeAt(this.pos))) {
      throw new ExpressionError(
        "ExpressionSyntax",
        `Malformed number '${text}${this.source[this.pos]}'.`,
        positionAt(this.source, start),
      );
    }
    return { type: "number", text, offset: start };
  }
}
