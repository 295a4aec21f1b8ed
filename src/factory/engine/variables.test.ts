import { describe, expect, it } from "vitest";
import type { VariableSpec } from "../model/pipeline.js";
import { pipelineReturnValue, setsReturnValue } from "./return-value.js";
import { appendVariable, initVariables, setVariable } from "./variables.js";

const specs: Record<string, VariableSpec> = {
  name: { type: "String", defaultValue: "x" },
  done: { type: "Boolean" },
  list: { type: "Array" },
  count: { type: "Integer", defaultValue: 0 },
};

describe("variables", () => {
  it("start from defaultValue, [] for an Array without one, null otherwise", () => {
    expect(initVariables(specs)).toEqual({ name: "x", done: null, list: [], count: 0 });
  });

  it("reject a default of the wrong type and an unknown type", () => {
    expect(() => initVariables({ v: { type: "String", defaultValue: 1 } })).toThrow(
      /'v' is String.*integer/,
    );
    expect(() => initVariables({ v: { type: "Float" as "String" } })).toThrow(
      /allowed: String, Bool/,
    );
  });

  it("Set Variable sets a value of the declared type and outputs { name, value }", () => {
    const result = setVariable("Set1", specs, initVariables(specs), "NAME", "y");
    expect(result).toEqual({
      ok: true,
      variables: { name: "y", done: null, list: [], count: 0 },
      output: { name: "name", value: "y" },
    });
  });

  it("Set Variable fails the activity on a wrong type, with ADF's wording", () => {
    const result = setVariable("Set1", specs, {}, "name", [1]);
    expect(result).toMatchObject({
      ok: false,
      error: { errorCode: "InvalidVariableType", target: "Set1" },
    });
    if (!result.ok) {
      expect(result.error.message).toBe(
        "The variable 'name' of type 'String' cannot be initialized or updated with value of type 'array'. The variable 'name' only supports values of types 'String'.",
      );
    }
    expect(setVariable("Set1", specs, {}, "count", 1.5).ok).toBe(false);
    expect(setVariable("Set1", specs, {}, "done", true).ok).toBe(true);
  });

  it("Set Variable on an undeclared variable fails, listing the declared ones", () => {
    const result = setVariable("Set1", specs, {}, "ghost", "v");
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toContain("declared variables: name, done, list, count");
  });

  it("Append Variable appends any value to an Array variable only", () => {
    const start = initVariables(specs);
    const once = appendVariable("Append1", specs, start, "list", { a: 1 });
    expect(once).toMatchObject({ ok: true, output: {} });
    if (!once.ok) return;
    const twice = appendVariable("Append1", specs, once.variables, "list", 2);
    expect(twice.ok && twice.variables.list).toEqual([{ a: 1 }, 2]);
    expect(start.list).toEqual([]);
    expect(appendVariable("Append1", specs, start, "name", "z")).toMatchObject({
      ok: false,
      error: { errorCode: "InvalidVariableType" },
    });
  });
});

describe("pipeline return value", () => {
  it("recognises Set Variable activities that set it", () => {
    expect(setsReturnValue({ variableName: "pipelineReturnValue", setSystemVariable: true })).toBe(
      true,
    );
    expect(setsReturnValue({ variableName: "x" })).toBe(false);
  });

  it("turns ADF's typed key/value entries into the object the parent reads", () => {
    const entries = [
      { key: "s", value: { type: "String", content: "hello" } },
      { key: "e", value: { type: "Expression", content: "@pipeline().RunId" } },
      { key: "a", value: { type: "Array", content: [{ type: "String", content: "x" }, "y"] } },
      { key: "b", value: { type: "Boolean", content: true } },
      { key: "n", value: { type: "Null" } },
      { key: "i", value: { type: "Int", content: 42 } },
      { key: "f", value: { type: "Float", content: 2.71828 } },
      {
        key: "o",
        value: { type: "Object", content: [{ key: "k", value: { type: "String", content: "v" } }] },
      },
    ];
    const evaluated: string[] = [];
    const value = pipelineReturnValue(entries, (text) => {
      evaluated.push(text);
      return "run-1";
    });
    expect(value).toEqual({
      s: "hello",
      e: "run-1",
      a: ["x", "y"],
      b: true,
      n: null,
      i: 42,
      f: 2.71828,
      o: { k: "v" },
    });
    expect(evaluated).toEqual(["@pipeline().RunId"]);
  });

  it("rejects malformed entries naming the key", () => {
    expect(() => pipelineReturnValue("nope", () => null)).toThrow(/list of \{ key/);
    expect(() => pipelineReturnValue([{ key: "k", value: { type: "Date" } }], () => null)).toThrow(
      /'k'/,
    );
  });
});
