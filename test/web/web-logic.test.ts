// The UI's pure logic: routes, run filters, Gantt rows, the activity graph, ranged reads.
import { describe, expect, it } from "vitest";
import type { ActivityRun } from "../../src/client/factory-model.js";
import { nextOffset, parseContentRange } from "../../web/src/logic/content-range.js";
import { elapsedMs, formatDuration, isEmptyValue } from "../../web/src/logic/format.js";
import {
  barPlacement,
  forEachContainers,
  ganttRows,
  groupStatus,
  timeAxis,
} from "../../web/src/logic/gantt-layout.js";
import { latestStatuses, layoutGraph } from "../../web/src/logic/graph-layout.js";
import { pathOf, routeOf } from "../../web/src/logic/routes.js";
import { filtersFromQuery, filtersToQuery, runQueryBody } from "../../web/src/logic/run-filters.js";

const t0 = Date.parse("2026-03-01T10:00:00Z");
const iso = (offsetMs: number) => new Date(t0 + offsetMs).toISOString();

function activity(
  name: string,
  type: string,
  start: number,
  end: number | null,
  extra: Partial<ActivityRun> = {},
): ActivityRun {
  return {
    activityRunId: `${name}-${start}-${extra.iterationHash ?? ""}`,
    activityName: name,
    activityType: type,
    pipelineRunId: "run",
    pipelineName: "p",
    status: end === null ? "InProgress" : "Succeeded",
    activityRunStart: iso(start),
    activityRunEnd: end === null ? null : iso(end),
    durationInMs: end === null ? null : end - start,
    input: {},
    output: {},
    error: { errorCode: "", message: "", failureType: "", target: name },
    retryAttempt: null,
    linkedServiceName: "",
    userProperties: {},
    iterationHash: "",
    ...extra,
  };
}

describe("routes", () => {
  it("reads and writes every page's path, escaping names", () => {
    const pages = [
      { page: "runs", factory: "my factory" },
      { page: "run", factory: "f", runId: "a/b" },
      { page: "triggers", factory: "f" },
      { page: "trigger", factory: "f", trigger: "Every hour" },
      { page: "pipelines", factory: "f" },
      { page: "pipeline", factory: "f", pipeline: "load/sales" },
      { page: "pools" },
      { page: "jobs" },
      { page: "job", jobId: "j 1" },
      { page: "task", jobId: "j", taskId: "t%1" },
    ] as const;
    for (const route of pages) expect(routeOf(pathOf(route), "default")).toEqual(route);
    expect(routeOf("/ui/", "shop")).toEqual({ page: "runs", factory: "shop" });
    expect(routeOf("/ui/nowhere", "f")).toEqual({ page: "notFound", path: "/ui/nowhere" });
    expect(routeOf("/ui/jobs/%E0%A4%A", "f").page).toBe("notFound");
  });
});

describe("run filters", () => {
  it("builds ADF's query body: window, Equals filters, newest first, the token", () => {
    const body = runQueryBody({ status: "Failed", pipeline: " load ", range: "1h" }, t0, "tok");
    expect(body).toEqual({
      lastUpdatedAfter: iso(-3_600_000),
      filters: [
        { operand: "Status", operator: "Equals", values: ["Failed"] },
        { operand: "PipelineName", operator: "Equals", values: ["load"] },
      ],
      orderBy: [{ orderBy: "RunStart", order: "DESC" }],
      continuationToken: "tok",
    });
    expect(runQueryBody({ status: "", pipeline: "", range: "all" }, t0)).toEqual({
      filters: [],
      orderBy: [{ orderBy: "RunStart", order: "DESC" }],
    });
  });

  it("round-trips through the URL query and drops unknown ranges", () => {
    const filters = { status: "Queued", pipeline: "a&b", range: "7d" as const };
    expect(filtersFromQuery(filtersToQuery(filters))).toEqual(filters);
    expect(filtersToQuery({ status: "", pipeline: "", range: "24h" })).toBe("");
    expect(filtersFromQuery("?range=forever").range).toBe("24h");
  });
});

