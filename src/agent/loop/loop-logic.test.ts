import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.js";
import { toOutcome } from "./outcome.js";
import { cpuPercentBetween } from "./resource-usage.js";
import { destinationPath } from "./task-files.js";

describe("agent loop logic", () => {
  it("doubles the retry delay up to the cap, with jitter in [0.5, 1)", () => {
    expect(backoffDelay(0, 0)).toBe(100);
    expect(backoffDelay(0, 0.999)).toBe(200);
    expect(backoffDelay(3, 0.999, { initialMs: 100, maxMs: 10_000 })).toBe(800);
    expect(backoffDelay(50, 0.999, { maxMs: 1000 })).toBe(1000);
  });

  it("places output files as Batch does", () => {
    expect(destinationPath("out/**/*.csv", "run1/", "a/b.csv")).toBe("run1/a/b.csv");
    expect(destinationPath("out/*.csv", undefined, "b.csv")).toBe("b.csv");
    expect(destinationPath("summary.txt", "final.txt", "summary.txt")).toBe("final.txt");
    expect(destinationPath("summary.txt", undefined, "summary.txt")).toBe("summary.txt");
  });

  it("turns the runner's result into the protocol's outcome", () => {
    const base = {
      startTime: new Date("2026-01-01T00:00:00Z"),
      endTime: new Date("2026-01-01T00:00:01Z"),
      taskDir: "/t",
      workingDir: "/t/wd",
      stdoutPath: "/t/stdout.txt",
      stderrPath: "/t/stderr.txt",
      uploadedFiles: [],
    };
    expect(toOutcome({ ...base, exitCode: 0, result: "success" })).toEqual({
      startTime: "2026-01-01T00:00:00.000Z",
      endTime: "2026-01-01T00:00:01.000Z",
      exitCode: 0,
      result: "success",
    });
    const info = {
      category: "usererror" as const,
      code: "FileUploadMiscError",
      message: "x".repeat(5000),
    };
    const failed = toOutcome({
      ...base,
      exitCode: 0,
      result: "failure",
      failureInfo: info,
      fileUploadError: info,
    });
    expect(failed.fileUploadError).toBe(true);
    expect(failed.failureInfo?.message.length).toBeLessThanOrEqual(4000);
  });

  it("computes CPU percent between samples", () => {
    expect(cpuPercentBetween({ busy: 0, total: 0 }, { busy: 50, total: 200 })).toBe(25);
    expect(cpuPercentBetween({ busy: 10, total: 10 }, { busy: 10, total: 10 })).toBe(0);
  });
});
