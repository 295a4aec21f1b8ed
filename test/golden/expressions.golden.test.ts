import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/expressions/index.js";
import { expressionCases, type GoldenCase } from "./expression-cases.js";

/** A readable, bounded test title: the expression (shortened) and the doc section. */
function title(row: GoldenCase, index: number): string {
  const text =
    row.expression.length > 110
      ? `${row.expression.slice(0, 100)}... (${row.expression.length} chars)`
      : row.expression;
  return `#${index + 1} ${JSON.stringify(text)} [${row.source}]`;
}

function errorCodeOf(error: unknown): unknown {
  return typeof error === "object" && error !== null
    ? (error as { code?: unknown }).code
    : undefined;
}

describe("golden expression cases from Microsoft's documentation", () => {
  it("has at least 260 rows, each citing its source and saying what to expect", () => {
    expect(expressionCases.length).toBeGreaterThanOrEqual(260);
    for (const row of expressionCases) {
      expect(row.source, row.expression).toMatch(/\.md(#[a-z0-9-]+)?$/);
      const outcomes = [
        "expected" in row,
        row.errorCode !== undefined,
        row.check !== undefined,
      ].filter(Boolean);
      expect(outcomes, row.expression).toHaveLength(1);
    }
  });

  it.each(expressionCases.map((row, index) => [title(row, index), row] as const))(
    "%s",
    (_title, row) => {
      if (row.errorCode !== undefined) {
        let thrown: unknown;
        let result: unknown;
        try {
          result = evaluate(row.expression, row.scope);
        } catch (error) {
          thrown = error;
        }
        expect(
          thrown,
          `expected error ${row.errorCode}, got result ${JSON.stringify(result)}`,
        ).toBeDefined();
        expect(errorCodeOf(thrown), String(thrown)).toBe(row.errorCode);
        return;
      }
      const result = evaluate(row.expression, row.scope);
      if (row.check) {
        expect(
          row.check(result),
          `${row.checkDescription ?? "check"}; got ${JSON.stringify(result)}`,
        ).toBe(true);
        return;
      }
      expect(result).toEqual(row.expected);
    },
  );
});
