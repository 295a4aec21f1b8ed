import { describe, expect, it } from "vitest";
import { call, errorCode } from "../../../test/support/expression-kit.js";
import { evaluate, evaluateValue } from "../index.js";
import { FloatValue } from "../values.js";

const scope = {
  parameters: {
    a012: [0, 1, 2],
    a0123: [0, 1, 2, 3],
    a01234: [0, 1, 2, 3, 4],
    abc: ["a", "b", "c"],
    a123: [1, 2, 3],
    a101_2_1_10: [101, 2, 1, 10],
    a6812: [6, 8, 1, 2],
    a1_2_10_101: [1, 2, 10, 101],
    mixed: [1, "x", null, true, 2.5, { k: [1] }, [1, 2]],
    empty: [],
    obj: { a: 1, b: { c: 2 } },
    other: { b: { c: 2 }, d: 4 },
    emptyObj: {},
    none: null,
    n: 3,
  },
};

function run(expression: string): unknown {
  return evaluate(expression, scope);
}

const p = (name: string): string => `pipeline().parameters.${name}`;

const errorCodeIn = (expression: string): string | undefined => errorCode(expression, scope);

describe("documented examples (arrays passed as parameters)", () => {
  it.each([
    ["@contains('hello world', 'world')", true],
    ["@contains('hello world', 'universe')", false],
    ["@empty('')", true],
    ["@empty('abc')", false],
    ["@first('hello')", "h"],
    [`@first(${p("a012")})`, 0],
    [`@intersection(${p("a123")}, ${p("a101_2_1_10")}, ${p("a6812")})`, [1, 2]],
    [`@join(${p("abc")}, '.')`, "a.b.c"],
    ["@last('abcd')", "d"],
    [`@last(${p("a0123")})`, 3],
    ["@length('abcd')", 4],
    [`@length(${p("a0123")})`, 4],
    [`@skip(${p("a0123")}, 1)`, [1, 2, 3]],
    ["@take('abcde', 3)", "abc"],
    [`@take(${p("a01234")}, 3)`, [0, 1, 2]],
    [`@union(${p("a123")}, ${p("a1_2_10_101")})`, [1, 2, 3, 10, 101]],
  ])("%s", (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });
});

// The literal examples use createArray(), a conversion function; they run once it exists.
describe("documented examples, verbatim", () => {
  it.each([
    ["@first(createArray(0, 1, 2))", 0],
    [
      "@intersection(createArray(1, 2, 3), createArray(101, 2, 1, 10), createArray(6, 8, 1, 2))",
      [1, 2],
    ],
    ["@join(createArray('a', 'b', 'c'), '.')", "a.b.c"],
    ["@last(createArray(0, 1, 2, 3))", 3],
    ["@length(createArray(0, 1, 2, 3))", 4],
    ["@skip(createArray(0, 1, 2, 3), 1)", [1, 2, 3]],
    ["@take(createArray(0, 1, 2, 3, 4), 3)", [0, 1, 2]],
    ["@union(createArray(1, 2, 3), createArray(1, 2, 10, 101))", [1, 2, 3, 10, 101]],
  ])("%s", (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });
});

describe("contains", () => {
  it("finds a substring, case-sensitively", () => {
    expect(run("@contains('Hello', 'hello')")).toBe(false);
    expect(run("@contains('Hello', 'ell')")).toBe(true);
    expect(run("@contains('Hello', '')")).toBe(true);
    expect(errorCodeIn("@contains('Hello', 1)")).toBe("ExpressionArgumentType");
  });

  it("finds an array item by deep equality, numbers by value", () => {
    expect(run(`@contains(${p("mixed")}, 'x')`)).toBe(true);
    expect(run(`@contains(${p("mixed")}, 'X')`)).toBe(false);
    expect(run(`@contains(${p("mixed")}, null)`)).toBe(true);
    expect(run(`@contains(${p("mixed")}, 2.5)`)).toBe(true);
    expect(run(`@contains(${p("mixed")}, ${p("obj")})`)).toBe(false);
    expect(call("contains", [{ k: [1] }], { k: [1] })).toBe(true);
    expect(call("contains", [[1, 2]], [1, 2])).toBe(true);
    expect(call("contains", [1, 2], new FloatValue(2))).toBe(true);
    expect(run(`@contains(${p("a123")}, '1')`)).toBe(false);
    expect(run(`@contains(${p("empty")}, 1)`)).toBe(false);
  });

  it("finds an object key by its exact name", () => {
    expect(run(`@contains(${p("obj")}, 'a')`)).toBe(true);
    expect(run(`@contains(${p("obj")}, 'c')`)).toBe(false);
    expect(run(`@contains(${p("obj")}, 'A')`)).toBe(false);
    expect(errorCodeIn(`@contains(${p("obj")}, 1)`)).toBe("ExpressionArgumentType");
  });

  it("rejects anything that is not a collection", () => {
    expect(errorCodeIn("@contains(null, 'a')")).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@contains(123, '1')")).toBe("ExpressionArgumentType");
  });
});

