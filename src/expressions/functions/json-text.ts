import { fail } from "../expression-error.js";
import { makeFloat, makeInteger } from "../values.js";

/**
 * Parses JSON text into the expression value model, as `json()` does with JSON.NET: integral
 * numbers become integers (bigint past 2^53), numbers with a fraction or exponent become
 * floats (`7.0` stays a float), later duplicate keys win. Like JSON.NET it also accepts
 * single-quoted strings and unquoted property names. Throws ExpressionBadJson naming the
 * position of the first error.
 */
export function parseJsonText(text: string): unknown {
  const parser = new JsonParser(text);
  parser.skipSpace();
  const value = parser.value();
  parser.skipSpace();
  if (parser.pos < text.length) parser.error("unexpected text after the JSON value");
  return value;
}

const escapes: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

class JsonParser {
  pos = 0;
  // Sticky patterns, matched at `pos`; per parser because a sticky regex carries state.
  private readonly identifierPattern = /[A-Za-z_$][\w$]*/y;
  private readonly numberPattern = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  constructor(private readonly text: string) {}

  error(what: string): never {
    const near = this.text.slice(this.pos, this.pos + 20);
    return fail(
      "ExpressionBadJson",
      `json() cannot parse its argument: ${what} at character ${this.pos + 1}${near ? ` (near '${near}')` : ""}.`,
      { function: "json", position: this.pos + 1 },
    );
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  value(): unknown {
    const c = this.text[this.pos];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"' || c === "'") return this.string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    for (const [word, result] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return result;
      }
    }
    return this.error(c === undefined ? "unexpected end of text" : `unexpected character '${c}'`);
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== char) this.error(`expected '${char}'`);
    this.pos++;
  }

  private object(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      const key = this.propertyName();
      this.expect(":");
      this.skipSpace();
      // defineProperty, so that a "__proto__" key is data, not the prototype.
      Object.defineProperty(result, key, {
        value: this.value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipSpace();
      if (this.text[this.pos] === ",") {
        this.pos++;
        continue;
      }
      this.expect("}");
      return result;
    }
  }

  private propertyName(): string {
    const c = this.text[this.pos];
    if (c === '"' || c === "'") return this.string();
    this.identifierPattern.lastIndex = this.pos;
    const match = this.identifierPattern.exec(this.text);
    if (!match) return this.error("expected a property name");
    this.pos += match[0].length;
    return match[0];
  }

  private array(): unknown[] {
    const result: unknown[] = [];
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      result.push(this.value());
      this.skipSpace();
      if (this.text[this.pos] === ",") {
        this.pos++;
        continue;
      }
      this.expect("]");
      return result;
    }
  }

  private string(): string {
    const quote = this.text[this.pos];
    let result = "";
    let start = ++this.pos;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) return this.error("unterminated string");
      if (c === quote) break;
      if (c === "\\") {
        result += this.text.slice(start, this.pos) + this.escape();
        start = this.pos;
      } else {
        this.pos++;
      }
    }
    result += this.text.slice(start, this.pos);
    this.pos++;
    return result;
  }

  private escape(): string {
    const c = this.text[this.pos + 1];
    if (c === "u") {
      const hex = this.text.slice(this.pos + 2, this.pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.error("invalid \\u escape");
      this.pos += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    const replacement = c === undefined ? undefined : escapes[c];
    if (replacement === undefined) this.error(`invalid escape '\\${c ?? ""}'`);
    this.pos += 2;
    return replacement as string;
  }

  private number(): unknown {
    this.numberPattern.lastIndex = this.pos;
    const match = this.numberPattern.exec(this.text);
    if (!match) return this.error("invalid number");
    this.pos += match[0].length;
    if (match[1] === undefined && match[2] === undefined) {
      const n = Number(match[0]);
      return Number.isSafeInteger(n) ? n : makeInteger(BigInt(match[0]));
    }
    return makeFloat(Number(match[0]));
  }
}
