import { describe, expect, it } from "vitest";
import { call, errorCode } from "../../../test/support/expression-kit.js";
import { seededRandom } from "../../core/index.js";
import { evaluate } from "../index.js";
import { FloatValue } from "../values.js";

const scope = {
  parameters: { arr: [0, 1, 2, 3], obj: { a: 1 }, none: null, n: 42, f: 2.5, text: "Hello World" },
};

function run(expression: string): unknown {
  return evaluate(expression, scope);
}

const errorCodeIn = (expression: string): string | undefined => errorCode(expression, scope);

describe("documented examples (ADF and Logic Apps references)", () => {
  it.each([
    ["@concat('Hello', 'World')", "HelloWorld"],
    ["@concat('Baba', '''s ', 'book store')", "Baba's book store"],
    ["@endsWith('hello world', 'world')", true],
    ["@endsWith('hello world', 'universe')", false],
    ["@indexOf('hello world', 'world')", 6],
    ["@lastIndexOf('hello world', 'world')", 6],
    ["@lastIndexOf('hello world hello world', 'world')", 18],
    ["@lastIndexOf('hello world hello world', '')", 22],
    ["@replace('the old string', 'old', 'new')", "the new string"],
    ["@split('a_b_c', '_')", ["a", "b", "c"]],
    ["@split('a_b_c', ' ')", ["a_b_c"]],
    ["@startsWith('hello world', 'hello')", true],
    ["@startsWith('hello world', 'greetings')", false],
    ["@substring('hello world', 6, 5)", "world"],
    ["@toLower('Hello World')", "hello world"],
    ["@toUpper('Hello World')", "HELLO WORLD"],
    ["@{toUpper('myData')}", "MYDATA"],
    ["@trim(' Hello World  ')", "Hello World"],
  ])("%s", (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });

  it("guid() is 32 hex digits separated by hyphens; guid('P') adds parentheses", () => {
    expect(run("@guid()")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(run("@guid('P')")).toMatch(
      /^\([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)$/,
    );
  });
});

describe("concat", () => {
  it("stringifies any value as ADF does: numbers, True/False, null as empty, JSON", () => {
    expect(run("@concat('n=', 1, ' f=', 1.5, ' b=', true, ' z=', null)")).toBe(
      "n=1 f=1.5 b=True z=",
    );
    expect(run("@concat('a', pipeline().parameters.arr, pipeline().parameters.obj)")).toBe(
      'a[0,1,2,3]{"a":1}',
    );
    expect(call("concat", "x", new FloatValue(2))).toBe("x2");
    expect(run("@concat('', '')")).toBe("");
  });

  it("joins many arguments and keeps arrays as text rather than merging them", () => {
    expect(run("@concat('a', 'b', 'c', 'd', 'e')")).toBe("abcde");
    expect(run("@concat(pipeline().parameters.arr, pipeline().parameters.arr)")).toBe(
      "[0,1,2,3][0,1,2,3]",
    );
  });

  it("needs at least two arguments", () => {
    expect(errorCodeIn("@concat('a')")).toBe("ExpressionArgumentCount");
  });
});

describe("searches ignore case and index from 0", () => {
  it.each([
    ["@indexOf('Hello World', 'WORLD')", 6],
    ["@indexOf('hello', 'xyz')", -1],
    ["@indexOf('hello', '')", 0],
    ["@indexOf('', '')", 0],
    ["@indexOf('abcabc', 'BC')", 1],
    ["@lastIndexOf('abcABC', 'bc')", 4],
    ["@lastIndexOf('hello', 'xyz')", -1],
    ["@lastIndexOf('', '')", 0],
    ["@lastIndexOf('', 'a')", -1],
    ["@lastIndexOf('abc', '')", 2],
    ["@startsWith('Hello World', 'HELLO')", true],
    ["@startsWith('hello', '')", true],
    ["@startsWith('', 'a')", false],
    ["@endsWith('Hello World', 'wORLD')", true],
    ["@endsWith('hello', '')", true],
    ["@endsWith('lo', 'hello')", false],
  ])("%s is %j", (expression, expected) => {
    expect(run(expression)).toBe(expected);
  });

  it("keeps indexes right for non-ASCII text whose full case mapping changes length", () => {
    expect(run("@indexOf('straße x', 'X')")).toBe(7);
    expect(run("@indexOf('ÄBC', 'äbc')")).toBe(0);
  });
});

describe("replace", () => {
  it("is case-sensitive and replaces every occurrence", () => {
    expect(run("@replace('Old old OLD old', 'old', 'new')")).toBe("Old new OLD new");
    expect(run("@replace('aaa', 'a', 'bb')")).toBe("bbbbbb");
    expect(run("@replace('abc', 'x', 'y')")).toBe("abc");
    expect(run("@replace('a-b', '-', '')")).toBe("ab");
  });

  it("keeps replacement text literal ($& and $1 are not patterns)", () => {
    expect(run("@replace('a.b', '.', '$&$1')")).toBe("a$&$1b");
  });

  it("rejects an empty text to replace", () => {
    expect(errorCodeIn("@replace('abc', '', 'x')")).toBe("ExpressionArgumentValue");
  });
});

describe("split", () => {
  it("returns strings, keeping empty pieces", () => {
    expect(run("@split('a,,b,', ',')")).toEqual(["a", "", "b", ""]);
    expect(run("@split('', ',')")).toEqual([""]);
    expect(run("@split('a, b, c', ', ')")).toEqual(["a", "b", "c"]);
    expect(run("@split('1,2', ',')")).toEqual(["1", "2"]);
  });

  it("gives the whole text for an empty delimiter", () => {
    expect(run("@split('abc', '')")).toEqual(["abc"]);
  });
});

describe("substring", () => {
  it("takes the rest of the text when the length is omitted", () => {
    expect(run("@substring('hello world', 6)")).toBe("world");
    expect(run("@substring('hello', 5)")).toBe("");
    expect(run("@substring('hello', 0, 5)")).toBe("hello");
    expect(run("@substring('hello', 5, 0)")).toBe("");
  });

  it("fails when the range leaves the text, rather than clamping", () => {
    expect(errorCodeIn("@substring('hello', 3, 3)")).toBe("ExpressionIndexOutOfRange");
    expect(errorCodeIn("@substring('hello', 6)")).toBe("ExpressionIndexOutOfRange");
    expect(errorCodeIn("@substring('hello', -1, 2)")).toBe("ExpressionIndexOutOfRange");
    expect(errorCodeIn("@substring('hello', 1, -1)")).toBe("ExpressionArgumentValue");
  });

  it("needs an integer start and length", () => {
    expect(errorCodeIn("@substring('hello', 1.5, 1)")).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@substring('hello', '1', 1)")).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@substring('hello', 1, null)")).toBe("ExpressionArgumentType");
  });
});

