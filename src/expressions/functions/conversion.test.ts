import { describe, expect, it } from "vitest";
import { call, callError, errorCode } from "../../../test/support/expression-kit.js";
import { evaluate, evaluateValue } from "../index.js";
import { BinaryValue, FloatValue, XmlValue } from "../values.js";
import { parseFloatText, parseIntegerText } from "./number-text.js";

describe("documented examples (ADF page)", () => {
  it.each([
    ["@array('hello')", ["hello"]],
    ["@bool(1)", true],
    ["@bool(0)", false],
    ["@coalesce(null, true, false)", true],
    ["@coalesce(null, 'hello', 'world')", "hello"],
    ["@coalesce(null, null, null)", null],
    ["@createArray('h', 'e', 'l', 'l', 'o')", ["h", "e", "l", "l", "o"]],
    ["@float('10.333')", 10.333],
    ["@int('10')", 10],
    ["@json('[1, 2, 3]')", [1, 2, 3]],
    ['@json(\'{"fullName": "Sophia Owen"}\')', { fullName: "Sophia Owen" }],
    ["@string(10)", "10"],
  ])("%s is %j", (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });

  it("string() of an object is its compact JSON (the page shows it with escaped quotes)", () => {
    expect(call("string", { name: "Sophie Owen" })).toBe('{"name":"Sophie Owen"}');
  });
});

describe("Logic Apps page examples", () => {
  it.each([
    ["@bool(-1)", true],
    ["@bool('true')", true],
    ["@bool('false')", false],
  ])("%s is %j", (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });
});

describe("array, createArray, coalesce", () => {
  it("array wraps any one value, arrays and null included", () => {
    expect(call("array", [1, 2])).toEqual([[1, 2]]);
    expect(call("array", null)).toEqual([null]);
    expect(call("array", { a: 1 })).toEqual([{ a: 1 }]);
  });

  it("createArray takes one or more items of any types", () => {
    expect(call("createArray", 1)).toEqual([1]);
    expect(call("createArray", 1, "a", null, [2])).toEqual([1, "a", null, [2]]);
    expect(errorCode("@createArray()")).toBe("ExpressionArgumentCount");
  });

  it("coalesce keeps empty strings, arrays and objects, which are not null", () => {
    expect(call("coalesce", null, "", "x")).toBe("");
    expect(call("coalesce", undefined, [], 1)).toEqual([]);
    expect(call("coalesce", null, {})).toEqual({});
    expect(call("coalesce", null, 0)).toBe(0);
    expect(call("coalesce", false, true)).toBe(false);
  });
});

describe("bool", () => {
  it("reads booleans, numbers (zero is false) and 'true'/'false' in any case", () => {
    expect(call("bool", true)).toBe(true);
    expect(call("bool", 0.0001)).toBe(true);
    expect(call("bool", new FloatValue(0))).toBe(false);
    expect(call("bool", 2n ** 60n)).toBe(true);
    expect(call("bool", "TRUE")).toBe(true);
    expect(call("bool", " False ")).toBe(false);
  });

  it("rejects other text with ExpressionArgumentValue naming it, other types with ExpressionArgumentType", () => {
    expect(callError("bool", "yes")).toBe("ExpressionArgumentValue");
    expect(callError("bool", "1")).toBe("ExpressionArgumentValue");
    expect(() => call("bool", "yes")).toThrow(/'yes'/);
    expect(callError("bool", null)).toBe("ExpressionArgumentType");
    expect(callError("bool", [])).toBe("ExpressionArgumentType");
  });
});

describe("int", () => {
  it("reads integer text as .NET does: white space, sign, thousands, zero fraction, exponent", () => {
    expect(call("int", "-42")).toBe(-42);
    expect(call("int", "  +1,000 ")).toBe(1000);
    expect(call("int", "1.0")).toBe(1);
    expect(call("int", "1e3")).toBe(1000);
    expect(call("int", "9223372036854775295")).toBe(9223372036854774784n);
    expect(call("int", "-9223372036854775808")).toBe(-9223372036854775808n);
  });

  it("reads the text as a double first, as Logic Apps' engine does", () => {
    expect(call("int", "100000000000000010")).toBe(100000000000000016n);
    expect(call("int", "-9223372036854775809")).toBe(-9223372036854775808n);
    expect(call("int", "nan")).toBe(-9223372036854775808n);
    expect(callError("int", "9223372036854775807")).toBe("ExpressionArgumentValue");
  });

  it("passes integers through and converts integral floats", () => {
    expect(call("int", 7)).toBe(7);
    expect(call("int", new FloatValue(1))).toBe(1);
    expect(evaluateValue("@int(1.0)")).toBe(1);
  });

  it("rejects fractions, junk and out-of-range values with ExpressionArgumentValue", () => {
    for (const bad of ["1.5", "abc", "", "200-", "(200)", "9223372036854775808", "3e50", "1 2"]) {
      expect(callError("int", bad), bad).toBe("ExpressionArgumentValue");
    }
    expect(callError("int", 2.5)).toBe("ExpressionArgumentValue");
    expect(() => call("int", "abc")).toThrow(/int\(\) expects .*'abc'/);
  });

  it("rejects non-strings, non-numbers", () => {
    expect(callError("int", null)).toBe("ExpressionArgumentType");
    expect(callError("int", true)).toBe("ExpressionArgumentType");
    expect(callError("int", new BinaryValue(new Uint8Array([49])))).toBe("ExpressionArgumentType");
  });
});

