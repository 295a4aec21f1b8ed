import { describe, expect, it } from "vitest";
import {
  ExpressionError,
  evaluate,
  evaluateToJson,
  evaluateValue,
  parseExpression,
  resolveExpressions,
} from "./index.js";
import { FloatValue } from "./values.js";

const scope = {
  parameters: {
    n: 42,
    s: "foo",
    f: 1.5,
    obj: { a: [1, 2, { b: "x" }], "key with space": true },
    nothing: null,
  },
  globalParameters: { env: "prod" },
  variables: { counter: 3, list: ["a", "b"] },
  activities: { Lookup1: { output: { firstRow: { Id: 7 }, count: 1 }, status: "Succeeded" } },
  pipeline: { RunId: "r1", Pipeline: "p1", DataFactory: "f1" },
  item: { name: "f.csv" },
  dataset: { path: "in/x" },
  linkedService: { host: "h" },
  trigger: {
    scheduledTime: "2024-01-01T00:00:00Z",
    outputs: { windowStartTime: "2024-01-01T00:00:00Z" },
  },
  triggerBody: { fileName: "a.csv", folderPath: "c/d" },
};

function errorOf(expression: string, s: object = scope): ExpressionError {
  try {
    evaluate(expression, s);
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error(`expected ${expression} to fail`);
}

describe("string values (the JSON layer)", () => {
  it.each([
    ["parameters", "parameters"],
    ["parameters[1]", "parameters[1]"],
    ["@@", "@"],
    ["@", "@"],
    [" @", " @"],
    ["@@pipeline()", "@pipeline()"],
    ["user@example.com", "user@example.com"],
    ["", ""],
  ])("%j is literal text %j", (text, expected) => {
    expect(evaluate(text, scope)).toBe(expected);
  });

  it("a whole-value expression keeps its type; interpolation always gives a string", () => {
    expect(evaluate("@pipeline().parameters.s", scope)).toBe("foo");
    expect(evaluate("@{pipeline().parameters.s}", scope)).toBe("foo");
    expect(evaluate("@pipeline().parameters.n", scope)).toBe(42);
    expect(evaluate("@{pipeline().parameters.n}", scope)).toBe("42");
    expect(evaluate("Answer is: @{pipeline().parameters.n}", scope)).toBe("Answer is: 42");
    expect(evaluate("Answer is: @@{pipeline().parameters.n}", scope)).toBe(
      "Answer is: @{pipeline().parameters.n}",
    );
    expect(evaluate("@{pipeline().parameters.n}-@{pipeline().parameters.s}!", scope)).toBe(
      "42-foo!",
    );
    expect(evaluate("a @{pipeline().parameters.nothing} b", scope)).toBe("a  b");
    expect(evaluate("@{pipeline().parameters.obj.a}", scope)).toBe('[1,2,{"b":"x"}]');
  });

  it("interpolation ignores a closing brace inside a string literal", () => {
    expect(evaluate("x@{'}'}y", scope)).toBe("x}y");
  });
});

describe("literals", () => {
  it("reads strings with '' escapes, numbers, booleans and null", () => {
    expect(evaluate("@'it''s'", scope)).toBe("it's");
    expect(evaluate("@''", scope)).toBe("");
    expect(evaluate("@12", scope)).toBe(12);
    expect(evaluate("@-12", scope)).toBe(-12);
    expect(evaluate("@1.25", scope)).toBe(1.25);
    expect(evaluate("@-0.5", scope)).toBe(-0.5);
    expect(evaluate("@.3", scope)).toBe(0.3);
    expect(evaluate("@-.25", scope)).toBe(-0.25);
    expect(evaluateToJson("@+1.", scope)).toBe("1.0");
    expect(evaluate("@{+1.}", scope)).toBe("1");
    expect(evaluate("@true", scope)).toBe(true);
    expect(evaluate("@False", scope)).toBe(false);
    expect(evaluate("@null", scope)).toBe(null);
  });

  it("keeps 7.0 a float and big integers exact", () => {
    expect(evaluateValue("@7.0", scope)).toEqual(new FloatValue(7));
    expect(evaluateToJson("@7.0", scope)).toBe("7.0");
    expect(evaluateToJson("@123456789012345678901", scope)).toBe("123456789012345678901");
  });
});

describe("member access and indexers", () => {
  it("reads nested properties and array items", () => {
    expect(evaluate("@pipeline().parameters.obj.a[2]['b']", scope)).toBe("x");
    expect(evaluate("@pipeline().parameters.obj['key with space']", scope)).toBe(true);
    expect(evaluate("@pipeline().parameters.obj.a[pipeline().parameters.obj.a[0]]", scope)).toBe(2);
    expect(evaluate("@activity('Lookup1').output.firstRow.Id", scope)).toBe(7);
    expect(evaluate("@activity('Lookup1').status", scope)).toBe("Succeeded");
  });

  it("matches property, parameter, variable, activity and function names case-insensitively", () => {
    expect(evaluate("@PIPELINE().Parameters.S", scope)).toBe("foo");
    expect(evaluate("@pipeline().runid", scope)).toBe("r1");
    expect(evaluate("@variables('COUNTER')", scope)).toBe(3);
    expect(evaluate("@activity('lookup1').output.FIRSTROW.id", scope)).toBe(7);
  });

  it("null-safe ?. and ?[ give null for null or missing values", () => {
    expect(evaluate("@pipeline()?.TriggeredByPipelineName", scope)).toBe(null);
    expect(evaluate("@pipeline().parameters.nothing?.x", scope)).toBe(null);
    expect(evaluate("@pipeline().parameters.nothing?['x']", scope)).toBe(null);
    expect(evaluate("@pipeline().parameters.obj?.missing?.deeper", scope)).toBe(null);
    expect(evaluate("@pipeline().parameters.obj.a?[9]", scope)).toBe(null);
  });

  it("reads every accessor from the scope", () => {
    expect(evaluate("@pipeline().globalParameters.env", scope)).toBe("prod");
    expect(evaluate("@pipeline().DataFactory", scope)).toBe("f1");
    expect(evaluate("@item().name", scope)).toBe("f.csv");
    expect(evaluate("@dataset().path", scope)).toBe("in/x");
    expect(evaluate("@linkedService().host", scope)).toBe("h");
    expect(evaluate("@trigger().outputs.windowStartTime", scope)).toBe("2024-01-01T00:00:00Z");
    expect(evaluate("@triggerBody().folderPath", scope)).toBe("c/d");
    expect(evaluate("@variables('list')[1]", scope)).toBe("b");
  });
});

describe("errors carry a code and the position of the offending token", () => {
  it.each([
    ["@pipeline().parameters.nope", "ExpressionMissingParameter", 1, 24],
    ["@pipeline().globalParameters.nope", "ExpressionMissingParameter", 1, 30],
    ["@dataset().nope", "ExpressionMissingParameter", 1, 12],
    ["@variables('nope')", "ExpressionMissingVariable", 1, 2],
    ["@activity('nope').output", "ExpressionMissingActivity", 1, 2],
    ["@pipeline().parameters.obj.nope", "ExpressionMissingProperty", 1, 28],
    ["@pipeline().parameters.nothing.x", "ExpressionNullAccess", 1, 32],
    ["@pipeline().parameters.obj.a[5]", "ExpressionIndexOutOfRange", 1, 29],
    ["@pipeline().parameters.obj.a[-1]", "ExpressionIndexOutOfRange", 1, 29],
    ["@pipeline().parameters.obj.a['x']", "ExpressionArgumentType", 1, 29],
    ["@pipeline().parameters.s.length", "ExpressionArgumentType", 1, 26],
    ["@fooBar(1)", "ExpressionUnknownFunction", 1, 2],
    ["@variables()", "ExpressionArgumentCount", 1, 2],
    ["@item(1)", "ExpressionArgumentCount", 1, 2],
    ["@concat('a'", "ExpressionSyntax", 1, 12],
    ["@concat('a',)", "ExpressionSyntax", 1, 13],
    ["@'abc", "ExpressionSyntax", 1, 2],
    ["@pipeline().", "ExpressionSyntax", 1, 13],
    ["@pipeline() x", "ExpressionSyntax", 1, 13],
    ["@abc", "ExpressionSyntax", 1, 2],
    ["@#", "ExpressionSyntax", 1, 2],
    ["text @{pipeline().parameters.s", "ExpressionSyntax", 1, 31],
    ["line one\n@{pipeline().parameters.zz}", "ExpressionMissingParameter", 2, 25],
  ])("%j fails with %s at %i:%i", (expression, code, line, column) => {
    const error = errorOf(expression);
    expect(error.code).toBe(code);
    expect(error.position).toMatchObject({ line, column });
    expect(error.message).toContain(`(at ${line}:${column})`);
  });

  it("accessors without a value in this scope say where they work", () => {
    expect(errorOf("@item()", {}).code).toBe("ExpressionNoScope");
    expect(errorOf("@trigger().startTime", {}).message).toMatch(/trigger\(\) has no value here/);
    expect(errorOf("@triggerBody()", {}).code).toBe("ExpressionNoScope");
  });

  it("rejects expressions over ADF's 8,192 characters", () => {
    expect(errorOf(`@concat('${"x".repeat(8200)}')`).code).toBe("ExpressionTooLong");
  });

  it("parseExpression validates without evaluating", () => {
    expect(parseExpression("@pipeline().parameters.whatever").kind).toBe("expression");
    expect(parseExpression("plain").kind).toBe("text");
    expect(() => parseExpression("@nope()")).toThrow(ExpressionError);
  });
});

describe("short-circuit evaluation", () => {
  it("if, and, or and coalesce evaluate only the arguments they need", () => {
    expect(evaluate("@if(true, 1, int('x'))", scope)).toBe(1);
    expect(evaluate("@if(false, int('x'), 2)", scope)).toBe(2);
    expect(evaluate("@and(false, int('x'))", scope)).toBe(false);
    expect(evaluate("@or(true, int('x'))", scope)).toBe(true);
    expect(evaluate("@coalesce(null, 'hi', int('x'))", scope)).toBe("hi");
    expect(evaluate("@coalesce(null, null)", scope)).toBe(null);
  });

  it("still checks the arguments it evaluates", () => {
    expect(errorOf("@and(true, 'x')").code).toBe("ExpressionArgumentType");
    expect(errorOf("@or(false, int('x'))").code).toBe("ExpressionArgumentValue");
    expect(errorOf("@if('yes', 1, 2)").code).toBe("ExpressionArgumentType");
  });
});

describe("the clock", () => {
  it("reads scope.now to 100 ns, as UTC when it has no zone, converting offsets", () => {
    expect(evaluate("@utcNow()", { now: "2023-11-24T12:11:54.7531321Z" })).toBe(
      "2023-11-24T12:11:54.7531321Z",
    );
    expect(evaluate("@utcNow()", { now: "2018-04-15T13:00:00" })).toBe(
      "2018-04-15T13:00:00.0000000Z",
    );
    expect(evaluate("@utcNow()", { now: "2018-04-15T13:00:00+02:00" })).toBe(
      "2018-04-15T11:00:00.0000000Z",
    );
    expect(evaluate("@utcNow()", { now: new Date("2018-04-15T13:00:00.5Z") })).toBe(
      "2018-04-15T13:00:00.5000000Z",
    );
  });

  it("uses the injected clock when the scope has no now, and rejects a bad now", () => {
    const clock = { now: () => Date.UTC(2030, 0, 2, 3, 4, 5) };
    expect(evaluate("@utcNow('yyyy-MM-dd HH:mm:ss')", {}, { clock })).toBe("2030-01-02 03:04:05");
    expect(() => evaluate("@utcNow()", { now: "not a date" })).toThrow(
      /scope.now must be an ISO 8601/,
    );
  });
});

describe("resolveExpressions", () => {
  it("evaluates every string and Expression object inside a definition", () => {
    const definition = {
      folderPath: "@dataset().path",
      fileName: { value: "@concat(item().name, '.gz')", type: "Expression" },
      nested: [{ x: "n=@{pipeline().parameters.n}" }, 5, true, null],
    };
    expect(resolveExpressions(definition, scope)).toEqual({
      folderPath: "in/x",
      fileName: "f.csv.gz",
      nested: [{ x: "n=42" }, 5, true, null],
    });
  });
});

describe("resolveExpressions and SecureString values", () => {
  it("keeps a SecureString's value literal, even when it starts with @", () => {
    const json = {
      password: { type: "SecureString", value: "@not-an-expression" },
      user: "@concat('a','b')",
    };
    expect(resolveExpressions(json)).toEqual({
      password: { type: "SecureString", value: "@not-an-expression" },
      user: "ab",
    });
  });
});
