import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { PipelineEngine } from "../../src/factory/index.js";
import type { ActivityRunRecord, Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { a, activityRuns, clearFactories, deploy, runToEnd, startEngine } from "./engine-kit.js";

/** The most rows whose [start, end] intervals overlap at one instant. */
function maxOverlap(rows: readonly ActivityRunRecord[]): number {
  const events = rows.flatMap((row) => [
    { at: row.activityRunStart, delta: 1 },
    { at: row.activityRunEnd ?? row.activityRunStart, delta: -1 },
  ]);
  events.sort((x, y) => x.at - y.at || x.delta - y.delta);
  let current = 0;
  let max = 0;
  for (const event of events) {
    current += event.delta;
    max = Math.max(max, current);
  }
  return max;
}

const forEach = (name: string, items: string, activities: unknown[], extra: object = {}) => ({
  name,
  type: "ForEach",
  typeProperties: { items: { value: items, type: "Expression" }, activities, ...extra },
});

describeEachDialect("pipeline engine: control flow", (target) => {
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

  it("runs every ForEach item, at most batchCount at once, each seeing its item()", async () => {
    await deploy(database, "f", {
      loop: {
        variables: { seen: { type: "Array" } },
        activities: [
          forEach(
            "Each",
            "@range(0, 12)",
            [
              a.wait("Pause", 20),
              a.append("Note", "seen", "@item()", [a.after("Pause", "Succeeded")]),
            ],
            { batchCount: 3 },
          ),
        ],
      },
    });
    const run = await runToEnd(engine, "f", "loop");
    expect(run.status).toBe("Succeeded");
    const seen = (run.variables as { seen: number[] }).seen;
    expect([...seen].sort((x, y) => x - y)).toEqual([...Array(12).keys()]);
    const rows = await activityRuns(database, run.runId);
    const pauses = rows.filter((row) => row.activityName === "Pause");
    expect(pauses).toHaveLength(12);
    expect(new Set(pauses.map((row) => row.iterationIndex))).toEqual(
      new Set([...Array(12).keys()]),
    );
    expect(maxOverlap(pauses)).toBeLessThanOrEqual(3);
    expect(maxOverlap(pauses)).toBeGreaterThan(1);
  });

  it("runs a sequential ForEach one item after another, in order", async () => {
    await deploy(database, "f", {
      ordered: {
        variables: { seen: { type: "Array" } },
        activities: [
          forEach(
            "Each",
            "@createArray('a','b','c','d')",
            [
              a.wait("Pause", 5),
              a.append("Note", "seen", "@item()", [a.after("Pause", "Succeeded")]),
            ],
            {
              isSequential: true,
            },
          ),
        ],
      },
    });
    const run = await runToEnd(engine, "f", "ordered");
    expect(run.variables).toEqual({ seen: ["a", "b", "c", "d"] });
    const pauses = (await activityRuns(database, run.runId)).filter(
      (r) => r.activityName === "Pause",
    );
    expect(maxOverlap(pauses)).toBe(1);
  });

  it("nests ForEach in ForEach, the inner item() hiding the outer one", async () => {
    await deploy(database, "f", {
      nested: {
        variables: { pairs: { type: "Array" }, outer: { type: "String" } },
        activities: [
          forEach(
            "Outer",
            "@createArray('x','y')",
            [
              forEach("Inner", "@createArray(1, 2, 3)", [a.append("Add", "pairs", "@item()")], {
                isSequential: true,
              }),
            ],
            { isSequential: true },
          ),
        ],
      },
    });
    const run = await runToEnd(engine, "f", "nested");
    expect(run.status).toBe("Succeeded");
    expect(run.variables).toEqual({ pairs: [1, 2, 3, 1, 2, 3], outer: null });
    const adds = (await activityRuns(database, run.runId)).filter((r) => r.activityName === "Add");
    expect(adds.map((row) => row.scopePath)).toEqual([
      "Outer[0]/Inner[0]",
      "Outer[0]/Inner[1]",
      "Outer[0]/Inner[2]",
      "Outer[1]/Inner[0]",
      "Outer[1]/Inner[1]",
      "Outer[1]/Inner[2]",
    ]);
  });

  it("fails a ForEach when an iteration fails, after running every iteration", async () => {
    await deploy(database, "f", {
      partly: {
        variables: { done: { type: "Array" } },
        activities: [
          forEach(
            "Each",
            "@range(0, 5)",
            [
              {
                name: "Check",
                type: "IfCondition",
                typeProperties: {
                  expression: { value: "@equals(item(), 2)", type: "Expression" },
                  ifTrueActivities: [a.fail("Boom", "@{concat('bad item ', string(item()))}")],
                  ifFalseActivities: [a.append("Done", "done", "@item()")],
                },
              },
            ],
            { isSequential: true },
          ),
        ],
      },
    });
    const run = await runToEnd(engine, "f", "partly");
    expect(run.status).toBe("Failed");
    expect(run.variables).toEqual({ done: [0, 1, 3, 4] });
    const each = (await activityRuns(database, run.runId)).find((r) => r.activityName === "Each");
    expect(each?.error?.message).toContain("Inner activity name: Check");
    expect(each?.error?.message).toContain("bad item 2");
  });

  it("picks Switch cases and runs Until until its expression holds", async () => {
    await deploy(database, "f", {
      branching: {
        parameters: { mode: { type: "String" } },
        variables: { out: { type: "String" }, count: { type: "Array" } },
        activities: [
          {
            name: "Pick",
            type: "Switch",
            typeProperties: {
              on: "@pipeline().parameters.mode",
              cases: [
                { value: "a", activities: [a.set("SetA", "out", "was a")] },
                { value: "b", activities: [a.set("SetB", "out", "was b")] },
              ],
              defaultActivities: [a.set("SetDefault", "out", "other")],
            },
          },
          {
            name: "Loop",
            type: "Until",
            typeProperties: {
              expression: {
                value: "@greaterOrEquals(length(variables('count')), 3)",
                type: "Expression",
              },
              timeout: "0.00:10:00",
              activities: [a.append("Tick", "count", 1)],
            },
          },
        ],
      },
    });
    const b = await runToEnd(engine, "f", "branching", { mode: "b" });
    expect(b.status).toBe("Succeeded");
    expect(b.variables).toEqual({ out: "was b", count: [1, 1, 1] });
    const other = await runToEnd(engine, "f", "branching", { mode: "zzz" });
    expect(other.variables).toMatchObject({ out: "other" });
    const ticks = (await activityRuns(database, b.runId)).filter((r) => r.activityName === "Tick");
    expect(ticks.map((row) => row.scopePath)).toEqual(["Loop[0]", "Loop[1]", "Loop[2]"]);
  });

  it("keeps a Filter's output for the next activity", async () => {
    await deploy(database, "f", {
      filtering: {
        variables: { kept: { type: "Array" } },
        activities: [
          {
            name: "Evens",
            type: "Filter",
            typeProperties: {
              items: { value: "@range(1, 6)", type: "Expression" },
              condition: { value: "@equals(mod(item(), 2), 0)", type: "Expression" },
            },
          },
          a.set("Keep", "kept", "@activity('Evens').output.value", [a.after("Evens", "Succeeded")]),
        ],
      },
    });
    const run = await runToEnd(engine, "f", "filtering");
    expect(run.variables).toEqual({ kept: [2, 4, 6] });
  });
});
