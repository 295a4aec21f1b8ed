import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { PipelineEngine } from "../../src/factory/index.js";
import type { ActivityRunRecord, Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { a, activityRuns, clearFactories, deploy, runToEnd, startEngine } from "./engine-kit.js";

// Many iterations ending at once share commits (group commit): these check that nothing is
// lost or done twice by that, with and without a restart in the middle.

const forEach = (items: number, batchCount: number, inner: unknown[]) => ({
  name: "Each",
  type: "ForEach",
  typeProperties: {
    items: { value: `@range(0, ${items})`, type: "Expression" },
    batchCount,
    activities: inner,
  },
});

const filter = (name: string) => ({
  name,
  type: "Filter",
  typeProperties: {
    items: { value: "@createArray(1, 2, 3)", type: "Expression" },
    condition: { value: "@greater(item(), 1)", type: "Expression" },
  },
});

/** Each (container, activity) pair once, and their count. */
function expectEachOnce(rows: readonly ActivityRunRecord[], count: number): void {
  const keys = rows.map((row) => `${row.scopePath}/${row.activityName}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys).toHaveLength(count);
}

async function waitUntil(ok: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error("condition not met in 30 s");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describeEachDialect("pipeline engine: many activities ending at once", (target) => {
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

  it("records every iteration once and loses no parallel Append Variable", async () => {
    await deploy(database, "f", {
      wide: {
        variables: { seen: { type: "Array" } },
        activities: [
          forEach(300, 50, [
            filter("Pick"),
            a.append("Note", "seen", "@item()", [a.after("Pick", "Succeeded")]),
          ]),
        ],
      },
    });
    const run = await runToEnd(engine, "f", "wide");
    expect(run.status).toBe("Succeeded");
    const seen = (run.variables as { seen: number[] }).seen;
    expect([...seen].sort((x, y) => x - y)).toEqual([...Array(300).keys()]);
    expectEachOnce(await activityRuns(database, run.runId), 1 + 300 * 2);
  }, 60_000);

  it("resumes a wide ForEach after a stop without redoing finished iterations", async () => {
    await deploy(database, "f", {
      resumable: {
        variables: { seen: { type: "Array" } },
        activities: [
          forEach(200, 50, [
            a.wait("Pause", 30),
            a.append("Note", "seen", "@item()", [a.after("Pause", "Succeeded")]),
          ]),
        ],
      },
    });
    const { runId } = await engine.createRun("f", "resumable", {});
    const notes = async () =>
      (await activityRuns(database, runId)).filter((row) => row.activityName === "Note");
    await waitUntil(async () => (await notes()).length >= 50);
    await engine.stop();
    const before = await notes();
    expect(before.length).toBeLessThan(200);
    ({ engine } = startEngine(database, { owner: "second-server" }));
    const ended = await engine.waitForEnd(runId, AbortSignal.timeout(30_000));
    expect(ended.status).toBe("Succeeded");
    const seen = (ended.variables as { seen: number[] }).seen;
    expect([...seen].sort((x, y) => x - y)).toEqual([...Array(200).keys()]);
    const rows = await activityRuns(database, runId);
    expectEachOnce(rows, 1 + 200 * 2);
    // The notes written before the stop are the same rows, untouched.
    const after = new Map(rows.map((row) => [row.activityRunId, row.etag]));
    for (const note of before) expect(after.get(note.activityRunId)).toBe(note.etag);
  }, 60_000);
});
