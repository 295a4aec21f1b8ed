import { armFunctions, ArmExpressionError, type ArmContext } from "./arm-functions.js";

export { ArmExpressionError, type ArmContext } from "./arm-functions.js";

/**
 * Evaluates one ARM template string value: `"[expr]"` is an ARM template expression,
 * `"[[..."` is the escape for a literal leading `[` (how ADF expressions that start with `[`
 * survive an export), anything else is itself. ADF's own `@...` expressions are plain strings
 * here. Throws {@link ArmExpressionError} with the offset inside the string on failure.
 */
export function evaluateArmString(text: string, context: ArmContext): unknown {
  if (text.startsWith("[[")) return text.slice(1);
  if (!text.startsWith("[") || !text.endsWith("]")) return text;
  const parser = new ArmParser(text, 1, text.length - 1, context);
  const value = parser.expression();
  parser.skipSpace();
  if (parser.pos !== text.length - 1) parser.fail(`unexpected '${text[parser.pos]}'`);
  return value;
}

/** Evaluates while parsing: ARM expressions are short, and `if` evaluates both branches in ARM too. */
class ArmParser {
  pos: number;

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
    private readonly context: ArmContext,
  ) {
    this.pos = start;
  }

  fail(message: string, at = this.pos): never {
    throw new ArmExpressionError(message, at);
  }

  skipSpace(): void {
    while (this.pos < this.end && /\s/.test(this.text[this.pos] ?? "")) this.pos++;
  }

  expression(): unknown {
    this.skipSpace();
    let value = this.primary();
    for (;;) {
      this.skipSpace();
      const ch = this.text[this.pos];
      if (ch === "." && this.pos < this.end) {
        this.pos++;
        const start = this.pos;
        const name = this.identifier();
        value = member(value, name, start);
      } else if (ch === "[" && this.pos < this.end) {
        this.pos++;
        const start = this.pos;
        const index = this.expression();
        this.expect("]");
        value = member(value, index, start);
      } else return value;
    }
  }

  private primary(): unknown {
    const ch = this.text[this.pos] ?? "";
    if (ch === "'") return this.string();
    if (/[-0-9]/.test(ch)) {
      const match = /^-?\d+/.exec(this.text.slice(this.pos, this.end));
      if (!match) this.fail(`unexpected '${ch}'`);
      this.pos += match[0].length;
      return Number(match[0]);
    }
    const start = this.pos;
    const name = this.identifier();
    this.skipSpace();
    this.expect("(");
    const args: unknown[] = [];
    this.skipSpace();
    if (this.text[this.pos] !== ")") {
      for (;;) {
        args.push(this.expression());
        this.skipSpace();
        if (this.text[this.pos] !== ",") break;
        this.pos++;
      }
    }
    this.expect(")");
    const fn = armFunctions[name.toLowerCase()];
    if (!fn)
      this.fail(`the ARM function '${name}' is not supported by Sluice's template loader`, start);
    try {
      return fn(args, this.context);
    } catch (error) {
      if (error instanceof ArmExpressionError && error.offset < 0)
        throw new ArmExpressionError(error.message, start);
      throw error;
    }
  }

  private identifier(): string {
    const match = /^[A-Za-z_][\w]*/.exec(this.text.slice(this.pos, this.end));
    if (!match)
      this.fail(
        this.pos >= this.end
          ? "the expression ends too early"
          : `unexpected '${this.text[this.pos]}'`,
      );
    this.pos += match[0].length;
    return match[0];
  }

  private string(): string {
    let out = "";
    this.pos++;
    for (;;) {
      if (this.pos >= this.end) this.fail("a string is not closed with '");
      const ch = this.text[this.pos] ?? "";
      if (ch === "'") {
        if (this.text[this.pos + 1] !== "'") break;
        this.pos++;
      }
      out += ch;
      this.pos++;
    }
    this.pos++;
    return out;
  }

  private expect(ch: string): void {
    this.skipSpace();
    if (this.pos >= this.end || this.text[this.pos] !== ch) {
      this.fail(
        this.pos >= this.end
          ? `expected '${ch}' but the expression ends`
          : `expected '${ch}' but found '${this.text[this.pos]}'`,
      );
    }
    this.pos++;
  }
}

function member(value: unknown, key: unknown, at: number): unknown {
  if (Array.isArray(value) && typeof key === "number") {
    if (key < 0 || key >= value.length)
      throw new ArmExpressionError(`index ${key} is outside the array`, at);
    return value[key];
  }
  if (typeof value === "object" && value !== null && typeof key === "string") {
    const found = Object.keys(value).find((k) => k.toLowerCase() === key.toLowerCase());
    if (found === undefined)
      throw new ArmExpressionError(`the object has no property '${key}'`, at);
    return (value as Record<string, unknown>)[found];
  }
  throw new ArmExpressionError(`cannot read '${String(key)}' of ${JSON.stringify(value)}`, at);
}
