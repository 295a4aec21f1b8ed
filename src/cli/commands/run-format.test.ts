import { describe, expect, it } from "vitest";
import type { ActivityRun } from "../../client/index.js";
import { formatBytes, progressLine } from "./run-format.js";

const activity = (status: string, output: unknown): ActivityRun => ({
  activityRunId: "a1",
  activityName: "CopySales",
  activityType: "Copy",
  pipelineRunId: "r1",
  pipelineName: "p",
  status,
  activityRunStart: "2026-01-01T00:00:00Z",
  activityRunEnd: null,
  durationInMs: null,
  input: {},
  output,
  error: { errorCode: "", message: "", failureType: "", target: "CopySales" },
  retryAttempt: null,
  linkedServiceName: "",
  userProperties: {},
});

describe("progressLine", () => {
  it("shows a running copy's counts so far", () => {
    const output = { filesRead: 12, filesWritten: 11, dataRead: 3481, rowsCopied: 1200 };
    expect(progressLine(activity("InProgress", output))).toBe(
      "CopySales: 12 files read, 11 written, 3.4 KB read, 1200 rows copied so far",
    );
    expect(progressLine(activity("InProgress", { filesRead: 1, dataRead: 10 }))).toBe(
      "CopySales: 1 file read, 10 B read so far",
    );
  });

  it("shows nothing for an ended activity or one without counts", () => {
    expect(progressLine(activity("Succeeded", { filesRead: 3 }))).toBeUndefined();
    expect(progressLine(activity("InProgress", null))).toBeUndefined();
    expect(progressLine(activity("InProgress", { status: 200 }))).toBeUndefined();
  });
});

describe("formatBytes", () => {
  it("uses powers of 1024 with one decimal past bytes", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(12 * 1024 * 1024)).toBe("12.0 MB");
  });
});
