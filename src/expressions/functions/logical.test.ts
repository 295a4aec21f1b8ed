import { describe, expect, it } from "vitest";
import { call, errorCode } from "../../../test/support/expression-kit.js";
import { evaluate } from "../index.js";
import { FloatValue } from "../values.js";

const scope = {
  parameters: {
    arr: [1, "a", { b: [2] }],
    arr2: [1, "a", { b: [2] }],
    arrOther: [1, "a", { b: [3] }],
    obj: { x: 1, y: [true] },
    objReordered: { y: [true], x: 1 },
    none: null,
    flag: "true",
  },
};

function run(expression: string): unknown {
  return evaluate(expression, scope);
}

const p = (name: string): string => `pipeline().parameters.${name}`;

const errorCodeIn = (expression: string): string | undefined => errorCode(expression, scope);

describe("documented examples", () => {
  it.each([
    ["@and(true, true)", true],
    ["@and(false, true)", false],
    ["@and(false, false)", false],
    ["@and(equals(1, 1), equals(2, 2))", true],
    ["@and(equals(1, 1), equals(1, 2))", false],
    ["@and(equals(1, 2), equals(1, 3))", false],
    ["@equals(true, 1)", true],
    ["@equals('abc', 'abcd')", false],
    ["@greater(10, 5)", true],
    ["@greater('apple', 'banana')", false],
    ["@greaterOrEquals(5, 5)", true],
    ["@greaterOrEquals('apple', 'banana')", false],
    ["@if(equals(1, 1), 'yes', 'no')", "yes"],
    ["@{if(equals(1, 2), 'Blob', 'Table' )}", "Table"],
    ["@less(5, 10)", true],
    ["@less('banana', 'apple')", false],
    ["@lessOrEquals(10, 10)", true],
    ["@lessOrEquals('apply', 'apple')", false],
    ["@not(false)", true],
    ["@not(true)", false],
    ["@not(equals(1, 2))", true],
    ["@not(equals(1, 1))", false],
    ["@or(true, false)", true],
    ["@or(false, false)", false],
    ["@or(equals(1, 1), equals(1, 2))", true],
    ["@or(equals(1, 2), equals(1, 3))", false],
  ])("%s", (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });
});

describe("and, or, not", () => {
  it("take more than two booleans", () => {
    expect(run("@and(true, true, true, true)")).toBe(true);
    expect(run("@and(true, true, false)")).toBe(false);
    expect(run("@or(false, false, false, true)")).toBe(true);
    expect(run("@or(false, false, false)")).toBe(false);
  });

  it("accept only booleans, not 'true' strings, numbers or null", () => {
    expect(errorCodeIn("@and('true', true)")).toBe("ExpressionArgumentType");
    expect(errorCodeIn(`@or(${p("flag")}, false)`)).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@and(true, 1)")).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@not(null)")).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@not(0)")).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@not('false')")).toBe("ExpressionArgumentType");
  });

  it("check arguments up to the one that decides, as Logic Apps short-circuits", () => {
    expect(run("@and(false, 'x')")).toBe(false);
    expect(run("@or(true, null)")).toBe(true);
    expect(errorCodeIn("@and(true, 'x')")).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@or(false, null)")).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@or('x', true)")).toBe("ExpressionArgumentType");
  });

  it("name the offending argument", () => {
    expect(() => run("@and(true, true, 'no')")).toThrow(
      /and\(\) expects argument 3 to be a boolean, but it is a string/,
    );
  });

  it("check argument counts", () => {
    expect(run("@and(true)")).toBe(true);
    expect(run("@or(false)")).toBe(false);
    expect(errorCodeIn("@and()")).toBe("ExpressionArgumentCount");
    expect(errorCodeIn("@or()")).toBe("ExpressionArgumentCount");
    expect(errorCodeIn("@not(true, false)")).toBe("ExpressionArgumentCount");
    expect(errorCodeIn("@not()")).toBe("ExpressionArgumentCount");
  });
});

describe("if", () => {
  it("returns either branch, of any type", () => {
    expect(run(`@if(true, ${p("arr")}, 'no')`)).toEqual([1, "a", { b: [2] }]);
    expect(run("@if(false, 'yes', null)")).toBe(null);
    expect(run("@if(less(1, 2), 1, 2.5)")).toBe(1);
  });

  it("evaluates only the branch it returns", () => {
    expect(run("@if(true, 'ok', substring('a', 5))")).toBe("ok");
    expect(run("@if(false, substring('a', 5), 'ok')")).toBe("ok");
    expect(errorCodeIn("@if(true, substring('a', 5), 'ok')")).toBe("ExpressionIndexOutOfRange");
  });

  it("needs a boolean condition and three arguments", () => {
    expect(errorCodeIn("@if('true', 1, 2)")).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@if(1, 1, 2)")).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@if(null, 1, 2)")).toBe("ExpressionArgumentType");
    expect(errorCodeIn("@if(true, 1)")).toBe("ExpressionArgumentCount");
  });

  it("works when called directly", () => {
    expect(call("if", true, "a", "b")).toBe("a");
    expect(call("if", false, "a", "b")).toBe("b");
    expect(() => call("if", "true", "a", "b")).toThrow(/if\(\) expects argument 1 to be a boolean/);
  });
});