describe("Gantt rows", () => {
  const definition = [
    { name: "Prepare", type: "Wait" },
    {
      name: "Outer",
      type: "ForEach",
      typeProperties: {
        activities: [
          {
            name: "Check",
            type: "IfCondition",
            typeProperties: {
              ifTrueActivities: [
                {
                  name: "Inner",
                  type: "ForEach",
                  typeProperties: { activities: [{ name: "Leaf", type: "Wait" }] },
                },
              ],
            },
          },
        ],
      },
    },
  ];
  const containers = forEachContainers(definition);
  const runs = [
    activity("Prepare", "Wait", 0, 100),
    activity("Outer", "ForEach", 100, 1000),
    activity("Check", "IfCondition", 150, 500, { iterationHash: "o1" }),
    activity("Inner", "ForEach", 160, 500, { iterationHash: "o1" }),
    activity("Leaf", "Wait", 170, 300, { iterationHash: "i1" }),
    activity("Leaf", "Wait", 300, 450, { iterationHash: "i2", status: "Failed" }),
    activity("Check", "IfCondition", 500, 900, { iterationHash: "o2" }),
  ];

  it("maps each activity to the ForEach around it, through If branches", () => {
    expect(Object.fromEntries(containers)).toEqual({
      Check: "Outer",
      Inner: "Outer",
      Leaf: "Inner",
    });
  });

  it("shows top-level runs, collapsed ForEach rows with their iteration counts", () => {
    const rows = ganttRows(runs, containers, new Set(), t0 + 2000);
    expect(
      rows.map((row) => [
        row.kind,
        row.depth,
        row.kind === "activity" ? row.run.activityName : row.index,
      ]),
    ).toEqual([
      ["activity", 0, "Prepare"],
      ["activity", 0, "Outer"],
    ]);
    expect(rows[1]).toMatchObject({ iterations: 2, expanded: false });
  });

  it("nests iterations and their activities, inner ForEach iterations under the inner run", () => {
    const outer = runs[1]?.activityRunId ?? "";
    const inner = runs[3]?.activityRunId ?? "";
    const rows = ganttRows(runs, containers, new Set([outer, "o1", inner, "i2"]), t0 + 2000);
    const shape = rows.map((row) =>
      row.kind === "activity"
        ? `${row.depth}:${row.run.activityName}`
        : `${row.depth}:#${row.index}:${row.status}`,
    );
    expect(shape).toEqual([
      "0:Prepare",
      "0:Outer",
      "1:#1:Succeeded",
      "2:Check",
      "2:Inner",
      "3:#1:Succeeded",
      "3:#2:Failed",
      "4:Leaf",
      "1:#2:Succeeded",
    ]);
  });

  it("lists iterations whose ForEach is unknown at the top level, and runs still going end now", () => {
    const rows = ganttRows(
      [activity("Lost", "Wait", 0, null, { iterationHash: "x" })],
      new Map(),
      new Set(["x"]),
      t0 + 500,
    );
    expect(rows.map((row) => row.kind)).toEqual(["iteration", "activity"]);
    expect(rows[1]?.end).toBe(t0 + 500);
    expect(rows[0]).toMatchObject({ status: "InProgress" });
  });

  it("places bars on an axis of at least a second, never off the chart", () => {
    const rows = ganttRows(runs.slice(0, 2), containers, new Set(), t0);
    const axis = timeAxis(rows, t0);
    expect(axis).toEqual({ from: t0, to: t0 + 1000 });
    expect(barPlacement(axis, t0 + 100, t0 + 1000)).toEqual({ left: 10, width: 90 });
    expect(barPlacement(axis, t0 + 1000, t0 + 1000)).toEqual({ left: 99.5, width: 0.5 });
    expect(groupStatus([])).toBe("Succeeded");
  });
});

describe("activity graph", () => {
  it("puts activities in columns by dependency depth with arrows per condition", () => {
    const layout = layoutGraph([
      { name: "A", type: "Wait" },
      {
        name: "B",
        type: "Wait",
        dependsOn: [{ activity: "A", dependencyConditions: ["Succeeded"] }],
      },
      { name: "C", type: "Fail", dependsOn: [{ activity: "A", dependencyConditions: ["Failed"] }] },
      {
        name: "D",
        type: "ForEach",
        dependsOn: [
          { activity: "B", dependencyConditions: ["Completed"] },
          { activity: "C", dependencyConditions: ["Skipped", "Succeeded"] },
        ],
        typeProperties: {
          activities: [
            { name: "E", type: "Wait" },
            { name: "F", type: "Wait" },
          ],
        },
      },
    ]);
    expect(layout.nodes.map((node) => [node.name, node.column, node.row, node.inner])).toEqual([
      ["A", 0, 0, 0],
      ["B", 1, 0, 0],
      ["C", 1, 1, 0],
      ["D", 2, 0, 2],
    ]);
    expect(layout.edges.map((edge) => `${edge.from}>${edge.to}:${edge.condition}`)).toEqual([
      "A>B:Succeeded",
      "A>C:Failed",
      "B>D:Completed",
      "C>D:Skipped",
    ]);
    expect(layout.width).toBeGreaterThan(layout.nodes[3]?.x ?? 0);
  });

  it("draws a dependency cycle instead of looping, and ignores unknown activities", () => {
    const layout = layoutGraph([
      {
        name: "A",
        type: "Wait",
        dependsOn: [{ activity: "B", dependencyConditions: ["Succeeded"] }],
      },
      {
        name: "B",
        type: "Wait",
        dependsOn: [{ activity: "A", dependencyConditions: ["Succeeded"] }, { activity: "Z" }],
      },
    ]);
    expect(layout.nodes).toHaveLength(2);
    expect(layout.edges).toHaveLength(2);
    expect(layoutGraph(undefined).nodes).toEqual([]);
  });

  it("colours each box by its latest top-level attempt", () => {
    const statuses = latestStatuses([
      activity("A", "Wait", 0, 10, { status: "Failed" }),
      activity("A", "Wait", 20, 30, { status: "Succeeded", retryAttempt: 1 }),
      activity("A", "Wait", 40, 50, { status: "Failed", iterationHash: "h" }),
    ]);
    expect(Object.fromEntries(statuses)).toEqual({ A: "Succeeded" });
  });
});

describe("ranged reads and formatting", () => {
  it("reads Batch's Content-Range and where the next read starts", () => {
    expect(parseContentRange("bytes 10-19/20")).toEqual({ start: 10, end: 19, size: 20 });
    expect(parseContentRange("bytes */20")).toEqual({ size: 20 });
    expect(parseContentRange("bogus")).toBeUndefined();
    expect(nextOffset(10, 10, { start: 10, end: 19, size: 20 })).toBe(20);
    expect(nextOffset(10, 4, undefined)).toBe(14);
  });

  it("formats durations and elapsed time", () => {
    expect([0, 999, 1500, 42_000, 185_000, 7_500_000].map(formatDuration)).toEqual([
      "0 ms",
      "999 ms",
      "1.5 s",
      "42 s",
      "3 min 5 s",
      "2 h 5 min",
    ]);
    expect(formatDuration(null)).toBe("–");
    expect(elapsedMs(iso(0), null, null, t0 + 250)).toBe(250);
    expect(elapsedMs(iso(0), iso(100), 90, t0 + 250)).toBe(90);
    expect([null, "", {}, [], 0, "x"].map(isEmptyValue)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
