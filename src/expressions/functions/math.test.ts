import { describe, expect, it } from "vitest";
import { errorCode } from "../../../test/support/expression-kit.js";
import { seededRandom, type RandomSource } from "../../core/index.js";
import { evaluate, evaluateValue } from "../index.js";
import { FloatValue } from "../values.js";
import { lookupFunction } from "./index.js";

function call(name: string, args: unknown[], random: RandomSource = seededRandom(1)): unknown {
  return lookupFunction(name)!.call(args, { nowMs: 0, random });
}

/** The stable error code a call fails with (undefined when it does not fail). */
function callError(name: string, ...args: unknown[]): string | undefined {
  try {
    call(name, args);
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe("documented examples (ADF page)", () => {
  it.each([
    ["@add(1, 1.5)", 2.5],
    ["@div(10, 5)", 2],
    ["@div(11, 5)", 2],
    ["@max(1, 2, 3)", 3],
    ["@max(createArray(1, 2, 3))", 3],
    ["@min(1, 2, 3)", 1],
    ["@min(createArray(1, 2, 3))", 1],
    ["@mod(3, 2)", 1],
    ["@mul(1, 2)", 2],
    ["@mul(1.5, 2)", 3],
    ["@range(1, 4)", [1, 2, 3, 4]],
    // The page writes `sub(10.3, .3)`; the same with a leading zero:
    ["@sub(10.3, 0.3)", 10],
  ])("%s is %j", (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });

  it("rand(1, 5) returns one of 1, 2, 3, 4", () => {
    const seen = new Set<unknown>();
    const random = seededRandom(42);
    for (let i = 0; i < 200; i++) seen.add(call("rand", [1, 5], random));
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
  });

  it("div(11, 5.0) and div(11.0, 5) are the float 2.2 (Logic Apps page)", () => {
    expect(call("div", [11, new FloatValue(5)])).toBe(2.2);
    expect(call("div", [new FloatValue(11), 5])).toBe(2.2);
  });
});

describe("integers and floats", () => {
  it("keeps two integers an integer and makes any float operand a float", () => {
    expect(call("add", [2, 3])).toBe(5);
    expect(call("add", [new FloatValue(2), 3])).toEqual(new FloatValue(5));
    expect(call("sub", [5, new FloatValue(2)])).toEqual(new FloatValue(3));
    expect(call("mul", [1.5, 2])).toEqual(new FloatValue(3));
    expect(call("sub", [-1, 3.5])).toBe(-4.5);
  });

  it("divides integers truncating toward zero, floats exactly", () => {
    expect(call("div", [7, 2])).toBe(3);
    expect(call("div", [-7, 2])).toBe(-3);
    expect(call("div", [7, -2])).toBe(-3);
    expect(call("div", [new FloatValue(7), 2])).toBe(3.5);
    expect(call("div", [4.5, 1.5])).toEqual(new FloatValue(3));
    expect(evaluateValue("@div(7.0, 2)")).toBe(3.5);
  });

  it("takes the sign of mod from the dividend, as .NET's %", () => {
    expect(call("mod", [-7, 2])).toBe(-1);
    expect(call("mod", [7, -2])).toBe(1);
    expect(call("mod", [-4, 2])).toBe(0);
    expect(Object.is(call("mod", [-4, 2]), -0)).toBe(false);
    expect(call("mod", [3.5, 2])).toBe(1.5);
    expect(call("mod", [new FloatValue(6), 4])).toEqual(new FloatValue(2));
  });

  it("reports division and mod by zero, integer or float", () => {
    expect(callError("div", 5, 0)).toBe("ExpressionDivideByZero");
    expect(callError("div", 0, 0)).toBe("ExpressionDivideByZero");
    expect(callError("mod", 5, 0)).toBe("ExpressionDivideByZero");
    expect(callError("div", 2.5, new FloatValue(0))).toBe("ExpressionDivideByZero");
    expect(callError("mod", 2.5, 0)).toBe("ExpressionDivideByZero");
    expect(errorCode("@div(1, 0)")).toBe("ExpressionDivideByZero");
  });
});

describe("large integers", () => {
  it("goes exact past 2^53 with bigint and back to number when small", () => {
    expect(call("add", [2 ** 53, 1])).toBe(2n ** 53n + 1n);
    expect(call("mul", [4294967295, 4294967])).toBe(4294967295n * 4294967n);
    expect(call("sub", [2n ** 60n, 2n ** 60n - 5n])).toBe(5);
    expect(call("add", [2147483647, 1])).toBe(2147483648);
    expect(call("div", [2n ** 62n, 2])).toBe(2n ** 61n);
    expect(call("mod", [2n ** 62n + 3n, 2 ** 40])).toBe(3);
  });

  it("fails when a result leaves the 64-bit range, as .NET's checked arithmetic does", () => {
    expect(callError("add", 2n ** 63n - 1n, 1)).toBe("ExpressionArgumentValue");
    expect(callError("mul", 4294967295, 4294967295)).toBe("ExpressionArgumentValue");
    expect(callError("sub", -(2n ** 63n), 1)).toBe("ExpressionArgumentValue");
    expect(callError("div", -(2n ** 63n), -1)).toBe("ExpressionArgumentValue");
  });

  it("lets floats overflow to Infinity", () => {
    expect(call("mul", [1e308, new FloatValue(2)])).toBe(Infinity);
    expect(call("mul", [4294967295, new FloatValue(4294967295)])).toEqual(
      new FloatValue(1.8446744065119617e19),
    );
  });
});

describe("max and min", () => {
  it("take two or more numbers or one array", () => {
    expect(call("max", [1, 2.4, 3.6])).toBe(3.6);
    expect(call("max", [[-1]])).toBe(-1);
    expect(call("min", [[1.2, 2.4, 3.6]])).toBe(1.2);
    expect(call("min", [-5, 2n ** 60n])).toBe(-5);
    expect(call("max", [-5, 2n ** 60n])).toBe(2n ** 60n);
    expect(call("max", [7])).toBe(7);
  });

  it("return a float once a float takes part, as .NET's fold does", () => {
    expect(call("max", [3, 2.5])).toEqual(new FloatValue(3));
    expect(call("min", [1, 2, 3.5])).toEqual(new FloatValue(1));
    expect(call("max", [1, 2, 3])).toBe(3);
  });

  it("reject empty arrays and non-numbers", () => {
    expect(callError("max", [])).toBe("ExpressionArgumentValue");
    expect(callError("min", [1, "2"])).toBe("ExpressionArgumentType");
    expect(callError("max", 1, null)).toBe("ExpressionArgumentType");
    expect(callError("max", "a")).toBe("ExpressionArgumentType");
    expect(callError("min", [[1]])).toBe("ExpressionArgumentType");
  });
});

describe("rand", () => {
  it("returns an integer in [min, max) from the injected randomness", () => {
    const low: RandomSource = { next: () => 0, bytes: (n) => new Uint8Array(n) };
    const high: RandomSource = { next: () => 0.999999, bytes: (n) => new Uint8Array(n) };
    expect(call("rand", [-3, 3], low)).toBe(-3);
    expect(call("rand", [-3, 3], high)).toBe(2);
    expect(call("rand", [5, 5], high)).toBe(5);
  });

  it("rejects a minimum above the maximum and non-integers", () => {
    expect(callError("rand", 5, 1)).toBe("ExpressionArgumentValue");
    expect(callError("rand", 1.5, 3)).toBe("ExpressionArgumentType");
    expect(callError("rand", null, 3)).toBe("ExpressionArgumentType");
    expect(callError("rand", 1, "3")).toBe("ExpressionArgumentType");
  });
});

describe("range", () => {
  it("counts up from the start, negative starts too", () => {
    expect(call("range", [5, 3])).toEqual([5, 6, 7]);
    expect(call("range", [-1, 3])).toEqual([-1, 0, 1]);
    expect(call("range", [0, 0])).toEqual([]);
    expect(evaluate("@range(0, 10)")).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((call("range", [0, 100000]) as unknown[]).length).toBe(100000);
  });

  it("enforces the documented limits", () => {
    expect(callError("range", 0, -1)).toBe("ExpressionArgumentValue");
    expect(callError("range", 0, 100001)).toBe("ExpressionArgumentValue");
    expect(callError("range", 2147483647, 1)).toBe("ExpressionArgumentValue");
    expect(call("range", [2147483646, 1])).toEqual([2147483646]);
    expect(callError("range", 1.5, 2)).toBe("ExpressionArgumentType");
    expect(callError("range", 1, null)).toBe("ExpressionArgumentType");
  });
});

describe("argument checks", () => {
  it.each(["add", "sub", "mul", "div", "mod"])(
    "%s rejects non-numbers with ExpressionArgumentType",
    (name) => {
      expect(callError(name, null, 1)).toBe("ExpressionArgumentType");
      expect(callError(name, 1, "2")).toBe("ExpressionArgumentType");
      expect(callError(name, true, 1)).toBe("ExpressionArgumentType");
    },
  );

  it("names the function and argument in the message", () => {
    expect(() => call("add", ["1", 2])).toThrow(
      /add\(\) expects argument 1 to be a number, but it is a string/,
    );
  });

  it("checks argument counts through the evaluator", () => {
    expect(errorCode("@add(1)")).toBe("ExpressionArgumentCount");
    expect(errorCode("@range(1, 2, 3)")).toBe("ExpressionArgumentCount");
  });
});
