import { describe, expect, it } from "vitest";
import type { ExitConditions } from "../../api/index.js";
import { effectiveJobAction, resolveExitOptions } from "./exit-conditions.js";

const conditions: ExitConditions = {
  exitCodes: [
    { code: 0, exitOptions: { jobAction: "terminate" } },
    { code: 5, exitOptions: { jobAction: "disable", dependencyAction: "satisfy" } },
  ],
  exitCodeRanges: [
    { start: 10, end: 20, exitOptions: { jobAction: "none" } },
    { start: 15, end: 30, exitOptions: { dependencyAction: "satisfy" } },
  ],
  preProcessingError: { jobAction: "none", dependencyAction: "satisfy" },
  default: { jobAction: "disable" },
};

describe("resolveExitOptions", () => {
  it("uses Batch's defaults without exit conditions", () => {
    expect(resolveExitOptions(undefined, { kind: "exit", exitCode: 0 })).toEqual({
      jobAction: "none",
      dependencyAction: "satisfy",
    });
    expect(resolveExitOptions(undefined, { kind: "exit", exitCode: 1 })).toEqual({
      jobAction: "terminate",
      dependencyAction: "block",
    });
    expect(resolveExitOptions(undefined, { kind: "preProcessingError" })).toEqual({
      jobAction: "terminate",
      dependencyAction: "block",
    });
    expect(resolveExitOptions(undefined, { kind: "fileUploadError", exitCode: 0 })).toEqual({
      jobAction: "terminate",
      dependencyAction: "block",
    });
  });

  it("prefers exact codes, then the first matching range, then default", () => {
    expect(resolveExitOptions(conditions, { kind: "exit", exitCode: 5 })).toEqual({
      jobAction: "disable",
      dependencyAction: "satisfy",
    });
    expect(resolveExitOptions(conditions, { kind: "exit", exitCode: 17 })).toEqual({
      jobAction: "none",
      dependencyAction: "block",
    });
    expect(resolveExitOptions(conditions, { kind: "exit", exitCode: 25 })).toEqual({
      jobAction: "terminate",
      dependencyAction: "satisfy",
    });
    expect(resolveExitOptions(conditions, { kind: "exit", exitCode: 99 })).toEqual({
      jobAction: "disable",
      dependencyAction: "block",
    });
  });

  it("does not apply default to exit code 0, but does apply a listed 0", () => {
    expect(
      resolveExitOptions({ default: { jobAction: "disable" } }, { kind: "exit", exitCode: 0 })
        .jobAction,
    ).toBe("none");
    expect(resolveExitOptions(conditions, { kind: "exit", exitCode: 0 })).toEqual({
      jobAction: "terminate",
      dependencyAction: "satisfy",
    });
  });

  it("uses preProcessingError, falling back to default", () => {
    expect(resolveExitOptions(conditions, { kind: "preProcessingError" })).toEqual({
      jobAction: "none",
      dependencyAction: "satisfy",
    });
    expect(
      resolveExitOptions(
        { default: { dependencyAction: "satisfy" } },
        { kind: "preProcessingError" },
      ).dependencyAction,
    ).toBe("satisfy");
  });

  it("lets a listed exit code win over fileUploadError", () => {
    const upload: ExitConditions = {
      ...conditions,
      fileUploadError: { dependencyAction: "satisfy", jobAction: "none" },
    };
    expect(resolveExitOptions(upload, { kind: "fileUploadError", exitCode: 5 }).jobAction).toBe(
      "disable",
    );
    expect(resolveExitOptions(upload, { kind: "fileUploadError", exitCode: 1 })).toEqual({
      jobAction: "none",
      dependencyAction: "satisfy",
    });
    expect(resolveExitOptions(conditions, { kind: "fileUploadError", exitCode: 1 }).jobAction).toBe(
      "disable",
    );
  });
});

describe("effectiveJobAction", () => {
  it("acts only under performexitoptionsjobaction", () => {
    const options = { jobAction: "terminate", dependencyAction: "block" } as const;
    expect(effectiveJobAction(options, "performexitoptionsjobaction")).toBe("terminate");
    expect(effectiveJobAction(options, "noaction")).toBe("none");
    expect(effectiveJobAction(options, undefined)).toBe("none");
  });
});
