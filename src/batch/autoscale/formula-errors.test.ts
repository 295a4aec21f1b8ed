// Bad formulas give Batch's error codes with the line and column (batch-automatic-scaling.md:
// "The formula string cannot exceed 8 KB, can include up to 100 statements").
import { describe, expect, it } from "vitest";
import { isBatchError } from "../batch-error.js";
import { compileFormula, maxFormulaLength } from "./index.js";

function refusal(formula: string) {
  try {
    compileFormula(formula);
  } catch (error) {
    if (isBatchError(error))
      return { code: error.batchCode, values: error.values, message: error.message };
    throw error;
  }
  throw new Error(`expected '${formula}' to be refused`);
}

describe("syntax errors", () => {
  it.each([
    [
      "$TargetDedicatedNodes = ;",
      1,
      25,
      "expected a number, string, variable, function call or '(' but found ';'",
    ],
    ["$a = 1;\n$b = (2 + 3;", 2, 12, "expected ')' to close '(' but found ';'"],
    ["$a = 1 $b = 2;", 1, 8, "expected ';' between statements but found '$b'"],
    ["$a = 1 ? 2;", 1, 11, "expected ':' in a conditional ('test ? a : b') but found ';'"],
    ["$a = max(1, 2;", 1, 14, "expected ')' to close the argument list but found ';'"],
    ["$a = 3 # 4;", 1, 8, "unexpected character '#'"],
    ['$a = time("2024;', 1, 11, "the string is not closed"],
    ["$a = 1; /* never closed", 1, 9, "the comment is not closed ('*/')"],
    ["$a = $PendingTasks.;", 1, 20, "expected a member or method name after '.' but found ';'"],
    ["   // only a comment\n", 1, 1, "the formula has no statement"],
    ["$ = 2;", 1, 1, "'$' must be followed by a variable name"],
  ])("%j at line %i, col %i", (formula, line, column, problem) => {
    const error = refusal(formula);
    expect(error.code).toBe("AutoScalingFormulaSyntaxError");
    expect(error.values).toMatchObject({
      Message: `Line ${line}, Col ${column}: ${problem}`,
      Line: String(line),
      Column: String(column),
    });
    expect(error.message).toContain(`Line ${line}, Col ${column}`);
  });
});

describe("unknown names, read-only variables and type errors", () => {
  it.each([
    [
      "$a = $NoSuchMetric;",
      1,
      6,
      "UnknownVariable",
      "'$NoSuchMetric' is not a service-defined variable",
    ],
    [
      "$a = b + 1;\nb = 2;",
      1,
      6,
      "UnknownVariable",
      "'b' has not been assigned before this statement",
    ],
    ["$a = average(1, 2);", 1, 6, "UnknownFunction", "'average' is not a function"],
    [
      "$a = $PendingTasks.GetSamples(1);",
      1,
      20,
      "UnknownMethod",
      "'GetSamples' is not a sample method",
    ],
    ["$a = time().hours;", 1, 13, "UnknownMember", "a timestamp has no member 'hours'"],
    ["$a = rand(1);", 1, 6, "ArgumentCount", "rand takes 0 arguments, not 1"],
    [
      "$a = $PendingTasks.GetSample();",
      1,
      20,
      "ArgumentCount",
      "GetSample takes 1 to 3 arguments, not 0",
    ],
    ["$PendingTasks = 3;", 1, 1, "ReadOnlyVariable", "'$PendingTasks' is read-only"],
    ["$CurrentDedicatedNodes = 3;", 1, 1, "ReadOnlyVariable", "is read-only"],
    [
      '$a = 1 + "two";',
      1,
      8,
      "TypeMismatch",
      "the operator '+' cannot be applied to double and string",
    ],
    [
      "$a = time() + time();",
      1,
      13,
      "TypeMismatch",
      "cannot be applied to timestamp and timestamp",
    ],
    ["$a = TimeInterval_Hour - 1;", 1, 24, "TypeMismatch", "timeinterval and double"],
    ["$a = 2 / TimeInterval_Hour;", 1, 8, "TypeMismatch", "double and timeinterval"],
    ["$a = -time();", 1, 6, "TypeMismatch", "the operator '-' cannot be applied to timestamp"],
    ["$a = $PendingTasks + 1;", 1, 20, "TypeMismatch", "samples and double"],
    ["$a = $PendingTasks.GetSample(1) > 2;", 1, 33, "TypeMismatch", "doubleVec and double"],
    ["$a = avg(time());", 1, 6, "TypeMismatch", "avg: argument 1 is timestamp"],
    ["$a = time(5);", 1, 6, "TypeMismatch", "time: argument 1 is double; expected string"],
    [
      "$TargetDedicatedNodes = TimeInterval_Hour;",
      1,
      1,
      "TypeMismatch",
      "must be a double, not timeinterval",
    ],
    [
      '$NodeDeallocationOption = "later";',
      1,
      27,
      "InvalidValue",
      "'later' is not a node deallocation option",
    ],
    ['$a = "x" ? 1 : 2;', 1, 6, "TypeMismatch", "a condition must be a double, not string"],
    ["$a = 3; $b = $a.GetSample(1);", 1, 17, "TypeMismatch", "not of double"],
  ])("%j at line %i, col %i: %s", (formula, line, column, reason, problem) => {
    const error = refusal(formula);
    expect(error.code).toBe("InvalidAutoScalingSettings");
    expect(error.values.Reason).toBe(reason);
    expect(error.values.Message).toMatch(new RegExp(`^Line ${line}, Col ${column}: `));
    expect(error.values.Message).toContain(problem);
  });
});

describe("limits", () => {
  it("refuses a formula over 8 KB", () => {
    const formula = `$a = 1;${" ".repeat(maxFormulaLength)}`;
    const error = refusal(formula);
    expect(error.code).toBe("AutoScalingFormulaTooLong");
    expect(error.values.Message).toContain(
      `the formula has ${formula.length} characters; at most 8192`,
    );
  });

  it("accepts exactly 8,192 characters and 100 statements", () => {
    const statements = Array.from({ length: 100 }, (_, i) => `v${i} = ${i};`).join("");
    expect(() => compileFormula(statements.padEnd(maxFormulaLength, " "))).not.toThrow();
  });

  it("refuses a 101st statement at its position", () => {
    const statements = Array.from({ length: 101 }, (_, i) => `v${i}=${i};`).join("\n");
    const error = refusal(statements);
    expect(error.code).toBe("AutoScalingFormulaTooLong");
    expect(error.values.Message).toBe("Line 101, Col 1: the formula has more than 100 statements");
  });

  it("empty statements do not count", () => {
    expect(() => compileFormula(`${";".repeat(300)}$TargetDedicatedNodes = 1;;`)).not.toThrow();
  });
});

describe("what the checker leaves to the run", () => {
  it("accepts a variable whose type depends on a branch", () => {
    expect(() => compileFormula("$x = rand() > 0.5 ? 1 : time(); $y = $x;")).not.toThrow();
  });

  it("accepts comments, line breaks, case-insensitive service names and aliases", () => {
    expect(() =>
      compileFormula(
        "/* block */ $targetdedicated = $currentDedicated; // line\n$TargetLowPriority = $TASKSLOTSPERNODE;",
      ),
    ).not.toThrow();
  });
});