describe("empty", () => {
  it.each([
    [`@empty(${p("empty")})`, true],
    [`@empty(${p("a012")})`, false],
    [`@empty(${p("emptyObj")})`, true],
    [`@empty(${p("obj")})`, false],
    ["@empty(null)", true],
    [`@empty(${p("obj")}?.missing)`, true],
    ["@empty(' ')", false],
  ])("%s is %j", (expression, expected) => {
    expect(run(expression)).toBe(expected);
  });

  it("rejects numbers and booleans", () => {
    expect(errorCodeIn("@empty(0)")).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@empty(false)")).toBe("ExpressionArgumentType");
  });
});

describe("first, last", () => {
  it("return '' for an empty string and null for an empty array (as Logic Apps)", () => {
    expect(run("@first('')")).toBe("");
    expect(run(`@first(${p("empty")})`)).toBe(null);
    expect(run("@last('')")).toBe("");
    expect(run(`@last(${p("empty")})`)).toBe(null);
  });

  it("return items of any type, as they are", () => {
    expect(run(`@last(${p("mixed")})`)).toEqual([1, 2]);
    expect(run(`@first(${p("mixed")})`)).toBe(1);
    expect(call("last", [new FloatValue(2)])).toEqual(new FloatValue(2));
    expect(run("@first('a')")).toBe("a");
    expect(run("@last('a')")).toBe("a");
  });

  it("reject objects and null", () => {
    expect(errorCodeIn(`@first(${p("obj")})`)).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@last(null)")).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@first(12)")).toBe("ExpressionArgumentType");
  });
});

describe("length", () => {
  it("counts characters (UTF-16 units, as .NET) and items", () => {
    expect(run("@length('')")).toBe(0);
    expect(run(`@length(${p("empty")})`)).toBe(0);
    expect(run(`@length(${p("mixed")})`)).toBe(7);
    expect(run("@length('é😀')")).toBe(3);
  });

  it("rejects null, objects and numbers", () => {
    expect(errorCodeIn("@length(null)")).toBe("ExpressionArgumentType");
    expect(errorCodeIn(`@length(${p("obj")})`)).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@length(10)")).toBe("ExpressionArgumentType");
  });
});

describe("skip, take", () => {
  it.each([
    [`@skip(${p("a0123")}, 0)`, [0, 1, 2, 3]],
    [`@skip(${p("a0123")}, 4)`, []],
    [`@skip(${p("a0123")}, 10)`, []],
    [`@skip(${p("empty")}, 1)`, []],
    [`@take(${p("a0123")}, 0)`, []],
    [`@take(${p("a0123")}, 10)`, [0, 1, 2, 3]],
    ["@take('abc', 10)", "abc"],
    ["@take('abc', 0)", ""],
    [`@take(${p("a0123")}, ${p("n")})`, [0, 1, 2]],
  ])("%s is %j", (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });

  it("reject a negative count", () => {
    expect(errorCodeIn(`@skip(${p("a0123")}, -1)`)).toBe("ExpressionArgumentValue");
    expect(errorCodeIn("@take('abc', -1)")).toBe("ExpressionArgumentValue");
  });

  it("need an integer count and the right collection", () => {
    expect(errorCodeIn(`@skip(${p("a0123")}, 1.5)`)).toBe("ExpressionArgumentType");
    expect(errorCodeIn(`@take(${p("a0123")}, '1')`)).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@skip('abc', 1)")).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@take(null, 1)")).toBe("ExpressionArgumentType");
    expect(errorCodeIn(`@take(${p("obj")}, 1)`)).toBe("ExpressionArgumentType");
  });

  it("leave the input unchanged", () => {
    const items = [1, 2, 3];
    call("skip", items, 1);
    call("take", items, 1);
    expect(items).toEqual([1, 2, 3]);
  });
});

