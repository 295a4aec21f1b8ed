import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { PipelineEngine } from "../../src/factory/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import {
  a,
  activityRuns,
  clearFactories,
  deploy,
  errorCodeOf,
  runToEnd,
  startEngine,
  statusesOf,
} from "./engine-kit.js";

describeEachDialect("pipeline engine: ADF semantics", (target) => {
  let database: Database;
  let engine: PipelineEngine;
  let requested: number[];
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    await engine?.stop();
    await clearFactories(database);
    ({ engine, requested } = startEngine(database));
  });
  afterAll(async () => {
    await engine?.stop();
  });

  it("runs sequential Set Variable activities, each reading the one before", async () => {
    await deploy(database, "f", {
      chain: {
        variables: { v: { type: "String", defaultValue: "" } },
        activities: [
          a.set("S1", "v", "one"),
          a.set("S2", "v", "@concat(variables('v'), '-two')", [a.after("S1", "Succeeded")]),
          a.set("S3", "v", "@concat(variables('v'), '-', pipeline().parameters.p)", [
            a.after("S2", "Succeeded"),
          ]),
        ],
        parameters: { p: { type: "String" } },
      },
    });
    const run = await runToEnd(engine, "f", "chain", { p: "three" });
    expect(run.status).toBe("Succeeded");
    expect(run.variables).toEqual({ v: "one-two-three" });
    const rows = await activityRuns(database, run.runId);
    expect(rows.map((row) => [row.activityName, row.status])).toEqual([
      ["S1", "Succeeded"],
      ["S2", "Succeeded"],
      ["S3", "Succeeded"],
    ]);
    expect(rows[2]?.output).toEqual({ name: "v", value: "one-two-three" });
    expect(run.runEnd).not.toBeNull();
    expect(run.durationInMs).toBeGreaterThanOrEqual(0);
  });

  it("applies the leaf rule: Try-Catch succeeds, Do-If-Else fails, Do-If-Skip-Else succeeds", async () => {
    await deploy(database, "f", {
      tryCatch: {
        activities: [a.fail("Try"), a.wait("Catch", 0, [a.after("Try", "Failed")])],
      },
      doIfElse: {
        activities: [
          a.fail("Do"),
          a.wait("OnSuccess", 0, [a.after("Do", "Succeeded")]),
          a.wait("OnFailure", 0, [a.after("Do", "Failed")]),
        ],
      },
      doIfSkipElse: {
        activities: [
          a.fail("Do"),
          a.wait("OnSuccess", 0, [a.after("Do", "Succeeded")]),
          a.wait("OnFailure", 0, [a.after("Do", "Failed")]),
          a.wait("Next", 0, [a.after("OnSuccess", "Skipped")]),
        ],
      },
    });
    const tryCatch = await runToEnd(engine, "f", "tryCatch");
    expect(tryCatch.status).toBe("Succeeded");
    const doIfElse = await runToEnd(engine, "f", "doIfElse");
    expect(doIfElse.status).toBe("Failed");
    expect(doIfElse.message).toBe("Operation on target Do failed: boom");
    expect(statusesOf(await activityRuns(database, doIfElse.runId))).toEqual({
      Do: "Failed",
      OnSuccess: "Skipped",
      OnFailure: "Succeeded",
    });
    const skipElse = await runToEnd(engine, "f", "doIfSkipElse");
    expect(skipElse.status).toBe("Succeeded");
  });

  it("cascades Skipped down a chain and records each skipped activity", async () => {
    await deploy(database, "f", {
      cascade: {
        activities: [
          a.fail("A"),
          a.wait("B", 0, [a.after("A", "Succeeded")]),
          a.wait("C", 0, [a.after("B", "Succeeded")]),
          a.wait("D", 0, [a.after("C", "Completed")]),
          a.wait("E", 0, [a.after("C", "Skipped")]),
        ],
      },
    });
    const run = await runToEnd(engine, "f", "cascade");
    const statuses = statusesOf(await activityRuns(database, run.runId));
    expect(statuses).toEqual({
      A: "Failed",
      B: "Skipped",
      C: "Skipped",
      D: "Skipped",
      E: "Succeeded",
    });
    // Leaves D (skipped → C → B → A failed) and E (succeeded): A failed, so the run failed.
    expect(run.status).toBe("Failed");
  });

  it("retries a failing attempt after retryIntervalInSeconds, each attempt a row", async () => {
    await deploy(database, "f", {
      retries: {
        activities: [
          a.wait("Slow", 600, [], { timeout: "0.00:00:02", retry: 2, retryIntervalInSeconds: 45 }),
        ],
      },
    });
    const run = await runToEnd(engine, "f", "retries");
    expect(run.status).toBe("Failed");
    const rows = await activityRuns(database, run.runId);
    expect(rows.map((row) => [row.status, row.retryAttempt])).toEqual([
      ["Failed", null],
      ["Failed", 1],
      ["Failed", 2],
    ]);
    expect(rows.every((row) => row.error?.errorCode === "ActionTimedOut")).toBe(true);
    // Two waits of the retry interval (45 s), each requested once the attempt failed.
    const retryWaits = requested.filter((ms) => ms > 40_000 && ms <= 45_000);
    expect(retryWaits).toHaveLength(2);
    expect(run.message).toContain("Operation on target Slow failed");
  });

  it("marks inactive activities with onInactiveMarkAs without running them", async () => {
    await deploy(database, "f", {
      inactive: {
        activities: [
          { ...a.fail("Off"), state: "Inactive", onInactiveMarkAs: "Succeeded" },
          a.wait("Then", 0, [a.after("Off", "Succeeded")]),
        ],
      },
    });
    const run = await runToEnd(engine, "f", "inactive");
    expect(run.status).toBe("Succeeded");
    const rows = await activityRuns(database, run.runId);
    const off = rows.find((row) => row.activityName === "Off");
    expect(off?.status).toBe("Succeeded");
    expect(off?.inactive).toBe(true);
  });

  it("fails an activity type Sluice does not run, so an Upon Failure path behaves as on ADF", async () => {
    await deploy(database, "f", {
      unsupported: {
        activities: [
          { name: "Notebook", type: "DatabricksNotebook", typeProperties: {} },
          a.wait("Fallback", 0, [a.after("Notebook", "Failed")]),
        ],
      },
    });
    const run = await runToEnd(engine, "f", "unsupported");
    expect(run.status).toBe("Succeeded");
    const rows = await activityRuns(database, run.runId);
    expect(rows[0]?.error?.errorCode).toBe("ActivityTypeNotSupported");
    expect(rows[0]?.error?.message).toContain("DatabricksNotebook");
  });

  it("refuses a run with a missing required parameter and stores nothing", async () => {
    await deploy(database, "f", {
      needs: { parameters: { p: { type: "Int" } }, activities: [a.wait("W", 0)] },
    });
    expect(await errorCodeOf(engine.createRun("f", "needs", {}))).toBe("PipelineParameterInvalid");
    expect(await errorCodeOf(engine.createRun("f", "needs", { p: "x" }))).toBe(
      "PipelineParameterInvalid",
    );
    expect(await errorCodeOf(engine.createRun("f", "missing", {}))).toBe("StoreNotFound");
    const count = await database.db
      .selectFrom("pipeline_runs")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("sets the pipeline return value an Execute Pipeline parent reads", async () => {
    await deploy(database, "f", {
      child: {
        parameters: { n: { type: "Int" } },
        activities: [
          {
            name: "Return",
            type: "SetVariable",
            typeProperties: {
              variableName: "pipelineReturnValue",
              setSystemVariable: true,
              value: [
                {
                  key: "doubled",
                  value: { type: "Expression", content: "@mul(pipeline().parameters.n, 2)" },
                },
                { key: "label", value: { type: "String", content: "done" } },
              ],
            },
          },
        ],
      },
      parent: {
        variables: { got: { type: "String" } },
        activities: [
          {
            name: "Exec",
            type: "ExecutePipeline",
            typeProperties: {
              pipeline: { referenceName: "child", type: "PipelineReference" },
              parameters: { n: 21 },
              waitOnCompletion: true,
            },
          },
          a.set(
            "Read",
            "got",
            "@{activity('Exec').output.pipelineReturnValue.doubled}/@{activity('Exec').output.pipelineReturnValue.label}",
            [a.after("Exec", "Succeeded")],
          ),
        ],
      },
    });
    const run = await runToEnd(engine, "f", "parent");
    expect(run.status).toBe("Succeeded");
    expect(run.variables).toEqual({ got: "42/done" });
    const exec = (await activityRuns(database, run.runId))[0];
    const childRunId = (exec?.output as { pipelineRunId: string }).pipelineRunId;
    const child = await engine.waitForEnd(childRunId);
    expect(child.parentRunId).toBe(run.runId);
    expect(child.invokedBy.invokedByType).toBe("PipelineActivity");
    expect(child.returnValue).toEqual({ doubled: 42, label: "done" });
  });

  it("fails Execute Pipeline with the child's error when the child fails", async () => {
    await deploy(database, "f", {
      bad: { activities: [a.fail("Inner", "inner broke")] },
      top: {
        activities: [
          {
            name: "Exec",
            type: "ExecutePipeline",
            typeProperties: { pipeline: { referenceName: "bad" }, waitOnCompletion: true },
          },
        ],
      },
    });
    const run = await runToEnd(engine, "f", "top");
    expect(run.status).toBe("Failed");
    expect(run.message).toBe(
      "Operation on target Exec failed: Operation on target Inner failed: inner broke",
    );
  });
});
