// The scheduler over a real store on both dialects: two schedulers sharing one database fire
// each schedule time once; tumbling windows backfill oldest first under maxConcurrency.
import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { ManualClock } from "../../src/core/index.js";
import {
  createFactoryService,
  createPipelineEngine,
  type FactoryService,
} from "../../src/factory/index.js";
import { createTriggerScheduler, createTriggerService } from "../../src/scheduler/index.js";
import {
  createPipelineRunStore,
  createTriggerStore,
  type Database,
} from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { scheduleTrigger, tumblingTrigger } from "./trigger-api-kit.js";

const pipeline = {
  name: "P",
  properties: {
    parameters: { when: { type: "String" } },
    variables: { v: { type: "String" } },
    activities: [
      {
        name: "Set",
        type: "SetVariable",
        typeProperties: { variableName: "v", value: "@pipeline().parameters.when" },
      },
    ],
  },
};

function definition(triggers: unknown[]) {
  return { pipelines: [pipeline], datasets: [], linkedServices: [], triggers, others: [] };
}

describeEachDialect("trigger scheduler", (target) => {
  let database: Database;
  let other: Database;
  let factories: FactoryService;

  beforeAll(async () => {
    database = await target.open();
    other = await target.open();
    factories = createFactoryService({ database });
  });

  it("two schedulers on one database fire each scheduled time exactly once", async () => {
    const factory = `f-${randomUUID().slice(0, 8)}`;
    await factories.deploy(
      definition([
        {
          name: "EveryMinute",
          properties: {
            type: "ScheduleTrigger",
            typeProperties: {
              recurrence: { frequency: "Minute", interval: 1, startTime: "2024-01-01T00:00:00Z" },
            },
            pipelines: [
              {
                pipelineReference: { type: "PipelineReference", referenceName: "P" },
                parameters: { when: "@trigger().scheduledTime" },
              },
            ],
          },
        },
      ]),
      { factory },
    );
    const clock = new ManualClock(Date.parse("2024-01-01T00:00:30Z"));
    const engine = createPipelineEngine({ database, clock });
    const service = createTriggerService({ database, factories, engine, clock });
    await service.start(factory, "EveryMinute");
    const schedulers = [database, other].map((db, i) =>
      createTriggerScheduler({
        database: db,
        factories: createFactoryService({ database: db }),
        engine: createPipelineEngine({ database: db, clock }),
        clock,
        owner: `s${i}`,
      }),
    );
    for (let minute = 0; minute < 20; minute++) {
      clock.advance(60_000);
      await Promise.all(schedulers.map((s) => s.tick()));
      await Promise.all(schedulers.map((s) => s.tick()));
    }
    const runs = await createTriggerStore(database).queryRuns(factory, {
      lastUpdatedAfter: 0,
      lastUpdatedBefore: Number.MAX_SAFE_INTEGER,
    });
    expect(runs.items).toHaveLength(20);
    expect(runs.items.every((r) => r.status === "Succeeded")).toBe(true);
    const pipelineRuns = await database.db
      .selectFrom("pipeline_runs")
      .select(["parameters"])
      .where("factory_name", "=", factory)
      .execute();
    const times = pipelineRuns
      .map((r) => (JSON.parse(r.parameters) as { when: string }).when)
      .sort();
    expect(times).toHaveLength(20);
    expect(new Set(times).size).toBe(20);
    expect(times[0]).toBe("2024-01-01T00:01:00.000Z");
    await service.stop(factory, "EveryMinute");
  }, 60_000);

  it("skips fires missed while down by default; catchUp runs them; backfill fires a range once", async () => {
    const factory = `f-${randomUUID().slice(0, 8)}`;
    await factories.deploy(
      definition([
        {
          name: "Hourly",
          properties: {
            type: "ScheduleTrigger",
            typeProperties: {
              recurrence: { frequency: "Hour", interval: 1, startTime: "2024-01-01T00:00:00Z" },
            },
            pipelines: [
              {
                pipelineReference: { type: "PipelineReference", referenceName: "P" },
                parameters: { when: "@trigger().scheduledTime" },
              },
            ],
          },
        },
      ]),
      { factory },
    );
    const clock = new ManualClock(Date.parse("2024-01-01T00:30:00Z"));
    const engine = createPipelineEngine({ database, clock });
    const service = createTriggerService({ database, factories, engine, clock });
    await service.start(factory, "Hourly");
    const store = createTriggerStore(database);
    const count = async () =>
      (
        await store.queryRuns(factory, {
          lastUpdatedAfter: 0,
          lastUpdatedBefore: Number.MAX_SAFE_INTEGER,
        })
      ).items.length;
    clock.set(Date.parse("2024-01-01T05:00:10Z")); // down from 00:30 to 05:00
    await createTriggerScheduler({ database, factories, engine, clock }).tick();
    expect(await count()).toBe(1); // only 05:00; 01:00-04:00 were missed and skipped
    clock.set(Date.parse("2024-01-01T09:00:10Z"));
    await createTriggerScheduler({
      database,
      factories,
      engine,
      clock,
      missedFires: "catchUp",
    }).tick();
    expect(await count()).toBe(5); // 06:00 to 09:00
    expect(
      await service.backfill(
        factory,
        "Hourly",
        Date.parse("2024-01-01T00:00:00Z"),
        Date.parse("2024-01-01T06:00:00Z"),
      ),
    ).toBe(5);
    expect(await count()).toBe(10);
    expect(await service.next(factory, "Hourly", 2)).toEqual([
      "2024-01-01T10:00:00.000Z",
      "2024-01-01T11:00:00.000Z",
    ]);
    await service.stop(factory, "Hourly");
  }, 60_000);

  it("a trigger's sluice:missedFires annotation overrides the scheduler's policy", async () => {
    const factory = `f-${randomUUID().slice(0, 8)}`;
    const annotated = (name: string, annotation: string) => {
      const json = scheduleTrigger(name, 60);
      return { ...json, properties: { ...json.properties, annotations: [annotation] } };
    };
    await factories.deploy(
      definition([
        annotated("CatchesUp", "sluice:missedFires=catchUp"),
        annotated("Skips", "sluice:missedFires=skip"),
      ]),
      { factory },
    );
    const clock = new ManualClock(Date.parse("2024-01-01T00:30:00Z"));
    const engine = createPipelineEngine({ database, clock });
    const service = createTriggerService({ database, factories, engine, clock });
    await service.start(factory, "CatchesUp");
    await service.start(factory, "Skips");
    const store = createTriggerStore(database);
    const count = async (name: string) =>
      (
        await store.queryRuns(factory, {
          lastUpdatedAfter: 0,
          lastUpdatedBefore: Number.MAX_SAFE_INTEGER,
          triggerNames: [name],
        })
      ).items.length;
    clock.set(Date.parse("2024-01-01T05:00:10Z"));
    await createTriggerScheduler({ database, factories, engine, clock }).tick();
    expect(await count("CatchesUp")).toBe(5); // 01:00 to 05:00, under a skip scheduler
    clock.set(Date.parse("2024-01-01T09:00:10Z"));
    await createTriggerScheduler({
      database,
      factories,
      engine,
      clock,
      missedFires: "catchUp",
    }).tick();
    expect(await count("Skips")).toBe(2); // 05:00 and 09:00, under a catchUp scheduler
    // Stopped, so that the other tests' schedulers on this database leave them alone.
    await service.stop(factory, "CatchesUp");
    await service.stop(factory, "Skips");
  }, 60_000);

  it("tumbling windows backfill oldest first, at most maxConcurrency at once, each with one successful run", async () => {
    const factory = `f-${randomUUID().slice(0, 8)}`;
    await factories.deploy(
      definition([
        {
          name: "Hourly",
          properties: {
            type: "TumblingWindowTrigger",
            typeProperties: {
              frequency: "Hour",
              interval: 1,
              startTime: "2024-01-01T00:00:00Z",
              maxConcurrency: 3,
            },
            pipeline: {
              pipelineReference: { type: "PipelineReference", referenceName: "P" },
              parameters: { when: "@trigger().outputs.windowStartTime" },
            },
          },
        },
        {
          name: "Chained",
          properties: {
            type: "TumblingWindowTrigger",
            typeProperties: {
              frequency: "Hour",
              interval: 2,
              startTime: "2024-01-01T00:00:00Z",
              maxConcurrency: 5,
              dependsOn: [
                {
                  type: "TumblingWindowTriggerDependencyReference",
                  referenceTrigger: { referenceName: "Hourly", type: "TriggerReference" },
                },
                { type: "SelfDependencyTumblingWindowTriggerReference", offset: "-02:00:00" },
              ],
            },
            pipeline: {
              pipelineReference: { type: "PipelineReference", referenceName: "P" },
              parameters: { when: "@trigger().outputs.windowEndTime" },
            },
          },
        },
      ]),
      { factory },
    );
    const clock = new ManualClock(Date.parse("2024-01-01T10:00:00Z"));
    const engine = createPipelineEngine({ database, pollMs: 10 });
    engine.start();
    const service = createTriggerService({ database, factories, engine, clock });
    await service.start(factory, "Chained");
    await service.start(factory, "Hourly");
    const scheduler = createTriggerScheduler({ database, factories, engine, clock });
    let maxRunning = 0;
    const deadline = Date.now() + 60_000;
    for (;;) {
      await scheduler.tick();
      const hourly = await service.windows(factory, "Hourly");
      maxRunning = Math.max(maxRunning, hourly.filter((w) => w.status === "Running").length);
      const chained = await service.windows(factory, "Chained");
      if (
        [...hourly, ...chained].length === 15 &&
        [...hourly, ...chained].every((w) => w.status === "Succeeded")
      )
        break;
      if (Date.now() > deadline)
        throw new Error(
          `windows not done: ${JSON.stringify([...hourly, ...chained].map((w) => w.status))}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await scheduler.stop();
    await engine.stop();
    expect(maxRunning).toBeLessThanOrEqual(3);
    const hourly = await service.windows(factory, "Hourly");
    expect(hourly.map((w) => w.fireKey)).toEqual(
      Array.from({ length: 10 }, (_, h) => `2024-01-01T${String(h).padStart(2, "0")}:00:00.000Z`),
    );
    // Oldest first: each window started no later than the next one.
    for (let i = 1; i < hourly.length; i++)
      expect(
        (hourly[i - 1]?.triggerRunTimestamp ?? 0) <= (hourly[i]?.triggerRunTimestamp ?? 0),
      ).toBe(true);
    const runs = createPipelineRunStore(database);
    for (const window of hourly) {
      const run = await runs.get(window.runId ?? "");
      expect(run.status).toBe("Succeeded");
      expect(run.parameters.when).toBe(window.fireKey);
      expect(run.invokedBy).toMatchObject({
        name: "Hourly",
        invokedByType: "TumblingWindowTrigger",
        id: window.triggerRunId,
      });
    }
    const chained = await service.windows(factory, "Chained");
    // Each chained window started after the hourly windows it covers and its predecessor succeeded.
    for (const [i, window] of chained.entries()) {
      const covered = hourly.slice(i * 2, i * 2 + 2);
      for (const up of covered)
        expect(up.lastUpdated <= window.triggerRunTimestamp || up.status === "Succeeded").toBe(
          true,
        );
    }
    const total = await database.db
      .selectFrom("pipeline_runs")
      .select(["run_id"])
      .where("factory_name", "=", factory)
      .execute();
    expect(total).toHaveLength(15);
  }, 90_000);

  it("retries a failed window per retryPolicy, each after its interval, then leaves it Failed", async () => {
    const factory = `f-${randomUUID().slice(0, 8)}`;
    const failing = {
      name: "Breaks",
      properties: {
        parameters: { when: { type: "String" } },
        activities: [
          { name: "Stop", type: "Fail", typeProperties: { message: "broken", errorCode: "500" } },
        ],
      },
    };
    await factories.deploy(
      {
        ...definition([
          tumblingTrigger(
            "Retried",
            {
              endTime: "2024-01-01T01:00:00Z",
              maxConcurrency: 1,
              retryPolicy: { count: 2, intervalInSeconds: 600 },
            },
            "Breaks",
          ),
        ]),
        pipelines: [pipeline, failing],
      },
      { factory },
    );
    const clock = new ManualClock(Date.parse("2024-01-01T02:00:00Z"));
    const engine = createPipelineEngine({ database, pollMs: 10 });
    engine.start();
    const service = createTriggerService({ database, factories, engine, clock });
    await service.start(factory, "Retried");
    const scheduler = createTriggerScheduler({ database, factories, engine, clock });
    const window = async () => (await service.windows(factory, "Retried"))[0];
    const tickUntil = async (done: () => Promise<boolean>) => {
      const deadline = Date.now() + 30_000;
      while (!(await done())) {
        if (Date.now() > deadline) throw new Error(`window: ${JSON.stringify(await window())}`);
        await scheduler.tick();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    try {
      for (const attempt of [1, 2]) {
        await tickUntil(async () => (await window())?.attempt === attempt);
        await tickUntil(async () => (await window())?.status === "Waiting");
        // Not before its retry interval: ticking now starts nothing.
        await scheduler.tick();
        expect(await window()).toMatchObject({ status: "Waiting", attempt });
        clock.advance(600_000);
      }
      await tickUntil(async () => (await window())?.status === "Failed");
      expect(await window()).toMatchObject({ status: "Failed", attempt: 3 });
      expect((await window())?.message).toMatch(/broken/);
      const runs = await database.db
        .selectFrom("pipeline_runs")
        .select(["status"])
        .where("factory_name", "=", factory)
        .execute();
      expect(runs.map((r) => r.status)).toEqual(["Failed", "Failed", "Failed"]);
    } finally {
      await scheduler.stop();
      await engine.stop();
    }
  }, 90_000);
});
