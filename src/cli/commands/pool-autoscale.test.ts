import { describe, expect, it } from "vitest";
import { compactAutoScaleRun, resultLines, runErrorText } from "./pool-autoscale.js";

describe("autoscale run output", () => {
  it("splits results at each `;$`, keeping a `;` inside a value", () => {
    expect(resultLines("$TargetDedicatedNodes=3;$s=a;b;$v=[1,2];")).toEqual([
      "$TargetDedicatedNodes=3",
      "$s=a;b",
      "$v=[1,2]",
    ]);
    expect(resultLines(undefined)).toEqual([]);
    expect(resultLines("")).toEqual([]);
  });

  it("puts a run's error on one line with its position; none when the run succeeded", () => {
    const run = {
      timestamp: "2026-01-01T00:00:00.000Z",
      results: "$TargetDedicatedNodes=0",
      error: {
        code: "InsufficientSampleData",
        message: "Autoscale evaluation failed due to insufficient sample data",
        values: [{ name: "Message", value: "Line 1, Col 43: wanted 90%, received 5%" }],
      },
    };
    expect(runErrorText(run)).toBe(
      "InsufficientSampleData: Autoscale evaluation failed due to insufficient sample data: Line 1, Col 43: wanted 90%, received 5%",
    );
    expect(compactAutoScaleRun(run)).toEqual({
      timestamp: run.timestamp,
      results: run.results,
      error: runErrorText(run),
    });
    expect(runErrorText({ timestamp: run.timestamp, results: "" })).toBeUndefined();
  });
});
