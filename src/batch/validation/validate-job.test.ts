import { describe, expect, it } from "vitest";
import { refusal } from "../../../test/support/batch-kit.js";
import {
  validateJobAdd,
  validateJobDisable,
  validateJobPatch,
  validateJobTerminate,
  validateJobUpdate,
} from "./validate-job.js";

const minimal = { id: "job1", poolInfo: { poolId: "pool1" } };

describe("validateJobAdd", () => {
  it("accepts a minimal job", () => {
    expect(validateJobAdd(minimal)).toEqual(minimal);
  });

  it("accepts a full job and normalizes enums", () => {
    const job = validateJobAdd({
      ...minimal,
      priority: -1000,
      maxParallelTasks: 4,
      constraints: { maxWallClockTime: "P1D", maxTaskRetryCount: -1 },
      onAllTasksComplete: "terminateJob",
      onTaskFailure: "performExitOptionsJobAction",
      usesTaskDependencies: true,
      commonEnvironmentSettings: [{ name: "A", value: "1" }],
      jobManagerTask: { id: "jm", commandLine: "manager", killJobOnCompletion: false },
      jobPreparationTask: { commandLine: "prep" },
      jobReleaseTask: { commandLine: "release", maxWallClockTime: "PT15M" },
      metadata: [{ name: "k", value: "v" }],
    });
    expect(job.onAllTasksComplete).toBe("terminatejob");
    expect(job.onTaskFailure).toBe("performexitoptionsjobaction");
  });

  it("accepts an auto pool specification", () => {
    const job = validateJobAdd({
      id: "j",
      poolInfo: {
        autoPoolSpecification: {
          poolLifetimeOption: "job",
          pool: { vmSize: "x", targetDedicatedNodes: 1 },
        },
      },
    });
    expect(job.poolInfo.autoPoolSpecification?.pool?.vmSize).toBe("x");
  });

  it.each([
    [{ poolInfo: { poolId: "p" } }, "MissingRequiredProperty", "id"],
    [{ id: "j" }, "MissingRequiredProperty", "poolInfo"],
    [{ id: "j", poolInfo: {} }, "InvalidPropertyValue", "poolInfo"],
    [
      { id: "j", poolInfo: { poolId: "p", autoPoolSpecification: { poolLifetimeOption: "job" } } },
      "InvalidPropertyValue",
      "poolInfo",
    ],
    [
      {
        id: "j",
        poolInfo: { autoPoolSpecification: { poolLifetimeOption: "job", pool: { vmSize: "x" } } },
      },
      "MissingRequiredProperty",
      "poolInfo.autoPoolSpecification.pool.targetDedicatedNodes",
    ],
    [{ ...minimal, priority: 1001 }, "InvalidPropertyValue", "priority"],
    [{ ...minimal, priority: -1001 }, "InvalidPropertyValue", "priority"],
    [{ ...minimal, priority: "high" }, "InvalidRequestBody", "priority"],
    [{ ...minimal, maxParallelTasks: 0 }, "InvalidPropertyValue", "maxParallelTasks"],
    [{ ...minimal, maxParallelTasks: -2 }, "InvalidPropertyValue", "maxParallelTasks"],
    [
      { ...minimal, constraints: { maxTaskRetryCount: -2 } },
      "InvalidPropertyValue",
      "constraints.maxTaskRetryCount",
    ],
    [
      { ...minimal, constraints: { maxWallClockTime: "1h" } },
      "InvalidPropertyValue",
      "constraints.maxWallClockTime",
    ],
    [{ ...minimal, onAllTasksComplete: "finish" }, "InvalidPropertyValue", "onAllTasksComplete"],
    [{ ...minimal, usesTaskDependencies: "true" }, "InvalidRequestBody", "usesTaskDependencies"],
    [
      { ...minimal, jobReleaseTask: { commandLine: "r" } },
      "MissingRequiredProperty",
      "jobPreparationTask",
    ],
    [
      {
        ...minimal,
        jobPreparationTask: { commandLine: "p" },
        jobReleaseTask: { commandLine: "r", maxWallClockTime: "PT16M" },
      },
      "InvalidPropertyValue",
      "jobReleaseTask.maxWallClockTime",
    ],
    [
      {
        ...minimal,
        jobPreparationTask: { id: "same", commandLine: "p" },
        jobReleaseTask: { id: "SAME", commandLine: "r" },
      },
      "InvalidPropertyValue",
      "jobReleaseTask.id",
    ],
    [
      {
        ...minimal,
        jobPreparationTask: { commandLine: "p" },
        jobManagerTask: { id: "jobpreparation", commandLine: "m" },
      },
      "InvalidPropertyValue",
      "jobManagerTask.id",
    ],
    [
      {
        ...minimal,
        jobManagerTask: {
          id: "jm",
          commandLine: "m",
          resourceFiles: [{ httpUrl: "https://h/x", filePath: "/etc/passwd" }],
        },
      },
      "InvalidPropertyValue",
      "jobManagerTask.resourceFiles[0].filePath",
    ],
    [
      { ...minimal, jobManagerTask: { id: "jm" } },
      "MissingRequiredProperty",
      "jobManagerTask.commandLine",
    ],
  ])("refuses %j with %s on %s", (body, code, property) => {
    const error = refusal(() => validateJobAdd(body));
    expect(error.batchCode).toBe(code);
    expect(error.values.PropertyName).toBe(property);
  });
});

describe("job patch, update, disable, terminate", () => {
  it("validates a patch", () => {
    expect(validateJobPatch({ priority: 10, onAllTasksComplete: "TerminateJob" })).toEqual({
      priority: 10,
      onAllTasksComplete: "terminatejob",
    });
    expect(refusal(() => validateJobPatch({ usesTaskDependencies: true })).batchCode).toBe(
      "InvalidRequestBody",
    );
    expect(refusal(() => validateJobPatch({ maxParallelTasks: 0 })).batchCode).toBe(
      "InvalidPropertyValue",
    );
  });

  it("requires poolInfo on update", () => {
    expect(refusal(() => validateJobUpdate({ priority: 1 })).values.PropertyName).toBe("poolInfo");
    expect(validateJobUpdate({ poolInfo: { poolId: "p" } })).toEqual({ poolInfo: { poolId: "p" } });
  });

  it("validates disable options", () => {
    expect(validateJobDisable({ disableTasks: "Requeue" })).toEqual({ disableTasks: "requeue" });
    expect(refusal(() => validateJobDisable({})).batchCode).toBe("MissingRequiredProperty");
    expect(refusal(() => validateJobDisable({ disableTasks: "kill" })).batchCode).toBe(
      "InvalidPropertyValue",
    );
  });

  it("accepts an absent or empty terminate body", () => {
    expect(validateJobTerminate(undefined)).toEqual({});
    expect(validateJobTerminate({ terminateReason: "done" })).toEqual({ terminateReason: "done" });
  });
});
