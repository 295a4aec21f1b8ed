import { describe, expect, it } from "vitest";
import { isBatchError } from "../batch-error.js";
import type { JobState } from "../../api/index.js";
import {
  jobDeadline,
  jobEndingForCounts,
  jobEndingForTask,
  jobEndingForTime,
  jobStateAfter,
  type JobOperation,
} from "./job-state.js";

const counts = (active: number, running: number) => ({
  active,
  running,
  completed: 0,
  succeeded: 0,
  failed: 0,
});

function refusedCode(state: JobState, operation: JobOperation): string | undefined {
  try {
    jobStateAfter("j", state, operation);
    return undefined;
  } catch (error) {
    return isBatchError(error) ? error.batchCode : "not a BatchError";
  }
}

describe("jobStateAfter", () => {
  it.each<[JobState, JobOperation, JobState]>([
    ["active", "disable", "disabling"],
    ["disabled", "enable", "enabling"],
    ["disabling", "enable", "enabling"],
    ["active", "terminate", "terminating"],
    ["disabled", "terminate", "terminating"],
    ["active", "delete", "deleting"],
    ["completed", "delete", "deleting"],
    ["active", "addTask", "active"],
    ["disabled", "addTask", "disabled"],
    ["active", "patch", "active"],
  ])("%s + %s -> %s", (state, operation, next) => {
    expect(jobStateAfter("j", state, operation)).toBe(next);
  });

  it.each<[JobState, JobOperation, string]>([
    ["disabled", "disable", "JobNotActive"],
    ["active", "enable", "OperationInvalidForCurrentState"],
    ["completed", "terminate", "JobCompleted"],
    ["completed", "addTask", "JobCompleted"],
    ["terminating", "addTask", "JobBeingTerminated"],
    ["deleting", "patch", "JobBeingDeleted"],
    ["deleting", "delete", "JobBeingDeleted"],
  ])("%s refuses %s with %s", (state, operation, code) => {
    expect(refusedCode(state, operation)).toBe(code);
  });
});

describe("job endings", () => {
  it("terminates on all tasks complete only with terminatejob, also with no tasks", () => {
    expect(jobEndingForCounts("active", "terminatejob", counts(0, 0))).toEqual({
      action: "terminate",
      terminateReason: "AllTasksComplete",
    });
    expect(jobEndingForCounts("active", "terminatejob", counts(1, 0))).toBeUndefined();
    expect(jobEndingForCounts("active", "noaction", counts(0, 0))).toBeUndefined();
    expect(jobEndingForCounts("disabled", "terminatejob", counts(0, 0))).toBeUndefined();
  });

  it("acts on a task's jobAction only under performexitoptionsjobaction", () => {
    expect(jobEndingForTask("performexitoptionsjobaction", "terminate")).toEqual({
      action: "terminate",
      terminateReason: "TaskFailed",
    });
    expect(jobEndingForTask("performexitoptionsjobaction", "disable")).toEqual({
      action: "disable",
    });
    expect(jobEndingForTask("performexitoptionsjobaction", "none")).toBeUndefined();
    expect(jobEndingForTask("noaction", "terminate")).toBeUndefined();
  });

  it("terminates when maxWallClockTime passes", () => {
    const start = 1_000_000;
    expect(jobDeadline(start, undefined)).toBe(Number.POSITIVE_INFINITY);
    expect(jobDeadline(start, { maxWallClockTime: "PT1H" })).toBe(start + 3_600_000);
    expect(
      jobEndingForTime("active", start, { maxWallClockTime: "PT1H" }, start + 3_599_999),
    ).toBeUndefined();
    expect(
      jobEndingForTime("active", start, { maxWallClockTime: "PT1H" }, start + 3_600_000),
    ).toEqual({
      action: "terminate",
      terminateReason: "MaxWallClockTimeExpiry",
    });
    expect(
      jobEndingForTime("completed", start, { maxWallClockTime: "PT1H" }, start * 10),
    ).toBeUndefined();
  });
});
