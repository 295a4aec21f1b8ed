import { describe, expect, it } from "vitest";
import type { ActivityRunRecord, PipelineRunRecord } from "../../store/index.js";
import { secureParameterNames } from "./run-secret-lookup.js";
import { activityRunView, parameterSecrets, pipelineRunView } from "./run-views.js";

const t0 = Date.UTC(2026, 0, 1, 10);

const run: PipelineRunRecord = {
  runId: "11111111-1111-4111-8111-111111111111",
  factory: "f",
  pipelineName: "Load",
  pipelineVersion: 2,
  status: "Failed",
  parameters: { Password: "hunter2", region: "eu", apiKey: null },
  invokedBy: { name: "Manual", id: "m-1", invokedByType: "Manual" },
  runStart: t0,
  runEnd: t0 + 1500,
  durationInMs: 1500,
  message: "Login with hunter2 failed",
  runGroupId: "11111111-1111-4111-8111-111111111111",
  isLatest: true,
  parentRunId: null,
  referencePipelineRunId: null,
  isRecovery: false,
  annotations: ["nightly"],
  runDimensions: { team: "data" },
  variables: {},
  returnValue: null,
  engineState: { internal: true },
  leaseOwner: "server-1",
  leaseExpiry: 0,
  etag: "e1",
  lastUpdated: t0 + 1500,
  creationTime: t0,
};

const activity: ActivityRunRecord = {
  activityRunId: "22222222-2222-4222-8222-222222222222",
  pipelineRunId: run.runId,
  activityName: "Call",
  activityType: "WebActivity",
  status: "InProgress",
  inactive: false,
  linkedServiceName: null,
  input: { url: "https://x/?key=hunter2", method: "GET" },
  output: null,
  error: null,
  retryAttempt: null,
  activityRunStart: t0 + 10,
  activityRunEnd: null,
  durationInMs: null,
  scopePath: "",
  iterationIndex: null,
  batchTask: null,
  userProperties: { owner: "me" },
  engineState: null,
  etag: "a1",
  lastUpdated: t0 + 10,
  creationTime: t0 + 10,
};

const secrets = { secureNames: ["password", "apiKey"], secrets: ["hunter2"] };

describe("pipeline run view", () => {
  it("is ADF's PipelineRun: ISO times, ADF's fields, nothing of the engine's", () => {
    expect(pipelineRunView(run)).toEqual({
      id: `/factories/f/pipelineruns/${run.runId}`,
      runId: run.runId,
      runGroupId: run.runGroupId,
      isLatest: true,
      pipelineName: "Load",
      parameters: { Password: "hunter2", region: "eu", apiKey: null },
      runDimensions: { team: "data" },
      invokedBy: { name: "Manual", id: "m-1", invokedByType: "Manual" },
      lastUpdated: "2026-01-01T10:00:01.500Z",
      runStart: "2026-01-01T10:00:00.000Z",
      runEnd: "2026-01-01T10:00:01.500Z",
      durationInMs: 1500,
      status: "Failed",
      message: "Login with hunter2 failed",
      annotations: ["nightly"],
    });
  });

  it("masks SecureString parameters (any case) and their values anywhere else", () => {
    const view = pipelineRunView(run, secrets);
    expect(view.parameters).toEqual({ Password: "**********", region: "eu", apiKey: null });
    expect(view.message).toBe("Login with ********** failed");
  });

  it("shows an unfinished run without an end and a child run's parent", () => {
    const child = pipelineRunView({
      ...run,
      runEnd: null,
      durationInMs: null,
      invokedBy: {
        name: "Exec",
        id: "x",
        invokedByType: "PipelineActivity",
        pipelineName: "Master",
        pipelineRunId: "p-1",
      },
    });
    expect(child).toMatchObject({ runEnd: null, durationInMs: null });
    expect(child.invokedBy).toEqual({
      name: "Exec",
      id: "x",
      invokedByType: "PipelineActivity",
      pipelineName: "Master",
      pipelineRunId: "p-1",
    });
  });
});

describe("activity run view", () => {
  it("is ADF's ActivityRun, with ADF's empty error and linked service while there are none", () => {
    expect(activityRunView(activity, "Load")).toEqual({
      activityRunId: activity.activityRunId,
      activityName: "Call",
      activityType: "WebActivity",
      pipelineRunId: run.runId,
      pipelineName: "Load",
      status: "InProgress",
      activityRunStart: "2026-01-01T10:00:00.010Z",
      activityRunEnd: null,
      durationInMs: null,
      input: { url: "https://x/?key=hunter2", method: "GET" },
      output: null,
      error: { errorCode: "", message: "", failureType: "", target: "Call", details: "" },
      retryAttempt: null,
      linkedServiceName: "",
      userProperties: { owner: "me" },
      iterationHash: "",
    });
  });

  it("masks the run's secrets inside input, output and error", () => {
    const failed = activityRunView(
      {
        ...activity,
        status: "Failed",
        output: { echoed: ["hunter2"] },
        error: {
          errorCode: "2108",
          message: "401 for key hunter2",
          failureType: "UserError",
          target: "Call",
        },
      },
      "Load",
      secrets,
    );
    expect(failed.input).toEqual({ url: "https://x/?key=**********", method: "GET" });
    expect(failed.output).toEqual({ echoed: ["**********"] });
    expect(failed.error).toMatchObject({ message: "401 for key **********", errorCode: "2108" });
  });

  it("gives the activities of one ForEach iteration one iterationHash", () => {
    const inIteration = (scopePath: string, name: string) =>
      activityRunView({ ...activity, activityName: name, scopePath, iterationIndex: 3 }, "Load")
        .iterationHash;
    const a = inIteration("ForEach1[3]", "A");
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(inIteration("ForEach1[3]", "B")).toBe(a);
    expect(inIteration("ForEach1[3]/If1.true", "C")).toBe(a);
    expect(inIteration("ForEach1[4]", "A")).not.toBe(a);
  });
});

describe("secret helpers", () => {
  it("finds SecureString parameters in a pipeline's JSON, in any case of the type", () => {
    const names = secureParameterNames({
      name: "Load",
      properties: {
        activities: [],
        parameters: { pw: { type: "securestring" }, n: { type: "Int" }, odd: "x" },
      },
    });
    expect(names).toEqual(["pw"]);
    expect(secureParameterNames({ name: "NoParams", properties: {} })).toEqual([]);
  });

  it("takes the secure values' text, JSON for non-text, skipping nulls", () => {
    expect(parameterSecrets({ PW: "s", obj: { a: 1 }, none: null }, ["pw", "OBJ", "none"])).toEqual(
      ["s", '{"a":1}'],
    );
  });
});
