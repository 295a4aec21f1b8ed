// The batch fire path of the trigger store on both dialects: fires and their pipeline runs
// commit together, a fire key is recorded once even by two handles racing, a failed batch
// leaves nothing, and the pipeline run store starts many queued runs in one write.
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { ManualClock } from "../../src/core/index.js";
import {
  createPipelineRunStore,
  createTriggerStore,
  type Database,
  type NewFire,
  type TriggerStore,
} from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";

describeEachDialect("TriggerStore.recordFires", (target) => {
  let database: Database;
  let other: Database;
  let clock: ManualClock;
  let store: TriggerStore;
  let second: TriggerStore;
  let factory: string;

  beforeAll(async () => {
    database = await target.open();
    other = await target.open();
  });

  beforeEach(() => {
    clock = new ManualClock(Date.parse("2024-01-01T00:00:00Z"));
    store = createTriggerStore(database, { clock });
    second = createTriggerStore(other, { clock });
    factory = `F${randomUUID().slice(0, 8)}`;
  });

  const fire = (trigger: string, minute: number, runIds = [randomUUID()]): NewFire => {
    const triggerRunId = randomUUID();
    const scheduledTime = Date.parse("2024-01-01T00:00:00Z") + minute * 60_000;
    return {
      triggerRun: {
        triggerRunId,
        factory,
        triggerName: trigger,
        triggerType: "ScheduleTrigger",
        fireKey: new Date(scheduledTime).toISOString(),
        scheduledTime,
        status: "Succeeded",
        triggeredPipelines: { P: runIds[0] ?? "" },
      },
      pipelineRuns: runIds.map((runId) => ({
        runId,
        factory,
        pipelineName: "P",
        invokedBy: { name: trigger, id: triggerRunId, invokedByType: "ScheduleTrigger" },
      })),
    };
  };

  const pipelineRunCount = async () => {
    const row = await database.db
      .selectFrom("pipeline_runs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("factory_name", "=", factory)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it("records fires with their runs and moves cursors in one write", async () => {
    await store.start(factory, "A", 0);
    await store.start(factory, "B", 0);
    const fires = [fire("A", 1), fire("B", 1), fire("A", 2)];
    const cursors = ["A", "B"].map((trigger) => ({
      factory,
      trigger,
      generation: 1,
      cursor: Date.parse("2024-01-01T00:02:00Z"),
    }));
    const inserted = await store.recordFires(fires, cursors);
    expect(inserted.sort()).toEqual(fires.map((f) => f.triggerRun.triggerRunId).sort());
    expect(await pipelineRunCount()).toBe(3);
    const recorded = await store.getRun(fires[0]!.triggerRun.triggerRunId);
    expect(recorded.status).toBe("Succeeded");
    expect(recorded.triggeredPipelines).toEqual({ P: fires[0]!.pipelineRuns[0]!.runId });
    expect((await store.getState(factory, "A"))?.cursor).toBe(cursors[0]!.cursor);
    expect((await store.getState(factory, "B"))?.cursor).toBe(cursors[0]!.cursor);
    // A stale generation or an older cursor does not move it.
    await store.recordFires([], [{ ...cursors[0]!, cursor: 1 }]);
    expect((await store.getState(factory, "A"))?.cursor).toBe(cursors[0]!.cursor);
  });

  it("skips a fire key already taken, with its runs, even from two handles at once", async () => {
    const batches = Array.from({ length: 6 }, () =>
      Array.from({ length: 30 }, (_, i) => fire(`T${i % 3}`, i)),
    );
    const results = await Promise.all(
      batches.map((batch, i) => (i % 2 === 0 ? store : second).recordFires(batch)),
    );
    expect(results.flat()).toHaveLength(30);
    expect(await pipelineRunCount()).toBe(30);
    const page = await store.queryRuns(factory, {
      lastUpdatedAfter: 0,
      lastUpdatedBefore: Number.MAX_SAFE_INTEGER,
      maxResults: 1000,
    });
    expect(page.items).toHaveLength(30);
    const winners = new Set(results.flat());
    const runIds = await database.db
      .selectFrom("pipeline_runs")
      .select(["run_id", "invoked_by"])
      .where("factory_name", "=", factory)
      .execute();
    // Every pipeline run belongs to a fire that was recorded.
    for (const row of runIds) {
      const invokedBy = JSON.parse(row.invoked_by) as { id: string };
      expect(winners.has(invokedBy.id)).toBe(true);
    }
  });

  it("stores nothing of a batch that fails part way", async () => {
    const taken = randomUUID();
    await store.recordFires([fire("A", 1, [taken])]);
    const batch = [fire("A", 2), fire("B", 2), fire("C", 2, [taken])];
    await expect(store.recordFires(batch)).rejects.toThrow();
    expect(await store.getByFireKey(factory, "A", "2024-01-01T00:02:00.000Z")).toBeUndefined();
    expect(await store.getByFireKey(factory, "B", "2024-01-01T00:02:00.000Z")).toBeUndefined();
    expect(await pipelineRunCount()).toBe(1);
  });

  it("starts many queued runs in one write, leaving the ones no longer queued", async () => {
    const runs = createPipelineRunStore(database, { clock });
    const fires = Array.from({ length: 5 }, (_, i) => fire("A", i));
    await store.recordFires(fires);
    const ids = fires.map((f) => f.pipelineRuns[0]!.runId);
    await runs.update(ids[4]!, { status: "Cancelled" });
    clock.advance(1234);
    const started = await runs.startMany(ids);
    expect(started.map((run) => run.runId).sort()).toEqual(ids.slice(0, 4).sort());
    expect(started.every((run) => run.status === "InProgress")).toBe(true);
    expect(started.every((run) => run.runStart === clock.now())).toBe(true);
    expect((await runs.get(ids[4]!)).status).toBe("Cancelled");
    expect(await runs.startMany(ids)).toEqual([]);
  });
});
