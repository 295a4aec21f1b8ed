import { describe, expect, it } from "vitest";
import { isSluiceError } from "../../core/index.js";
import { activityRunQueryOf, parseIsoTime, pipelineRunQueryOf } from "./run-filter-body.js";

/** The InvalidArgument details a bad body is refused with. */
function refusal(read: () => unknown): { field: string; value: unknown; message: string } {
  try {
    read();
  } catch (error) {
    if (!isSluiceError(error) || error.code !== "InvalidArgument") throw error;
    const details = error.details as { field: string; value: unknown };
    return { field: details.field, value: details.value, message: error.message };
  }
  throw new Error("expected an InvalidArgument");
}

describe("RunFilterParameters bodies", () => {
  it("reads ADF's body: times to ms, names in any case to ADF's spelling, the token", () => {
    const query = pipelineRunQueryOf({
      lastUpdatedAfter: "2026-01-01T00:00:00Z",
      lastUpdatedBefore: "2026-01-02T00:00:00.1234567Z",
      filters: [
        { operand: "pipelineName", operator: "equals", values: ["Load"] },
        { operand: "RUNSTART", operator: "In", values: ["2026-01-01T10:00:00"] },
      ],
      orderBy: [{ orderBy: "runEnd", order: "desc" }],
      continuationToken: "abc",
      somethingAdfIgnores: 1,
    });
    expect(query).toEqual({
      lastUpdatedAfter: Date.UTC(2026, 0, 1),
      lastUpdatedBefore: Date.UTC(2026, 0, 2) + 123,
      filters: [
        { operand: "PipelineName", operator: "Equals", values: ["Load"] },
        { operand: "RunStart", operator: "In", values: ["2026-01-01T10:00:00.000Z"] },
      ],
      orderBy: [{ orderBy: "RunEnd", order: "DESC" }],
      continuationToken: "abc",
    });
  });

  it("takes no body, an empty one and a null token as a first page without bounds", () => {
    expect(pipelineRunQueryOf(undefined)).toEqual({});
    expect(pipelineRunQueryOf(null)).toEqual({});
    expect(activityRunQueryOf({ continuationToken: null, filters: null })).toEqual({});
  });

  it("knows each query's own operands", () => {
    expect(
      activityRunQueryOf({
        filters: [{ operand: "activityType", operator: "NotIn", values: ["Wait"] }],
      }).filters,
    ).toEqual([{ operand: "ActivityType", operator: "NotIn", values: ["Wait"] }]);
    const wrong = refusal(() =>
      activityRunQueryOf({
        filters: [{ operand: "PipelineName", operator: "Equals", values: ["x"] }],
      }),
    );
    expect(wrong.field).toBe("filters[0].operand");
    expect(wrong.message).toContain(
      "allowed: ActivityName, ActivityType, Status, ActivityRunStart, ActivityRunEnd",
    );
  });

  it("refuses each malformed field, naming it, its value and what is allowed", () => {
    const cases: [unknown, string, RegExp][] = [
      [[], "body", /RunFilterParameters JSON object/],
      [
        { lastUpdatedAfter: "yesterday" },
        "lastUpdatedAfter",
        /"yesterday"; allowed: an ISO 8601 time/,
      ],
      [{ lastUpdatedBefore: 5 }, "lastUpdatedBefore", /is 5;/],
      [{ filters: {} }, "filters", /allowed: an array/],
      [{ filters: ["x"] }, "filters[0]", /operand, operator, values/],
      [
        { filters: [{ operand: "Status", operator: "Like", values: ["x"] }] },
        "filters[0].operator",
        /Equals, NotEquals, In, NotIn/,
      ],
      [
        { filters: [{ operand: "Status", operator: "In", values: [] }] },
        "filters[0].values",
        /non-empty array/,
      ],
      [
        { filters: [{ operand: "Status", operator: "In", values: [{}] }] },
        "filters[0].values[0]",
        /a string/,
      ],
      [
        { filters: [{ operand: "RunEnd", operator: "In", values: ["2026-02-30"] }] },
        "filters[0].values[0]",
        /ISO 8601/,
      ],
      [
        { orderBy: [{ orderBy: "Duration", order: "ASC" }] },
        "orderBy[0].orderBy",
        /RunStart, RunEnd, PipelineName, Status/,
      ],
      [{ orderBy: [{ orderBy: "RunStart", order: "up" }] }, "orderBy[0].order", /ASC, DESC/],
      [{ continuationToken: 7 }, "continuationToken", /previous page/],
    ];
    for (const [body, field, message] of cases) {
      const refused = refusal(() => pipelineRunQueryOf(body));
      expect(refused.field, JSON.stringify(body)).toBe(field);
      expect(refused.message, JSON.stringify(body)).toMatch(message);
      expect(refused.message).toMatch(/^queryPipelineRuns: /);
    }
  });

  it("refuses a window that ends before it starts", () => {
    const refused = refusal(() =>
      pipelineRunQueryOf({
        lastUpdatedAfter: "2026-01-02T00:00:00Z",
        lastUpdatedBefore: "2026-01-01T00:00:00Z",
      }),
    );
    expect(refused.field).toBe("lastUpdatedAfter");
  });
});

describe("parseIsoTime", () => {
  it("reads times as .NET writes and reads them: no offset is UTC, 7 fraction digits", () => {
    expect(parseIsoTime("2026-01-01")).toBe(Date.UTC(2026, 0, 1));
    expect(parseIsoTime("2026-01-01T10:30")).toBe(Date.UTC(2026, 0, 1, 10, 30));
    expect(parseIsoTime("2021-06-25T05:34:06.8424413Z")).toBe(Date.UTC(2021, 5, 25, 5, 34, 6, 842));
    expect(parseIsoTime("2026-01-01T02:00:00+02:00")).toBe(Date.UTC(2026, 0, 1));
    expect(parseIsoTime("2026-01-01T02:00:00+0200")).toBe(Date.UTC(2026, 0, 1));
  });

  it("refuses what is not an ISO 8601 time", () => {
    for (const text of ["", "Jan 1 2026", "2026-13-01", "2026-02-30T00:00:00Z", "1767225600000"]) {
      expect(parseIsoTime(text), text).toBeUndefined();
    }
  });
});
