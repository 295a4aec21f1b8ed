import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { isSluiceError, systemClock, systemRandom } from "../../src/core/index.js";
import { GroupCommit } from "../../src/factory/run/group-commit.js";
import {
  createActivityRunStore,
  createPipelineRunStore,
  type Database,
} from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { activityRuns, clearFactories, deploy } from "./engine-kit.js";

const deps = { clock: systemClock, random: systemRandom };

describeEachDialect("group commit of the engine's writes", (target) => {
  let database: Database;
  let reader: Database;
  let transactions: number;
  let group: GroupCommit;
  let runId: string;

  beforeAll(async () => {
    database = await target.open();
    // A second handle reads what is committed, as another server would.
    reader = await target.open();
  });
  afterAll(async () => {
    await reader.close();
    await database.close();
  });
  beforeEach(async () => {
    await clearFactories(database);
    await deploy(database, "f", { p: { activities: [] } });
    const run = await createPipelineRunStore(database).create({
      factory: "f",
      pipelineName: "p",
      invokedBy: { name: "Manual", id: "m", invokedByType: "Manual" },
      variables: {},
    });
    runId = run.runId;
    transactions = 0;
    // The real database, counting the transactions it is asked for.
    const counted: Database = {
      ...database,
      writeTransaction: (work) => {
        transactions += 1;
        return database.writeTransaction(work);
      },
    };
    group = new GroupCommit(counted, deps);
  });

  const row = (name: string, activityRunId?: string) => ({
    activityName: name,
    activityType: "Filter",
    status: "Succeeded" as const,
    ...(activityRunId ? { activityRunId } : {}),
  });

  it("commits the writes of one turn in one transaction, visible once they resolve", async () => {
    const names = Array.from({ length: 40 }, (_, i) => `A${i}`);
    const created = await Promise.all(names.map((name) => group.addRows(runId, [row(name)])));
    expect(transactions).toBe(1);
    expect(created.map((records) => records.map((r) => r.activityName))).toEqual(
      names.map((name) => [name]),
    );
    const seen = await activityRuns(reader, runId);
    expect(seen.map((r) => r.activityName)).toEqual(names);
  });

  it("applies writes in the order submitted", async () => {
    const writes = [1, 2, 3].map((n) =>
      group.submit((s) => s.runs.update(runId, { variables: { n } })),
    );
    await Promise.all(writes);
    expect((await createPipelineRunStore(reader).get(runId)).variables).toEqual({ n: 3 });
  });

  it("rejects only the write that fails; the others of its batch commit", async () => {
    const id = "6f1c1a52-93b6-4c47-9d4e-8f8b1d5b2a10";
    await createActivityRunStore(database).createMany(runId, [row("Taken", id)]);
    const results = await Promise.allSettled([
      group.addRows(runId, [row("First")]),
      group.addRows(runId, [row("Again", id)]),
      group.submit((s) => s.activities.createMany(runId, [row("Last")])),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const failure = results[1]?.status === "rejected" ? results[1].reason : undefined;
    expect(isSluiceError(failure) && failure.code).toBe("StoreDuplicate");
    const names = (await activityRuns(reader, runId)).map((r) => r.activityName);
    expect(names).toEqual(["Taken", "First", "Last"]);
  });

  it("starts the next batch with what was submitted while one committed", async () => {
    await group.addRows(runId, [row("One")]);
    await Promise.all([
      group.addRows(runId, [row("Two")]),
      group.submit((s) => s.runs.update(runId, { variables: { step: 2 } })),
      group.addRows(runId, [row("Three")]),
    ]);
    expect(transactions).toBe(2);
    expect((await activityRuns(reader, runId)).map((r) => r.activityName)).toEqual([
      "One",
      "Two",
      "Three",
    ]);
  });
});
