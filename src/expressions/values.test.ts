import { describe, expect, it } from "vitest";
import { valuesEqual } from "./value-equality.js";
import { toPlainValue } from "./value-output.js";
import { formatDouble, toJsonText, toText } from "./value-text.js";
import {
  BinaryValue,
  FloatValue,
  XmlValue,
  getProperty,
  kindOf,
  makeFloat,
  makeInteger,
} from "./values.js";

describe("kindOf", () => {
  it("maps JavaScript values to ADF types", () => {
    expect(
      [null, undefined, true, 1, 1.5, 2n ** 70n, new FloatValue(7), "s", [], {}].map(kindOf),
    ).toEqual([
      "null",
      "null",
      "boolean",
      "integer",
      "float",
      "integer",
      "float",
      "string",
      "array",
      "object",
    ]);
    expect(kindOf(new BinaryValue(new Uint8Array()))).toBe("binary");
    expect(kindOf(new XmlValue("<a/>"))).toBe("xml");
  });

  it("keeps integers as numbers while safe and floats boxed when integral", () => {
    expect(makeInteger(2n ** 40n)).toBe(2 ** 40);
    expect(makeInteger(2n ** 60n)).toBe(2n ** 60n);
    expect(makeFloat(3)).toEqual(new FloatValue(3));
    expect(makeFloat(3.5)).toBe(3.5);
  });
});

describe("formatDouble (as .NET prints doubles)", () => {
  it.each([
    [1.5, "1.5"],
    [-0.25, "-0.25"],
    [7, "7"],
    [0.1 + 0.2, "0.30000000000000004"],
    [1e14, "100000000000000"],
    [1e15, "1E+15"],
    [1.5e20, "1.5E+20"],
    [0.0001, "0.0001"],
    [0.00001, "1E-05"],
    [-1.25e-7, "-1.25E-07"],
    [123456.789, "123456.789"],
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    [-Infinity, "-Infinity"],
  ])("%d -> %s", (value, text) => {
    expect(formatDouble(value)).toBe(text);
  });
});

describe("toText (ADF's string conversion)", () => {
  it("converts each type as ADF does", () => {
    expect(toText(null)).toBe("");
    expect(toText(true)).toBe("True");
    expect(toText(false)).toBe("False");
    expect(toText(42)).toBe("42");
    expect(toText(2n ** 70n)).toBe("1180591620717411303424");
    expect(toText(new FloatValue(7))).toBe("7");
    expect(toText(10.333)).toBe("10.333");
    expect(toText([1, "a", null, true])).toBe('[1,"a",null,true]');
    expect(toText({ name: "Sophie Owen", n: new FloatValue(2) })).toBe(
      '{"name":"Sophie Owen","n":2.0}',
    );
    expect(toText(new BinaryValue(new TextEncoder().encode("hello")))).toBe("hello");
  });

  it("writes JSON with floats kept as floats and strings escaped", () => {
    expect(toJsonText({ a: 'q"uote', b: [1.5, new FloatValue(3)], c: undefined })).toBe(
      '{"a":"q\\"uote","b":[1.5,3.0]}',
    );
  });
});

describe("valuesEqual", () => {
  it("compares numbers by value across integer and float", () => {
    expect(valuesEqual(1, new FloatValue(1))).toBe(true);
    expect(valuesEqual(1, 1.5)).toBe(false);
    expect(valuesEqual(2n ** 60n, 2n ** 60n)).toBe(true);
  });

  it("compares strings exactly and containers deeply", () => {
    expect(valuesEqual("abc", "abc")).toBe(true);
    expect(valuesEqual("abc", "ABC")).toBe(false);
    expect(valuesEqual([1, { a: [2] }], [1, { a: [2] }])).toBe(true);
    expect(valuesEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(valuesEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(valuesEqual(null, undefined)).toBe(true);
    expect(valuesEqual(null, "")).toBe(false);
    expect(valuesEqual("1", 1)).toBe(false);
  });
});

describe("toPlainValue", () => {
  it("unboxes floats, big integers, binary and XML deeply, and returns plain input unchanged", () => {
    const plain = { a: [1, "x"], b: { c: null } };
    expect(toPlainValue(plain)).toBe(plain);
    expect(toPlainValue({ a: [new FloatValue(7)], big: 2n ** 60n })).toEqual({
      a: [7],
      big: 2 ** 60,
    });
    expect(toPlainValue(new BinaryValue(new TextEncoder().encode("hello")))).toEqual({
      "$content-type": "application/octet-stream",
      $content: "aGVsbG8=",
    });
    expect(toPlainValue(new XmlValue("<a/>"))).toBe("<a/>");
  });
});

describe("getProperty", () => {
  it("prefers an exact match, then matches case-insensitively", () => {
    expect(getProperty({ Name: 1, name: 2 }, "name")).toBe(2);
    expect(getProperty({ Name: 1 }, "NAME")).toBe(1);
    expect(getProperty({ Name: 1 }, "other")).toBeUndefined();
  });
});
