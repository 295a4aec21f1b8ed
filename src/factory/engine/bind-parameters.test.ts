import { describe, expect, it } from "vitest";
import { isSluiceError } from "../../core/index.js";
import { bindParameters } from "./bind-parameters.js";

describe("bindParameters", () => {
  it("uses given values, then defaults; names match case-insensitively; extra names are ignored", () => {
    const bound = bindParameters(
      {
        Folder: { type: "String" },
        count: { type: "int" as "Int", defaultValue: 3 },
        flags: { type: "Array", defaultValue: [] },
      },
      { folder: "in/", unknownOne: 1 },
    );
    expect(bound.values).toEqual({ Folder: "in/", count: 3, flags: [] });
    expect(bound.ignored).toEqual(["unknownOne"]);
  });

  it("reports every missing or mistyped parameter at once, with a stable code", () => {
    let caught: unknown;
    try {
      bindParameters(
        { a: { type: "String" }, b: { type: "Int" }, c: { type: "Bool" }, d: { type: "Object" } },
        { b: 1.5, c: "yes", d: [1] },
        { owner: "pipeline 'Load'" },
      );
    } catch (error) {
      caught = error;
    }
    expect(isSluiceError(caught, "PipelineParameterInvalid")).toBe(true);
    const message = (caught as Error).message;
    expect(message).toContain("Parameters of pipeline 'Load' are not valid");
    expect(message).toContain("parameter 'a' (String) is required");
    expect(message).toContain("parameter 'b' is Int, but its value 1.5 is float");
    expect(message).toContain(`parameter 'c' is Bool, but its value "yes" is string`);
    expect(message).toContain("parameter 'd' is Object, but its value [1] is array");
  });

  it("fits values as ADF passes them: numbers and booleans become text for String parameters", () => {
    const bound = bindParameters(
      {
        s: { type: "String" },
        t: { type: "String" },
        i: { type: "Int" },
        f: { type: "Float" },
        b: { type: "Bool" },
      },
      { s: 5, t: true, i: "42", f: "2.5", b: "TRUE" },
    );
    expect(bound.values).toEqual({ s: "5", t: "True", i: 42, f: 2.5, b: true });
  });

  it("keeps text given for Array/Object as text (ADF's Execute Pipeline behaviour), parses it from a command line", () => {
    const spec = { list: { type: "Array" as const } };
    expect(bindParameters(spec, { list: '["a"]' }).values.list).toBe('["a"]');
    expect(bindParameters(spec, { list: '["a"]' }, { fromText: true }).values.list).toEqual(["a"]);
    expect(() => bindParameters(spec, { list: '{"a":1}' }, { fromText: true })).toThrow(/is Array/);
  });

  it("a default is a literal (expressions in defaults are not evaluated); null fits any type", () => {
    const bound = bindParameters(
      {
        when: { type: "String", defaultValue: "@utcnow()" },
        n: { type: "Int", defaultValue: null },
      },
      {},
    );
    expect(bound.values).toEqual({ when: "@utcnow()", n: null });
  });

  it("checks defaults too, and unknown declared types", () => {
    expect(() => bindParameters({ n: { type: "Int", defaultValue: "x" } }, {})).toThrow(
      /its default value "x"/,
    );
    expect(() => bindParameters({ n: { type: "Number" as "Int" } }, {})).toThrow(
      /allowed: String, Int, Float/,
    );
  });

  it("names SecureString parameters for masking", () => {
    const bound = bindParameters(
      { key: { type: "SecureString" }, user: { type: "String" } },
      { key: "s3cret", user: "u" },
    );
    expect(bound.secure).toEqual(["key"]);
    expect(bound.values.key).toBe("s3cret");
  });

  it("a pipeline without parameters binds to nothing", () => {
    expect(bindParameters(undefined, undefined)).toEqual({ values: {}, ignored: [], secure: [] });
  });
});
