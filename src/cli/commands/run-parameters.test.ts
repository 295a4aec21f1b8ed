import { describe, expect, it } from "vitest";
import { isSluiceError } from "../../core/index.js";
import {
  declaredParameters,
  mergeParameters,
  paramFile,
  paramFlags,
  splitParamPairs,
} from "./run-parameters.js";
import { ActivityChanges } from "./run-watch.js";
import { formatDuration, shortTime, statusCounts } from "./run-format.js";
import type { ActivityRun, PipelineRun } from "../../client/index.js";

function usageMessage(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (isSluiceError(error) && error.code === "InvalidArgument") return error.message;
    throw error;
  }
  throw new Error("expected a usage error");
}

describe("--param and --param-file", () => {
  const declared = declaredParameters({
    parameters: { items: { type: "Array" }, Options: { type: "object" }, n: { type: "Int" } },
  });

  it("keeps values as text but parses declared Array and Object parameters (any case)", () => {
    const pairs = splitParamPairs([
      "items=[1,2]",
      'options={"a":true}',
      "n=5",
      "note=a=b",
      "n=6",
      "json=[not declared]",
    ]);
    expect(paramFlags(pairs, declared)).toEqual({
      items: [1, 2],
      options: { a: true },
      n: "6",
      note: "a=b",
      json: "[not declared]",
    });
  });

  it("refuses pairs without a name and JSON of the wrong type, naming the parameter", () => {
    expect(usageMessage(() => splitParamPairs(["=x"]))).toBe(
      "--param must be NAME=VALUE, but it is '=x'.",
    );
    expect(usageMessage(() => splitParamPairs(["novalue"]))).toMatch(/NAME=VALUE/);
    expect(usageMessage(() => paramFlags([["items", "{}"]], declared))).toMatch(
      /^--param items is an Array parameter: give its value as JSON, such as 'items=\["a","b"\]', but it is '\{\}'\.$/,
    );
    expect(usageMessage(() => paramFlags([["Options", "nope"]], declared))).toMatch(
      /Options is an Object parameter/,
    );
  });

  it("reads a parameter file holding a JSON object, and lets flags override it in any case", async () => {
    const files: Record<string, string> = {
      "p.json": '{"Date": "2026-01-01", "n": 1}',
      "a.json": "[1]",
      "bad.json": "{",
    };
    const read = async (path: string) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: ${path}`);
      return text;
    };
    const fromFile = await paramFile(read, "p.json");
    expect(mergeParameters(fromFile, { date: "2026-02-02" })).toEqual({ n: 1, date: "2026-02-02" });
    await expect(paramFile(read, "a.json")).rejects.toThrow(/must hold a JSON object/);
    await expect(paramFile(read, "bad.json")).rejects.toThrow(
      /--param-file bad.json is not valid JSON/,
    );
    await expect(paramFile(read, "none.json")).rejects.toThrow(
      /--param-file none.json cannot be read/,
    );
  });
});

describe("run output", () => {
  it("formats durations and times compactly", () => {
    expect([null, 850, 12_340, 245_000, 3_720_000].map(formatDuration)).toEqual([
      "-",
      "850ms",
      "12.3s",
      "4m 05s",
      "1h 02m",
    ]);
    expect(shortTime("2026-01-01T10:00:00.123Z")).toBe("2026-01-01 10:00:00");
    expect(statusCounts(["Succeeded", "InProgress", "Succeeded"])).toBe(
      "3 activities: 2 Succeeded, 1 InProgress",
    );
  });
});

describe("ActivityChanges", () => {
  const run = { lastUpdated: "2026-01-01T10:00:00.000Z" } as PipelineRun;
  const activity = (id: string, status: string, start: string, end: string | null = null) =>
    ({ activityRunId: id, status, activityRunStart: start, activityRunEnd: end }) as ActivityRun;

  it("reports each status once and asks next for what changed since the newest time, less an overlap", () => {
    const changes = new ActivityChanges();
    expect(changes.filter()).toEqual({});
    const first = changes.changes([activity("a", "InProgress", "2026-01-01T10:00:01.000Z")], run);
    expect(first.map((a) => a.status)).toEqual(["InProgress"]);
    expect(changes.filter()).toEqual({ lastUpdatedAfter: "2026-01-01T09:59:56.000Z" });
    const second = changes.changes(
      [
        activity("a", "InProgress", "2026-01-01T10:00:01.000Z"),
        activity("b", "Queued", "2026-01-01T10:00:02.000Z"),
        activity("a", "Succeeded", "2026-01-01T10:00:01.000Z", "2026-01-01T10:00:09.000Z"),
      ],
      run,
    );
    expect(second.map((a) => `${a.activityRunId}:${a.status}`)).toEqual([
      "b:Queued",
      "a:Succeeded",
    ]);
    expect(changes.filter()).toEqual({ lastUpdatedAfter: "2026-01-01T10:00:04.000Z" });
    expect([...changes.statuses()]).toEqual(["Succeeded", "Queued"]);
  });
});