describe("float", () => {
  it("always returns a float, boxed when integral", () => {
    expect(call("float", "10")).toEqual(new FloatValue(10));
    expect(call("float", 10)).toEqual(new FloatValue(10));
    expect(call("float", 2.5)).toBe(2.5);
    expect(evaluate("@float('10')")).toBe(10);
    expect(evaluate("@string(float('10'))")).toBe("10");
  });

  it("reads number text as .NET's Double.Parse does", () => {
    expect(call("float", "  +1,000 ")).toEqual(new FloatValue(1000));
    expect(call("float", "  200- ")).toEqual(new FloatValue(-200));
    expect(call("float", "-1.5e-3")).toBe(-0.0015);
    expect(call("float", ".5")).toBe(0.5);
    expect(Number.isNaN(call("float", "nan") as number)).toBe(true);
    expect(call("float", "1.7e+350")).toBe(Infinity);
    expect(call("float", "5e-350")).toEqual(new FloatValue(0));
  });

  it("rejects junk with ExpressionArgumentValue and other types with ExpressionArgumentType", () => {
    for (const bad of ["", "abc", "(200)", "Infinity", "1.2.3", "--1", "-1-"]) {
      expect(callError("float", bad), bad).toBe("ExpressionArgumentValue");
    }
    expect(callError("float", null)).toBe("ExpressionArgumentType");
    expect(callError("float", false)).toBe("ExpressionArgumentType");
  });
});

describe("number text parsing", () => {
  it("parseIntegerText returns the double's integer or undefined", () => {
    expect(parseIntegerText("123456789012345678901234")).toBe(123456789012345685803008n);
    expect(parseIntegerText("1,2,3")).toBe(123n);
    expect(parseIntegerText(",1")).toBeUndefined();
    expect(parseIntegerText("1.")).toBe(1n);
  });

  it("parseFloatText refuses a sign on both sides", () => {
    expect(parseFloatText("-1-")).toBeUndefined();
    expect(parseFloatText("1e")).toBeUndefined();
  });
});

describe("string", () => {
  it("converts as ADF: null empty, booleans True/False, floats as .NET prints them", () => {
    expect(call("string", null)).toBe("");
    expect(call("string", true)).toBe("True");
    expect(call("string", new FloatValue(3))).toBe("3");
    expect(call("string", 0.1)).toBe("0.1");
    expect(call("string", [1, "a"])).toBe('[1,"a"]');
    expect(call("string", new BinaryValue(new TextEncoder().encode("hé")))).toBe("hé");
    expect(call("string", new XmlValue("<a />"))).toBe("<a />");
    expect(evaluate("@string(2.5)")).toBe("2.5");
  });
});

describe("json", () => {
  it("parses integers as integers and numbers with a point or exponent as floats", () => {
    expect(call("json", '{"a": 7.0, "b": 7, "c": 1e2, "d": -0.5}')).toEqual({
      a: new FloatValue(7),
      b: 7,
      c: new FloatValue(100),
      d: -0.5,
    });
    expect(evaluate("@div(json('7.0'), 2)")).toBe(3.5);
    expect(evaluate("@div(json('7'), 2)")).toBe(3);
    expect(call("json", "123456789012345678901")).toBe(123456789012345678901n);
  });

  it("parses scalars, nesting and escapes", () => {
    expect(call("json", "true")).toBe(true);
    expect(call("json", "null")).toBe(null);
    expect(call("json", '"a\\u00e9\\n"')).toBe("aé\n");
    expect(call("json", ' { "a" : [ { "b" : [ ] } , { } ] } ')).toEqual({ a: [{ b: [] }, {}] });
  });

  it("accepts single quotes and unquoted names as JSON.NET does; later duplicates win", () => {
    expect(call("json", "{name: 'x', 'k': 1}")).toEqual({ name: "x", k: 1 });
    expect(call("json", '{"a": 1, "a": 2}')).toEqual({ a: 2 });
  });

  it("keeps a __proto__ key as data", () => {
    const result = call("json", '{"__proto__": {"x": 1}}') as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it("returns an empty object for null, as documented", () => {
    expect(call("json", null)).toEqual({});
  });

  it("reads binary content as UTF-8 JSON", () => {
    expect(evaluate("@json(binary('[1,2,3]'))")).toEqual([1, 2, 3]);
  });

  it("reports malformed JSON with ExpressionBadJson and the position", () => {
    for (const bad of ["", "{", "[1,]", "{'a' 1}", "tru", "1 2", '"abc', "{,}", "01", '"\\x"']) {
      expect(callError("json", bad), bad).toBe("ExpressionBadJson");
    }
    expect(() => call("json", "[1, 2")).toThrow(/character 6/);
  });

  it("rejects numbers, arrays and objects with ExpressionArgumentType", () => {
    expect(callError("json", 1)).toBe("ExpressionArgumentType");
    expect(callError("json", { a: 1 })).toBe("ExpressionArgumentType");
  });
});
