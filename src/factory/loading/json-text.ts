/** The result of reading a JSON file's text: the value, or where and why it is not JSON. */
export type JsonTextResult =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      readonly line: number;
      readonly column: number;
      readonly message: string;
    };

/**
 * Parses JSON text as ADF's git integration writes it: a UTF-8 byte order mark is skipped and
 * CRLF line ends are whitespace. On failure, reports the 1-based line and column of the first
 * offending character (JSON.parse's own messages differ between Node versions and often lack a
 * position, so a small scanner finds it).
 */
export function parseJsonText(text: string): JsonTextResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    const { offset, message } = findJsonError(body);
    const before = body.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - (before.lastIndexOf("\n") + 1) + 1;
    return { ok: false, line, column, message };
  }
}

interface ScanError {
  readonly offset: number;
  readonly message: string;
}

/** Scans `text` as strict JSON and returns the first error (the text is known to be invalid). */
export function findJsonError(text: string): ScanError {
  const scanner = new Scanner(text);
  try {
    scanner.skipSpace();
    scanner.value();
    scanner.skipSpace();
    if (scanner.pos < text.length) scanner.fail("unexpected text after the JSON value");
  } catch (error) {
    if (error instanceof JsonScanError) return { offset: error.offset, message: error.message };
    throw error;
  }
  return { offset: text.length, message: "invalid JSON" };
}

class JsonScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const literals = ["true", "false", "null"];

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new JsonScanError(message, this.pos);
  }

  skipSpace(): void {
    while (/[ \t\r\n]/.test(this.text[this.pos] ?? "")) this.pos++;
  }

  describe(): string {
    const ch = this.text[this.pos];
    return ch === undefined ? "the end of the file" : `'${ch}'`;
  }

  value(): void {
    const ch = this.text[this.pos];
    if (ch === "{") return this.container("}", true);
    if (ch === "[") return this.container("]", false);
    if (ch === '"') return this.string();
    if (ch !== undefined && /[-0-9]/.test(ch)) return this.number();
    const word = literals.find((lit) => this.text.startsWith(lit, this.pos));
    if (word) {
      this.pos += word.length;
      return;
    }
    this.fail(`expected a JSON value but found ${this.describe()}`);
  }

  container(close: string, isObject: boolean): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === close) {
      this.pos++;
      return;
    }
    for (;;) {
      if (isObject) {
        if (this.text[this.pos] !== '"')
          this.fail(`expected a property name in double quotes but found ${this.describe()}`);
        this.string();
        this.skipSpace();
        if (this.text[this.pos] !== ":") this.fail(`expected ':' but found ${this.describe()}`);
        this.pos++;
        this.skipSpace();
      }
      this.value();
      this.skipSpace();
      const ch = this.text[this.pos];
      if (ch === close) {
        this.pos++;
        return;
      }
      if (ch !== ",") this.fail(`expected ',' or '${close}' but found ${this.describe()}`);
      this.pos++;
      this.skipSpace();
      if (this.text[this.pos] === close)
        this.fail(`a trailing comma is not allowed before '${close}'`);
    }
  }

  string(): void {
    this.pos++;
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined) this.fail("a string is not closed");
      if (ch === '"') {
        this.pos++;
        return;
      }
      if (ch < " ")
        this.fail("a control character (such as a line break) inside a string must be escaped");
      if (ch === "\\") {
        const next = this.text[this.pos + 1] ?? "";
        if (next === "u" && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6)))
          this.pos += 6;
        else if ('"\\/bfnrt'.includes(next) && next !== "") this.pos += 2;
        else this.fail(`invalid escape '\\${next}' in a string`);
      } else this.pos++;
    }
  }

  number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match) this.fail(`invalid number starting with ${this.describe()}`);
    this.pos += match[0].length;
  }
}
