import { describe, expect, it } from "vitest";
import { isBatchError } from "../batch-error.js";
import { finishAttempt } from "../state/task-state.js";
import {
  localStorageOf,
  mergedEnvironment,
  outputTarget,
  resourceOrigin,
  wallClockMs,
} from "./assignment.js";
import { parseClaimToken, startTaskClaimToken, taskClaimToken } from "./claim-token.js";
import { attemptOutcomeOf, taskOutcomeOf } from "./outcome-mapping.js";
import { parseStateFilter } from "./paging.js";

describe("claim tokens", () => {
  it("round-trip task and start task claims and refuse anything else", () => {
    expect(parseClaimToken(taskClaimToken("ab12-7", "Job_1", "t-9"))).toEqual({
      kind: "task",
      storeToken: "ab12-7",
      jobId: "Job_1",
      taskId: "t-9",
    });
    expect(parseClaimToken(startTaskClaimToken("tvmps_1_d", 2))).toEqual({
      kind: "startTask",
      nodeId: "tvmps_1_d",
      attempt: 2,
    });
    for (const bad of ["", "t.x", "t.AB.j.t", "t.ab.j/x.t", "s.node.x", "x.a.b.c"]) {
      expect(parseClaimToken(bad)).toBeUndefined();
    }
  });
});

describe("run outcomes", () => {
  const base = { startTime: "s", endTime: "e" };
  it("retries only exit-code failures", () => {
    expect(taskOutcomeOf({ ...base, result: "success", exitCode: 0 })).toEqual({
      kind: "exited",
      exitCode: 0,
    });
    expect(
      taskOutcomeOf({ ...base, result: "failure", exitCode: 2, failureKind: "exitCode" }),
    ).toEqual({
      kind: "exited",
      exitCode: 2,
    });
    expect(
      taskOutcomeOf({ ...base, result: "failure", failureKind: "timeout", exitCode: 137 }).kind,
    ).toBe("timedOut");
    expect(taskOutcomeOf({ ...base, result: "failure", failureKind: "aborted" }).kind).toBe(
      "terminated",
    );
    expect(
      taskOutcomeOf({ ...base, result: "success", exitCode: 0, fileUploadError: true }).kind,
    ).toBe("fileUploadError");
  });

  it("keeps the agent's failure code in the stored completion", () => {
    const report = {
      ...base,
      result: "failure" as const,
      failureKind: "preProcessingError" as const,
      failureInfo: { category: "usererror" as const, code: "BlobNotFound", message: "gone" },
    };
    const run = { state: "running" as const, executionInfo: { retryCount: 0, requeueCount: 0 } };
    const transition = finishAttempt(run, taskOutcomeOf(report), { now: 0, maxTaskRetryCount: -1 });
    expect(attemptOutcomeOf(transition, report)).toEqual({
      kind: "completed",
      exitCode: null,
      result: "failure",
      failureInfo: { category: "usererror", code: "BlobNotFound", message: "gone" },
      dependencyAction: "block",
    });
  });
});

describe("assignments", () => {
  it("resolves storage locations, the embedded storage included", () => {
    expect(resourceOrigin({ autoStorageContainerName: "c", blobPrefix: "p/" })).toEqual({
      sluiceContainer: "c",
      blobPrefix: "p/",
    });
    expect(
      resourceOrigin({
        storageContainerUrl: "http://server:7070/sluice/storage/c/sub",
        blobPrefix: "x",
      }),
    ).toEqual({
      sluiceContainer: "c",
      blobPrefix: "sub/x",
    });
    expect(
      resourceOrigin({ storageContainerUrl: "https://acct.blob.core.windows.net/c?sig=1" }),
    ).toEqual({
      storageContainerUrl: "https://acct.blob.core.windows.net/c?sig=1",
    });
    expect(resourceOrigin({ httpUrl: "https://h/f", filePath: "f" })).toEqual({
      httpUrl: "https://h/f",
    });
    expect(
      outputTarget({
        filePattern: "*.txt",
        destination: { container: { containerUrl: "http://s/sluice/storage/out", path: "logs" } },
        uploadOptions: { uploadCondition: "taskcompletion" },
      }),
    ).toEqual({ sluiceContainer: "out", path: "logs" });
    expect(localStorageOf("not a url")).toBeUndefined();
  });

  it("merges environments, the task's value winning, and reads wall-clock limits", () => {
    expect(
      mergedEnvironment([{ name: "A", value: "1" }, { name: "B" }], [{ name: "A", value: "2" }]),
    ).toEqual([
      { name: "A", value: "2" },
      { name: "B", value: "" },
    ]);
    expect(wallClockMs("PT1M")).toBe(60_000);
    expect(wallClockMs("P10675199DT2H48M5.4775807S")).toBeUndefined();
    expect(wallClockMs(undefined)).toBeUndefined();
  });
});

describe("$filter", () => {
  it("reads state eq '<state>' in any case and refuses anything else", () => {
    const states = ["active", "completed"] as const;
    expect(parseStateFilter("state eq 'completed'", states)).toBe("completed");
    expect(parseStateFilter(" STATE Eq 'Active' ", states)).toBe("active");
    expect(parseStateFilter(undefined, states)).toBeUndefined();
    for (const bad of ["state eq 'gone'", "id eq 'x'", "state eq 'active' and id eq 'x'"]) {
      try {
        parseStateFilter(bad, states);
        expect.unreachable();
      } catch (error) {
        expect(isBatchError(error, "InvalidQueryParameterValue")).toBe(true);
      }
    }
  });
});
