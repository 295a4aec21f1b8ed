import { describe, expect, it } from "vitest";
import { isBatchError } from "../batch-error.js";
import {
  beginRunning,
  canRetry,
  effectiveMaxTaskRetryCount,
  finishAttempt,
  newTaskRun,
  reactivateTask,
  startAttempt,
  type TaskOutcome,
  type TaskRunState,
} from "./task-state.js";

const t0 = Date.UTC(2024, 0, 1);
const running = (run: TaskRunState = newTaskRun()): TaskRunState => startAttempt(run, t0);

/** Runs attempts until the task completes or `limit` attempts were made; returns the attempts. */
function runUntilDone(
  maxTaskRetryCount: number,
  outcome: TaskOutcome,
  limit = 50,
): { attempts: number; run: TaskRunState } {
  let run = newTaskRun();
  let attempts = 0;
  while (run.state !== "completed" && attempts < limit) {
    attempts += 1;
    run = finishAttempt(running(run), outcome, { now: t0 + attempts, maxTaskRetryCount });
  }
  return { attempts, run };
}

describe("task transitions", () => {
  it("goes active -> running -> completed on success", () => {
    const started = running();
    expect(started.state).toBe("running");
    expect(started.executionInfo.startTime).toBe("2024-01-01T00:00:00.000Z");
    const done = finishAttempt(
      started,
      { kind: "exited", exitCode: 0 },
      { now: t0 + 5, maxTaskRetryCount: 3 },
    );
    expect(done.state).toBe("completed");
    expect(done.executionInfo).toMatchObject({
      exitCode: 0,
      result: "success",
      retryCount: 0,
      requeueCount: 0,
    });
    expect(done.executionInfo.failureInfo).toBeUndefined();
    expect(done.exitOptions).toEqual({ jobAction: "none", dependencyAction: "satisfy" });
  });

  it("passes through preparing while the job preparation task runs", () => {
    const preparing = startAttempt(newTaskRun(), t0, true);
    expect(preparing.state).toBe("preparing");
    expect(preparing.executionInfo.startTime).toBeUndefined();
    expect(beginRunning(preparing, t0 + 1).state).toBe("running");
  });

  it("refuses to start a task that is not active", () => {
    expect(() => startAttempt(running(), t0)).toThrow(RangeError);
  });

  it.each([
    [0, 1],
    [3, 4],
    [1, 2],
  ])("with maxTaskRetryCount %i a failing task runs %i times", (max, tries) => {
    const { attempts, run } = runUntilDone(max, { kind: "exited", exitCode: 1 });
    expect(attempts).toBe(tries);
    expect(run.state).toBe("completed");
    expect(run.executionInfo).toMatchObject({ result: "failure", retryCount: max, exitCode: 1 });
    expect(run.executionInfo.failureInfo).toMatchObject({
      category: "usererror",
      code: "FailureExitCode",
    });
  });

  it("retries forever with -1", () => {
    const { attempts, run } = runUntilDone(-1, { kind: "exited", exitCode: 2 }, 40);
    expect(attempts).toBe(40);
    expect(run.state).toBe("active");
    expect(run.executionInfo.retryCount).toBe(40);
    expect(canRetry(1_000_000, -1)).toBe(true);
  });

  it("clears completion fields on a retry and records lastRetryTime", () => {
    const retried = finishAttempt(
      running(),
      { kind: "exited", exitCode: 1 },
      { now: t0 + 9, maxTaskRetryCount: 1 },
    );
    expect(retried).toMatchObject({ state: "active", retried: true, requeued: false });
    expect(retried.executionInfo.exitCode).toBeUndefined();
    expect(retried.executionInfo.lastRetryTime).toBe("2024-01-01T00:00:00.009Z");
  });

  it.each<TaskOutcome>([
    { kind: "preProcessingError", code: "BlobNotFound" },
    { kind: "fileUploadError", exitCode: 0 },
    { kind: "timedOut" },
    { kind: "terminated" },
  ])("never retries %j", (outcome) => {
    const done = finishAttempt(running(), outcome, { now: t0, maxTaskRetryCount: -1 });
    expect(done.state).toBe("completed");
    expect(done.executionInfo.result).toBe("failure");
    expect(done.executionInfo.failureInfo?.category).toBe("usererror");
    expect(done.exitOptions?.dependencyAction).toBe("block");
  });

  it("keeps the pre-processing error code", () => {
    const done = finishAttempt(
      running(),
      { kind: "preProcessingError", code: "BlobNotFound", message: "no blob" },
      { now: t0, maxTaskRetryCount: 3 },
    );
    expect(done.executionInfo.failureInfo).toEqual({
      category: "usererror",
      code: "BlobNotFound",
      message: "no blob",
    });
    expect(done.executionInfo.exitCode).toBeUndefined();
  });

  it("requeues without counting a retry, even with no retries left", () => {
    let run = running();
    run = finishAttempt(run, { kind: "requeued" }, { now: t0 + 1, maxTaskRetryCount: 0 });
    expect(run).toMatchObject({ state: "active", requeued: true, retried: false });
    run = finishAttempt(running(run), { kind: "requeued" }, { now: t0 + 2, maxTaskRetryCount: 0 });
    expect(run.executionInfo).toMatchObject({
      retryCount: 0,
      requeueCount: 2,
      lastRequeueTime: "2024-01-01T00:00:00.002Z",
    });
    const done = finishAttempt(
      running(run),
      { kind: "exited", exitCode: 1 },
      { now: t0 + 3, maxTaskRetryCount: 0 },
    );
    expect(done.state).toBe("completed");
    expect(done.executionInfo).toMatchObject({ retryCount: 0, requeueCount: 2, result: "failure" });
  });

  it("applies exit conditions on completion", () => {
    const done = finishAttempt(
      running(),
      { kind: "exited", exitCode: 3 },
      {
        now: t0,
        maxTaskRetryCount: 0,
        exitConditions: { exitCodes: [{ code: 3, exitOptions: { dependencyAction: "satisfy" } }] },
      },
    );
    expect(done.exitOptions).toEqual({ jobAction: "terminate", dependencyAction: "satisfy" });
  });

  it("refuses to finish a completed task", () => {
    const done = finishAttempt(
      running(),
      { kind: "exited", exitCode: 0 },
      { now: t0, maxTaskRetryCount: 0 },
    );
    expect(() =>
      finishAttempt(done, { kind: "exited", exitCode: 0 }, { now: t0, maxTaskRetryCount: 0 }),
    ).toThrow(RangeError);
  });

  it("takes the retry limit from the task, then the job, then 0", () => {
    expect(effectiveMaxTaskRetryCount({ maxTaskRetryCount: 2 }, { maxTaskRetryCount: 5 })).toBe(2);
    expect(effectiveMaxTaskRetryCount({}, { maxTaskRetryCount: 5 })).toBe(5);
    expect(effectiveMaxTaskRetryCount()).toBe(0);
  });
});

describe("reactivateTask", () => {
  it("sends a failed task back to active with retries reset", () => {
    const failed = runUntilDone(2, { kind: "exited", exitCode: 1 }).run;
    const again = reactivateTask(failed, "t");
    expect(again).toEqual({ state: "active", executionInfo: { retryCount: 0, requeueCount: 0 } });
  });

  it("refuses succeeded and unfinished tasks", () => {
    const succeeded = runUntilDone(0, { kind: "exited", exitCode: 0 }).run;
    expect(() => reactivateTask(succeeded, "t")).toThrow(
      expect.objectContaining({ batchCode: "TaskSucceeded" }),
    );
    try {
      reactivateTask(running(), "t");
    } catch (error) {
      expect(isBatchError(error, "TaskNotCompleted")).toBe(true);
    }
  });
});
