import { describe, expect, it } from "vitest";
import { isSluiceError } from "../core/index.js";
import { encodeContinuationToken } from "./page.js";
import { pipelineRunQuerySpec } from "./pipeline-run-query.js";
import { filterValue, planRunQuery } from "./run-query.js";
import { queryResumeKey, tokenValues } from "./run-query-token.js";

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (isSluiceError(error)) return error.code;
    throw error;
  }
  return "none";
}

describe("run queries", () => {
  it("converts filter values to what the columns hold", () => {
    const spec = pipelineRunQuerySpec.operands;
    expect(filterValue(spec.PipelineName, "Copy_Sales", "f", "q")).toBe("copy_sales");
    expect(filterValue(spec.Status, "inprogress", "f", "q")).toBe("InProgress");
    expect(filterValue(spec.RunStart, "2026-01-01T00:00:01Z", "f", "q")).toBe(
      Date.UTC(2026, 0, 1, 0, 0, 1),
    );
    expect(filterValue(spec.LatestOnly, "TRUE", "f", "q")).toBe(1);
    expect(codeOf(() => filterValue(spec.Status, "Running", "f", "q"))).toBe("InvalidArgument");
    expect(codeOf(() => filterValue(spec.RunEnd, "soon", "f", "q"))).toBe("InvalidArgument");
  });

  it("plans one condition per filter and bound, and ends every order with creation order", () => {
    const plan = planRunQuery(pipelineRunQuerySpec, {
      lastUpdatedAfter: 1,
      lastUpdatedBefore: 2,
      filters: [{ operand: "Status", operator: "In", values: ["Queued"] }],
      orderBy: [{ orderBy: "PipelineName", order: "DESC" }],
      maxResults: 10,
    });
    expect(plan.conditions).toHaveLength(3);
    expect(plan.order.map((key) => key.direction)).toEqual(["desc", "asc"]);
    expect(plan.size).toBe(10);
  });

  it("accepts a token only for the order it was made for", () => {
    const key = queryResumeKey("queryPipelineRuns|RunStart:DESC", [5, 7]);
    const token = encodeContinuationToken(key);
    expect(tokenValues(token, "queryPipelineRuns|RunStart:DESC", 2)).toEqual([5, 7]);
    expect(codeOf(() => tokenValues(token, "queryPipelineRuns|RunEnd:DESC", 2))).toBe(
      "InvalidArgument",
    );
    expect(codeOf(() => tokenValues(token, "queryPipelineRuns|RunStart:DESC", 3))).toBe(
      "InvalidArgument",
    );
    expect(codeOf(() => tokenValues(encodeContinuationToken("[1]"), "x", 1))).toBe(
      "InvalidArgument",
    );
  });

  it("refuses repeated order fields and bad time bounds", () => {
    const twice = [
      { orderBy: "Status", order: "ASC" },
      { orderBy: "Status", order: "DESC" },
    ] as const;
    expect(codeOf(() => planRunQuery(pipelineRunQuerySpec, { orderBy: twice }))).toBe(
      "InvalidArgument",
    );
    expect(codeOf(() => planRunQuery(pipelineRunQuerySpec, { lastUpdatedAfter: Number.NaN }))).toBe(
      "InvalidArgument",
    );
    expect(codeOf(() => planRunQuery(pipelineRunQuerySpec, { maxResults: 0 }))).toBe(
      "InvalidArgument",
    );
  });
});