describe("equals", () => {
  it.each([
    ["@equals('abc', 'ABC')", false],
    ["@equals('abc', 'abc')", true],
    ["@equals(1, 1.0)", true],
    ["@equals(1, 2)", false],
    ["@equals('1', 1)", false],
    ["@equals(null, null)", true],
    ["@equals(null, '')", false],
    ["@equals(null, 0)", false],
    ["@equals(false, 0)", true],
    ["@equals(0, false)", true],
    ["@equals(true, 2)", false],
    ["@equals(false, 1)", false],
    ["@equals(true, 'true')", true],
    ["@equals('false', false)", true],
    ["@equals(true, 'True')", false],
    ["@equals(false, 'true')", false],
    ["@equals(true, true)", true],
    [`@equals(${p("arr")}, ${p("arr2")})`, true],
    [`@equals(${p("arr")}, ${p("arrOther")})`, false],
    [`@equals(${p("obj")}, ${p("objReordered")})`, true],
    [`@equals(${p("obj")}, ${p("arr")})`, false],
    [`@equals(${p("none")}, null)`, true],
  ])("%s is %j", (expression, expected) => {
    expect(run(expression)).toBe(expected);
  });

  it("compares boxed floats and big integers by value", () => {
    expect(call("equals", new FloatValue(2), 2)).toBe(true);
    expect(call("equals", 2n ** 60n, 2n ** 60n)).toBe(true);
    expect(call("equals", 2n ** 60n, 2n ** 60n + 1n)).toBe(false);
  });
});

describe("greater, greaterOrEquals, less, lessOrEquals", () => {
  it.each([
    ["@greater(2, 1.5)", true],
    ["@greater(1.5, 2)", false],
    ["@greater(-1, -2)", true],
    ["@greater(5, 5)", false],
    ["@greaterOrEquals(5, 5.0)", true],
    ["@less(1, 1.0)", false],
    ["@lessOrEquals(1.0, 1)", true],
    ["@less(-0.5, 0)", true],
  ])("compares numbers by value: %s is %j", (expression, expected) => {
    expect(run(expression)).toBe(expected);
  });

  it("compares big integers exactly", () => {
    expect(call("greater", 2n ** 60n + 1n, 2n ** 60n)).toBe(true);
    expect(call("less", 2n ** 60n, 2n ** 60n + 1n)).toBe(true);
    expect(call("greater", 2n ** 60n, 1.5)).toBe(true);
    expect(call("lessOrEquals", new FloatValue(3), 3)).toBe(true);
  });

  it.each([
    ["@greater('A', 'a')", false],
    ["@greaterOrEquals('A', 'a')", false],
    ["@less('A', 'a')", true],
    ["@lessOrEquals('A', 'a')", true],
    ["@less('apple', 'Banana')", false],
    ["@greater('a', 'B')", true],
    ["@less('Z', 'a')", true],
    ["@greater('b', 'a')", true],
    ["@greater('abc', 'ab')", true],
    ["@less('', 'a')", true],
    ["@greaterOrEquals('same', 'same')", true],
    ["@less('10', '9')", true],
  ])(
    "orders strings ordinally, by UTF-16 code unit (upper case first): %s is %j",
    (expression, expected) => {
      expect(run(expression)).toBe(expected);
    },
  );

  it("treats null beside a string as the empty string", () => {
    expect(run("@less(null, 'a')")).toBe(true);
    expect(run("@greaterOrEquals('', null)")).toBe(true);
    expect(run("@lessOrEquals(null, null)")).toBe(true);
    expect(run("@greater(null, null)")).toBe(false);
  });

  it.each([
    "@greater(1, '1')",
    "@less('1', 1)",
    "@greater(null, 1)",
    "@lessOrEquals(1, null)",
    "@greater(true, false)",
    "@less('a', true)",
    `@greater(${p("arr")}, ${p("arr2")})`,
    `@lessOrEquals(${p("obj")}, 'a')`,
  ])("rejects mixed or unordered types: %s", (expression) => {
    expect(errorCodeIn(expression)).toBe("ExpressionArgumentType");
  });

  it("names the argument that does not fit", () => {
    expect(() => run("@greater(1, 'a')")).toThrow(/greater\(\) expects argument 2 to be a number/);
    expect(() => run("@less(true, 1)")).toThrow(
      /less\(\) expects argument 1 to be an integer, a float or a string/,
    );
  });

  it("take exactly two arguments", () => {
    expect(errorCodeIn("@greater(1)")).toBe("ExpressionArgumentCount");
    expect(errorCodeIn("@less(1, 2, 3)")).toBe("ExpressionArgumentCount");
    expect(errorCodeIn("@equals(1)")).toBe("ExpressionArgumentCount");
  });
});
