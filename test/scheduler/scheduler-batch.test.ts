// Two schedulers sharing one database (PostgreSQL: two connections pools; SQLite: two handles
// on one file), each firing 40 every-minute triggers in batches (catch-up, 200 fires a pass)
// at the same time: each trigger and scheduled time has exactly one fire and one pipeline run,
// which belongs to it. Its own file: the runs it leaves Queued stay out of the other tests.
import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { ManualClock } from "../../src/core/index.js";
import {
  createFactoryService,
  createPipelineEngine,
  type FactoryService,
} from "../../src/factory/index.js";
import { createTriggerScheduler, createTriggerService } from "../../src/scheduler/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { scheduleTrigger, whenPipeline } from "./trigger-api-kit.js";

function definition(triggers: unknown[]) {
  return { pipelines: [whenPipeline], datasets: [], linkedServices: [], triggers, others: [] };
}

describeEachDialect("batched schedule fires", (target) => {
  let database: Database;
  let other: Database;
  let factories: FactoryService;

  beforeAll(async () => {
    database = await target.open();
    other = await target.open();
    factories = createFactoryService({ database });
  });

  it("two schedulers firing many triggers in batches still fire each time exactly once", async () => {
    const factory = `f-${randomUUID().slice(0, 8)}`;
    const names = Array.from({ length: 40 }, (_, i) => `Every${i}`);
    await factories.deploy(definition(names.map((n) => scheduleTrigger(n, 1))), { factory });
    const clock = new ManualClock(Date.parse("2024-01-01T00:00:30Z"));
    const service = createTriggerService({
      database,
      factories,
      engine: createPipelineEngine({ database, clock }),
      clock,
    });
    for (const name of names) await service.start(factory, name);
    // catchUp: each pass of each scheduler fires 5 minutes of 40 triggers, 200 fires, at once.
    const schedulers = [database, other].map((db, i) =>
      createTriggerScheduler({
        database: db,
        factories: createFactoryService({ database: db }),
        engine: createPipelineEngine({ database: db, clock }),
        clock,
        owner: `batch${i}`,
        missedFires: "catchUp",
      }),
    );
    for (let round = 0; round < 4; round++) {
      clock.advance(5 * 60_000);
      await Promise.all(schedulers.map((s) => s.tick()));
    }
    const fires = await database.db
      .selectFrom("trigger_runs")
      .select(["trigger_run_id", "trigger_name", "fire_key", "status", "triggered_pipelines"])
      .where("factory_name", "=", factory)
      .execute();
    expect(fires).toHaveLength(40 * 20);
    expect(fires.every((f) => f.status === "Succeeded")).toBe(true);
    const runs = await database.db
      .selectFrom("pipeline_runs")
      .select(["run_id", "parameters", "invoked_by"])
      .where("factory_name", "=", factory)
      .execute();
    expect(runs).toHaveLength(40 * 20);
    // Each fire has its one run, and each run belongs to its fire, with its scheduled time.
    const byFire = new Map(fires.map((f) => [f.trigger_run_id, f]));
    for (const run of runs) {
      const fire = byFire.get((JSON.parse(run.invoked_by) as { id: string }).id);
      expect(fire).toBeDefined();
      expect((JSON.parse(run.parameters) as { when: string }).when).toBe(fire?.fire_key);
      expect(JSON.parse(fire?.triggered_pipelines ?? "{}")).toEqual({ P: run.run_id });
    }
    const perTrigger = new Map<string, number>();
    for (const fire of fires)
      perTrigger.set(fire.trigger_name, (perTrigger.get(fire.trigger_name) ?? 0) + 1);
    expect([...perTrigger.values()].every((n) => n === 20)).toBe(true);
  }, 180_000);
});