describe("join", () => {
  it("stringifies items as ADF does (null empty, True/False, JSON)", () => {
    expect(run(`@join(${p("mixed")}, '|')`)).toBe('1|x||True|2.5|{"k":[1]}|[1,2]');
    expect(run(`@join(${p("empty")}, ',')`)).toBe("");
    expect(run(`@join(${p("abc")}, '')`)).toBe("abc");
    expect(run(`@join(${p("abc")}, ', ')`)).toBe("a, b, c");
    expect(call("join", [new FloatValue(1), 0.5], ";")).toBe("1;0.5");
  });

  it("needs an array and a string delimiter", () => {
    expect(errorCodeIn("@join('abc', ',')")).toBe("ExpressionArgumentType");
    expect(errorCodeIn(`@join(${p("abc")}, null)`)).toBe("ExpressionArgumentType");
    expect(errorCodeIn(`@join(${p("abc")}, 1)`)).toBe("ExpressionArgumentType");
  });
});

describe("union, intersection", () => {
  it("keep the first appearance order and remove duplicates, also within one array", () => {
    expect(call("union", [3, 1, 3], [2, 1])).toEqual([3, 1, 2]);
    expect(call("intersection", [3, 1, 3, 2], [2, 3, 3])).toEqual([3, 2]);
    expect(call("union", [], [])).toEqual([]);
    expect(call("intersection", [1, 2], [])).toEqual([]);
    expect(call("union", ["a"], ["A"])).toEqual(["a", "A"]);
  });

  it("compare items deeply, numbers by value", () => {
    expect(call("union", [{ a: [1] }, [1, 2]], [{ a: [1] }, [1, 2], null], [null])).toEqual([
      { a: [1] },
      [1, 2],
      null,
    ]);
    expect(call("intersection", [{ a: 1 }, "x"], [{ a: 1 }])).toEqual([{ a: 1 }]);
    expect(call("union", [1], [new FloatValue(1)])).toHaveLength(1);
    expect(call("union", [1, "1", true], [1])).toEqual([1, "1", true]);
  });

  it("merge objects by property name; the last value wins", () => {
    expect(run(`@union(${p("obj")}, ${p("other")})`)).toEqual({ a: 1, b: { c: 2 }, d: 4 });
    expect(call("union", { a: 1, b: 2 }, { b: 3 }, { c: 4 })).toEqual({ a: 1, b: 3, c: 4 });
    expect(call("intersection", { a: 1, b: 2, c: 3 }, { a: 1, b: 5, c: 3 })).toEqual({
      a: 1,
      c: 3,
    });
    expect(run(`@intersection(${p("obj")}, ${p("other")})`)).toEqual({ b: { c: 2 } });
    expect(call("intersection", { a: 1 }, {})).toEqual({});
  });

  it("take many collections", () => {
    expect(call("union", [1], [2], [3], [1])).toEqual([1, 2, 3]);
    expect(call("intersection", [1, 2, 3], [2, 3], [3, 2], [2])).toEqual([2]);
  });

  it("reject a mix of arrays and objects, and other types", () => {
    expect(errorCodeIn(`@union(${p("a123")}, ${p("obj")})`)).toBe("ExpressionArgumentType");
    expect(errorCodeIn(`@intersection(${p("obj")}, ${p("a123")})`)).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@union('abc', 'abd')")).toBe("ExpressionArgumentType");
    expect(errorCodeIn(`@union(${p("a123")}, null)`)).toBe("ExpressionArgumentType");
    expect(errorCodeIn(`@intersection(null, ${p("a123")})`)).toBe("ExpressionArgumentType");
  });

  it("need at least two collections", () => {
    expect(errorCodeIn(`@union(${p("a123")})`)).toBe("ExpressionArgumentCount");
    expect(errorCodeIn(`@intersection(${p("a123")})`)).toBe("ExpressionArgumentCount");
  });

  it("handle large arrays quickly", () => {
    const big = Array.from({ length: 50_000 }, (_, i) => i % 25_000);
    const result = evaluateValue(`@union(${p("big")}, ${p("big")})`, { parameters: { big } });
    expect(result).toHaveLength(25_000);
  });
});