describe("toLower, toUpper (invariant culture, one character at a time)", () => {
  it.each([
    ["@toLower('ÄÖÜ ÉÈ')", "äöü éè"],
    ["@toUpper('äöü éè')", "ÄÖÜ ÉÈ"],
    ["@toUpper('straße')", "STRAßE"],
    ["@toLower('İ')", "İ"],
    ["@toUpper('ı')", "ı"],
    ["@toLower('ΟΔΟΣ')", "οδοσ"],
    ["@toUpper('123-_!')", "123-_!"],
    ["@toLower('')", ""],
  ])("%s is %s", (expression, expected) => {
    expect(run(expression)).toBe(expected);
  });
});

describe("trim", () => {
  it("removes .NET whitespace at both ends only", () => {
    expect(call("trim", "\t\r\n a  b \u00a0\u0085\u2003")).toBe("a  b");
    expect(call("trim", "   ")).toBe("");
    expect(call("trim", "")).toBe("");
  });

  it("keeps the byte order mark, which .NET does not count as whitespace", () => {
    expect(call("trim", "\ufeffa ")).toBe("\ufeffa");
  });
});

describe("guid", () => {
  const evaluateSeeded = (expression: string, seed: number): unknown =>
    evaluate(expression, {}, { random: seededRandom(seed) });

  it("uses the injected randomness", () => {
    expect(evaluateSeeded("@guid()", 7)).toBe(evaluateSeeded("@guid()", 7));
    expect(evaluateSeeded("@guid()", 7)).not.toBe(evaluateSeeded("@guid()", 8));
  });

  it("prints the N, D, B, P and X formats of one GUID", () => {
    const d = evaluateSeeded("@guid('D')", 3) as string;
    const hex = d.replaceAll("-", "");
    expect(evaluateSeeded("@guid('N')", 3)).toBe(hex);
    expect(evaluateSeeded("@guid('B')", 3)).toBe(`{${d}}`);
    expect(evaluateSeeded("@guid('P')", 3)).toBe(`(${d})`);
    const bytes = hex
      .slice(16)
      .match(/../g)!
      .map((pair) => `0x${pair}`);
    expect(evaluateSeeded("@guid('X')", 3)).toBe(
      `{0x${hex.slice(0, 8)},0x${hex.slice(8, 12)},0x${hex.slice(12, 16)},{${bytes.join(",")}}}`,
    );
  });

  it("accepts lower-case letters and an empty format (D), and rejects others", () => {
    expect(evaluateSeeded("@guid('n')", 1)).toMatch(/^[0-9a-f]{32}$/);
    expect(evaluateSeeded("@guid('')", 1)).toBe(evaluateSeeded("@guid('D')", 1));
    expect(errorCodeIn("@guid('Z')")).toBe("ExpressionArgumentValue");
    expect(errorCodeIn("@guid('DD')")).toBe("ExpressionArgumentValue");
    expect(errorCodeIn("@guid(1)")).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@guid('D', 'N')")).toBe("ExpressionArgumentCount");
  });
});

describe("string functions work only on strings", () => {
  it.each([
    "@toUpper(1)",
    "@toLower(null)",
    "@trim(pipeline().parameters.arr)",
    "@split(null, ',')",
    "@split('a', 1)",
    "@indexOf(pipeline().parameters.n, '4')",
    "@lastIndexOf('abc', null)",
    "@startsWith(true, 't')",
    "@endsWith('abc', pipeline().parameters.obj)",
    "@replace('abc', 'a', 1)",
    "@substring(pipeline().parameters.none, 0, 0)",
  ])("%s is a type error", (expression) => {
    expect(errorCodeIn(expression)).toBe("ExpressionArgumentType");
  });

  it("names the function, the argument and the type received", () => {
    expect(() => run("@split(null, ',')")).toThrow(
      /split\(\) expects argument 1 to be a string, but it is null/,
    );
  });

  it("checks argument counts", () => {
    expect(errorCodeIn("@toUpper()")).toBe("ExpressionArgumentCount");
    expect(errorCodeIn("@indexOf('a')")).toBe("ExpressionArgumentCount");
    expect(errorCodeIn("@substring('a', 0, 1, 1)")).toBe("ExpressionArgumentCount");
  });

  it("matches function names case-insensitively", () => {
    expect(run("@TOUPPER('a')")).toBe("A");
    expect(run("@IndexOf('ab', 'B')")).toBe(1);
  });
});
