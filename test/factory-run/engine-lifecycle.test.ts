import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { PipelineEngine } from "../../src/factory/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import {
  a,
  activityRuns,
  clearFactories,
  deploy,
  runStore,
  runToEnd,
  startEngine,
  statusesOf,
} from "./engine-kit.js";

// Fails in a first run (its id is its group's id) and succeeds in any rerun of it.
const failsFirstTime = (name: string, deps: unknown[] = []) => ({
  name,
  type: "IfCondition",
  dependsOn: deps,
  typeProperties: {
    expression: { value: "@equals(pipeline().RunId, pipeline().GroupId)", type: "Expression" },
    ifTrueActivities: [a.fail(`${name}Fail`, "first run fails")],
  },
});

async function waitUntil<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeEachDialect("pipeline engine: concurrency, reruns, masking, cancel, resume", (target) => {
  let database: Database;
  let engine: PipelineEngine;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    await engine?.stop();
    await clearFactories(database);
    ({ engine } = startEngine(database));
  });
  afterAll(async () => {
    await engine?.stop();
  });

  it("queues runs beyond the pipeline's concurrency and starts them in order", async () => {
    // 1,000 s of engine time is 1 s of wall time: long enough to look at the queue.
    await deploy(database, "f", { one: { concurrency: 1, activities: [a.wait("W", 1000)] } });
    const first = await engine.createRun("f", "one", {});
    const second = await engine.createRun("f", "one", {});
    const runs = runStore(database);
    await waitUntil(
      () => runs.get(first.runId),
      (run) => run.status === "InProgress",
    );
    expect((await runs.get(second.runId)).status).toBe("Queued");
    const firstEnd = await engine.waitForEnd(first.runId);
    const secondEnd = await engine.waitForEnd(second.runId);
    expect(secondEnd.status).toBe("Succeeded");
    expect(secondEnd.runStart).toBeGreaterThanOrEqual(firstEnd.runEnd ?? Infinity);
  });

  it("reruns from failure: succeeded activities are reused, failed ones run again", async () => {
    await deploy(database, "f", {
      flaky: {
        variables: { v: { type: "String" } },
        activities: [
          a.set("Prepare", "v", "ready"),
          failsFirstTime("Work", [a.after("Prepare", "Succeeded")]),
        ],
      },
    });
    const first = await runToEnd(engine, "f", "flaky");
    expect(first.status).toBe("Failed");
    const rerun = await runToEnd(
      engine,
      "f",
      "flaky",
      {},
      {
        referencePipelineRunId: first.runId,
        startFromFailure: true,
      },
    );
    expect(rerun.status).toBe("Succeeded");
    expect(rerun.runGroupId).toBe(first.runGroupId);
    expect(rerun.referencePipelineRunId).toBe(first.runId);
    const names = (await activityRuns(database, rerun.runId)).map((row) => row.activityName);
    expect(names).toEqual(["Work"]);
    expect((await runStore(database).get(first.runId)).isLatest).toBe(false);
  });

  it("reruns only the failed iterations of a ForEach", async () => {
    await deploy(database, "f", {
      loop: {
        activities: [
          {
            name: "Each",
            type: "ForEach",
            typeProperties: {
              items: { value: "@range(0, 5)", type: "Expression" },
              activities: [
                {
                  name: "Maybe",
                  type: "IfCondition",
                  typeProperties: {
                    expression: {
                      value:
                        "@and(equals(item(), 3), equals(pipeline().RunId, pipeline().GroupId))",
                      type: "Expression",
                    },
                    ifTrueActivities: [a.fail("Bad")],
                    ifFalseActivities: [a.wait("Good", 0)],
                  },
                },
              ],
            },
          },
        ],
      },
    });
    const first = await runToEnd(engine, "f", "loop");
    expect(first.status).toBe("Failed");
    const rerun = await runToEnd(
      engine,
      "f",
      "loop",
      {},
      {
        referencePipelineRunId: first.runId,
        startFromFailure: true,
      },
    );
    expect(rerun.status).toBe("Succeeded");
    const rows = await activityRuns(database, rerun.runId);
    const inner = rows.filter((row) => row.scopePath !== "");
    expect(new Set(inner.map((row) => row.iterationIndex))).toEqual(new Set([3]));
  });

  it("reruns from a named activity, reusing what ran before it", async () => {
    await deploy(database, "f", {
      steps: {
        variables: { log: { type: "Array" } },
        activities: [
          a.append("One", "log", "one"),
          a.append("Two", "log", "two", [a.after("One", "Succeeded")]),
          a.append("Three", "log", "three", [a.after("Two", "Succeeded")]),
        ],
      },
    });
    const first = await runToEnd(engine, "f", "steps");
    const rerun = await runToEnd(
      engine,
      "f",
      "steps",
      {},
      {
        referencePipelineRunId: first.runId,
        startActivityName: "Two",
      },
    );
    expect(rerun.status).toBe("Succeeded");
    expect((await activityRuns(database, rerun.runId)).map((row) => row.activityName)).toEqual([
      "Two",
      "Three",
    ]);
  });

  it("masks SecureString parameters and secure input/output, while expressions see real values", async () => {
    await deploy(database, "f", {
      secret: {
        parameters: { password: { type: "SecureString" } },
        variables: { copy: { type: "String" }, plain: { type: "String" } },
        activities: [
          {
            ...a.set("Hidden", "copy", "@concat('pw=', pipeline().parameters.password)"),
            policy: { secureInput: true, secureOutput: true },
          },
          a.set("Visible", "plain", "@concat('x-', variables('copy'))", [
            a.after("Hidden", "Succeeded"),
          ]),
        ],
      },
    });
    const run = await runToEnd(engine, "f", "secret", { password: "hunter2" });
    expect(run.status).toBe("Succeeded");
    expect(run.variables).toEqual({ copy: "pw=hunter2", plain: "x-pw=hunter2" });
    const rows = await activityRuns(database, run.runId);
    const hidden = rows.find((row) => row.activityName === "Hidden");
    expect(hidden?.input).toBe("**********");
    expect(hidden?.output).toBe("**********");
    const visible = rows.find((row) => row.activityName === "Visible");
    expect(JSON.stringify(visible?.output)).not.toContain("hunter2");
    expect(JSON.stringify(visible?.input)).toContain("**********");
  });

  it("cancels a running run: the activity in progress ends Cancelled, nothing else starts", async () => {
    await deploy(database, "f", {
      long: {
        activities: [a.wait("Long", 3600), a.wait("After", 0, [a.after("Long", "Completed")])],
      },
    });
    const { runId } = await engine.createRun("f", "long", {});
    const runs = runStore(database);
    await waitUntil(
      () => activityRuns(database, runId),
      (rows) => rows.length === 1,
    );
    await engine.cancelRun("f", runId);
    const ended = await engine.waitForEnd(runId);
    expect(ended.status).toBe("Cancelled");
    expect(statusesOf(await activityRuns(database, runId))).toEqual({ Long: "Cancelled" });
    expect((await runs.get(runId)).runEnd).not.toBeNull();
  });

  it("cancels Execute Pipeline children with isRecursive", async () => {
    await deploy(database, "f", {
      slowChild: { activities: [a.wait("Slow", 3600)] },
      parent: {
        activities: [
          {
            name: "Exec",
            type: "ExecutePipeline",
            typeProperties: { pipeline: { referenceName: "slowChild" }, waitOnCompletion: true },
          },
        ],
      },
    });
    const { runId } = await engine.createRun("f", "parent", {});
    const runs = runStore(database);
    const children = await waitUntil(
      () => runs.listChildren(runId),
      (list) => list.some((child) => child.status === "InProgress"),
    );
    await engine.cancelRun("f", runId, { isRecursive: true });
    expect((await engine.waitForEnd(runId)).status).toBe("Cancelled");
    expect((await engine.waitForEnd(children[0]?.runId ?? "")).status).toBe("Cancelled");
  });

  it("resumes a run on another engine after this one stops, without redoing finished work", async () => {
    await deploy(database, "f", {
      resumable: {
        variables: { log: { type: "Array" } },
        activities: [
          a.append("Before", "log", "before"),
          a.wait("Middle", 200, [a.after("Before", "Succeeded")]),
          a.append("After", "log", "after", [a.after("Middle", "Succeeded")]),
        ],
      },
    });
    const { runId } = await engine.createRun("f", "resumable", {});
    await waitUntil(
      () => activityRuns(database, runId),
      (rows) => rows.length === 2,
    );
    await engine.stop();
    const mid = await runStore(database).get(runId);
    expect(mid.status).toBe("InProgress");
    expect(statusesOf(await activityRuns(database, runId))).toEqual({
      Before: "Succeeded",
      Middle: "InProgress",
    });
    ({ engine } = startEngine(database, { owner: "second-server" }));
    const ended = await engine.waitForEnd(runId, AbortSignal.timeout(30_000));
    expect(ended.status).toBe("Succeeded");
    expect(ended.variables).toEqual({ log: ["before", "after"] });
    const rows = await activityRuns(database, runId);
    expect(rows.map((row) => row.activityName)).toEqual(["Before", "Middle", "After"]);
  });
});
