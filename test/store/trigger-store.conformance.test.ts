import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { ManualClock } from "../../src/core/index.js";
import {
  createTriggerStore,
  type Database,
  type NewTriggerRun,
  type TriggerStore,
} from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";

describeEachDialect("TriggerStore", (target) => {
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

  const fire = (
    trigger: string,
    fireKey: string,
    extra: Partial<NewTriggerRun> = {},
  ): NewTriggerRun => ({
    triggerRunId: randomUUID(),
    factory,
    triggerName: trigger,
    triggerType: "ScheduleTrigger",
    fireKey,
    scheduledTime: 0,
    status: "Inprogress",
    ...extra,
  });

  it("starts and stops triggers, a new generation per start, names regardless of case", async () => {
    expect(await store.getState(factory, "Nightly")).toBeUndefined();
    const started = await store.start(factory, "Nightly", 1000);
    expect(started).toMatchObject({
      runtimeState: "Started",
      generation: 1,
      cursor: 1000,
      trigger: "Nightly",
    });
    expect((await store.start(factory, "NIGHTLY", 5)).cursor).toBe(1000);
    expect((await store.stop(factory, "nightly"))?.runtimeState).toBe("Stopped");
    expect(await store.start(factory, "Nightly", 2000)).toMatchObject({
      generation: 2,
      cursor: 2000,
    });
    expect((await store.listStarted()).filter((s) => s.factory === factory)).toHaveLength(1);
    expect(await store.stop(factory, "Ghost")).toBeUndefined();
  });

  it("moves a cursor forward only, and only within its generation", async () => {
    await store.start(factory, "T", 100);
    expect(await store.advanceCursor(factory, "T", 1, 200)).toBe(true);
    expect(await store.advanceCursor(factory, "T", 1, 150)).toBe(false);
    expect(await store.advanceCursor(factory, "T", 2, 300)).toBe(false);
    expect((await store.getState(factory, "T"))?.cursor).toBe(200);
  });

  it("records one fire per trigger and fire key, even from two handles at once", async () => {
    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? store : second).insertRun(fire("T", "2024-01-01T00:00:00.000Z")),
      ),
    );
    expect(attempts.filter((run) => run !== undefined)).toHaveLength(1);
    expect(await store.insertRun(fire("t", "2024-01-01T00:00:00.000Z"))).toBeUndefined();
    expect(await store.insertRun(fire("Other", "2024-01-01T00:00:00.000Z"))).toBeDefined();
    expect(await store.insertRuns([fire("T", "a"), fire("T", "a"), fire("T", "b")])).toBe(2);
  });

  it("updates by compare-and-set on status and lease", async () => {
    const run = await store.insertRun(fire("T", "k", { leaseOwner: "a", leaseMs: 1000 }));
    if (!run) throw new Error("not inserted");
    expect(
      await store.updateRun(run.triggerRunId, { leaseOwner: "b" }, { ifLeaseFreeOr: "b" }),
    ).toBeUndefined();
    clock.advance(1001);
    const taken = await store.updateRun(
      run.triggerRunId,
      { leaseOwner: "b", leaseMs: 1000 },
      { ifLeaseFreeOr: "b" },
    );
    expect(taken?.leaseOwner).toBe("b");
    expect(
      await store.updateRun(run.triggerRunId, { status: "Succeeded" }, { ifStatus: ["Running"] }),
    ).toBeUndefined();
    const done = await store.updateRun(run.triggerRunId, {
      status: "Succeeded",
      triggeredPipelines: { P: "r1" },
      leaseOwner: null,
    });
    expect(done).toMatchObject({
      status: "Succeeded",
      triggeredPipelines: { P: "r1" },
      leaseOwner: null,
      leaseExpiry: 0,
    });
    expect(await store.renewLeases("b", [run.triggerRunId], 1000)).toEqual([run.triggerRunId]);
  });

  it("lists windows in window order, counts them, finds unleased ones", async () => {
    const windows = [3, 1, 2].map((i) =>
      fire("W", String(i), {
        triggerType: "TumblingWindowTrigger",
        status: "Waiting",
        windowStart: i * 10,
        windowEnd: i * 10 + 10,
      }),
    );
    await store.insertRuns(windows);
    expect((await store.listWindows(factory, "w")).map((w) => w.windowStart)).toEqual([10, 20, 30]);
    expect(await store.countWindows(factory, "W", ["Waiting"])).toBe(3);
    expect(await store.lastWindowStart(factory, "W")).toBe(30);
    expect(await store.lastWindowStart(factory, "none")).toBeUndefined();
    const unleased = await store.listUnleased(["Waiting"], clock.now(), 1000);
    expect(unleased.filter((r) => r.factory === factory)).toHaveLength(3);
  });

  it("answers queryTriggerRuns by time range, name and status, in pages", async () => {
    for (let i = 0; i < 5; i++) {
      clock.advance(10);
      await store.insertRun(
        fire(i < 3 ? "A" : "B", String(i), { status: i === 0 ? "Failed" : "Succeeded" }),
      );
    }
    const range = { lastUpdatedAfter: 0, lastUpdatedBefore: clock.now() + 1 };
    const first = await store.queryRuns(factory, { ...range, maxResults: 2 });
    expect(first.items.map((r) => r.fireKey)).toEqual(["4", "3"]);
    const next = await store.queryRuns(factory, {
      ...range,
      maxResults: 2,
      ...(first.continuationToken ? { continuationToken: first.continuationToken } : {}),
    });
    expect(next.items.map((r) => r.fireKey)).toEqual(["2", "1"]);
    expect(
      (
        await store.queryRuns(factory, { ...range, triggerNames: ["a"], statuses: ["Failed"] })
      ).items.map((r) => r.fireKey),
    ).toEqual(["0"]);
  });

  it("keeps a blob cursor per trigger", async () => {
    await store.applyBlobCursor(
      factory,
      "B",
      [
        { container: "c", path: "a.csv", version: "1", size: 3 },
        { container: "c", path: "b.csv", version: "1", size: 0 },
      ],
      [],
    );
    await store.applyBlobCursor(
      factory,
      "B",
      [{ container: "c", path: "a.csv", version: "2", size: 4 }],
      [{ container: "c", path: "b.csv", version: "1", size: 0 }],
    );
    expect(await store.listBlobCursor(factory, "b")).toEqual([
      { container: "c", path: "a.csv", version: "2", size: 4 },
    ]);
    await store.clearBlobCursor(factory, "B");
    expect(await store.listBlobCursor(factory, "B")).toEqual([]);
  });
});
