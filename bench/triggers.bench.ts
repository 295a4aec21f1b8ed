import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Clock } from "../src/core/index.js";
import {
  createFactoryService,
  createPipelineEngine,
  type FactoryService,
  type PipelineEngine,
} from "../src/factory/index.js";
import { createTriggerScheduler, createTriggerService } from "../src/scheduler/index.js";
import { openDatabase, type Database } from "../src/store/index.js";
import { millis, printTable, type Figure } from "./batch/figure.js";

const scheduleTriggers = 1000;
/** Minute boundaries measured; each gives one fire of every trigger. */
const fireRounds = 2;
const windowCount = 10_000;
/** As a server: the scheduler looks for due fires every second. */
const schedulerPollMs = 1000;
/** The backfill figure's scheduler pass interval (the server's default is 1 s; see the note). */
const backfillPollMs = 50;

/**
 * A clock running at real speed from a settable offset: the fire-lag figure jumps it to just
 * before a minute boundary instead of waiting for one, and the lag it measures (from each
 * fire's scheduled time to its pipeline run's creation, both on this clock) is real elapsed
 * time, polling included.
 */
class OffsetClock implements Clock {
  offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
}

/**
 * The triggers issue's figures on SQLite (a temp file, as the server opens it): the fire lag
 * of 1,000 schedule triggers due every minute (target p99 under 1 s), beside the time the same
 * 1,000 pipeline runs take to create straight through the engine; and the rate of a backfill
 * of 10,000 one-minute tumbling windows of a one-activity pipeline, beside the same runs
 * started straight through the engine 50 at a time. Misses print, they do not fail the run.
 */
export async function runTriggerBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "sluice-trigger-bench-"));
  const database = await openDatabase({ kind: "sqlite", path: join(dir, "store.db") });
  const clock = new OffsetClock();
  const engine = createPipelineEngine({ database, clock, pollMs: 20, leaseMs: 30_000 });
  const factories = createFactoryService({ database, clock });
  console.log("\nTriggers (SQLite, WAL; one scheduler and one engine in this process)");
  try {
    await factories.deploy(benchFactory(clock.now()), { factory: "bench" });
    engine.start();
    const only = process.env.SLUICE_BENCH_ONLY?.split(",").map((name) => name.trim());
    const wanted = (name: string): boolean => only === undefined || only.includes(name);
    const figures: Figure[] = [];
    if (wanted("fire-lag")) figures.push(await fireLagFigure(database, factories, engine, clock));
    if (wanted("backfill")) figures.push(await backfillFigure(database, factories, engine));
    printTable(figures);
  } finally {
    await engine.stop();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function benchFactory(now: number) {
  const call = (parameters: Record<string, string>) => ({
    pipelineReference: { type: "PipelineReference", referenceName: "Trivial" },
    parameters,
  });
  const schedules = Array.from({ length: scheduleTriggers }, (_, i) => ({
    name: `Every${i}`,
    properties: {
      type: "ScheduleTrigger",
      typeProperties: {
        recurrence: { frequency: "Minute", interval: 1, startTime: "2020-01-01T00:00:00Z" },
      },
      pipelines: [call({ when: "@trigger().scheduledTime" })],
    },
  }));
  const end = Math.floor(now / 60_000) * 60_000;
  const windows = {
    name: "Windows",
    properties: {
      type: "TumblingWindowTrigger",
      typeProperties: {
        frequency: "Minute",
        interval: 1,
        startTime: new Date(end - windowCount * 60_000).toISOString(),
        endTime: new Date(end).toISOString(),
        maxConcurrency: 50,
      },
      pipeline: call({ when: "@trigger().outputs.windowStartTime" }),
    },
  };
  const trivial = {
    name: "Trivial",
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
  return { pipelines: [trivial], triggers: [...schedules, windows] };
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench: ${what} did not happen in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Each scheduled fire's lag: its pipeline run's start minus its scheduled time (`when`). */
async function lags(database: Database, scheduled: number): Promise<number[]> {
  const when = new Date(scheduled).toISOString();
  const rows = await database.db
    .selectFrom("pipeline_runs")
    .select(["run_start", "parameters"])
    .where("factory_key", "=", "bench")
    .where("trigger_key", "like", "every%")
    .execute();
  return rows
    .filter((r) => (JSON.parse(r.parameters) as { when?: string }).when === when)
    .map((r) => r.run_start - scheduled);
}

async function activeRuns(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom("pipeline_runs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "in", ["Queued", "InProgress"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function fireLagFigure(
  database: Database,
  factories: FactoryService,
  engine: PipelineEngine,
  clock: OffsetClock,
): Promise<Figure> {
  const service = createTriggerService({ database, factories, engine, clock });
  for (let i = 0; i < scheduleTriggers; i++) await service.start("bench", `Every${i}`);
  const scheduler = createTriggerScheduler({
    database,
    factories,
    engine,
    clock,
    pollMs: schedulerPollMs,
  });
  const all: number[] = [];
  scheduler.start();
  try {
    for (let round = 0; round < fireRounds; round++) {
      // Jump to 1.5 s before the next minute boundary, then let real time run.
      const boundary = (Math.floor(clock.now() / 60_000) + 1) * 60_000;
      clock.offset += boundary - 1_500 - clock.now();
      await waitUntil(
        async () => (await lags(database, boundary)).length >= scheduleTriggers,
        120_000,
        `${scheduleTriggers} fires at ${new Date(boundary).toISOString()}`,
      );
      all.push(...(await lags(database, boundary)));
      // A real minute would pass before the next fire: let this round's runs end first, so
      // the next round does not measure the engine still driving this one's 1,000 runs.
      await waitUntil(async () => (await activeRuns(database)) === 0, 300_000, "runs to end");
    }
  } finally {
    await scheduler.stop();
  }
  for (let i = 0; i < scheduleTriggers; i++) await service.stop("bench", `Every${i}`);
  const direct = await directRuns(engine, scheduleTriggers, scheduleTriggers);
  const p99 = percentile(all, 0.99);
  return {
    name: `fire lag, ${scheduleTriggers.toLocaleString("en-US")} schedule triggers due each minute`,
    value: `p50 ${millis(percentile(all, 0.5))}, p99 ${millis(p99)}`,
    reference: `${scheduleTriggers.toLocaleString("en-US")} createRun calls: ${millis(direct)}`,
    target: "p99 < 1 s",
    pass: p99 < 1000,
    notes: [
      `fire lag: from each fire's scheduled time to its pipeline run's creation, ${all.length.toLocaleString("en-US")} fires over ${fireRounds} minute boundaries; the scheduler polls every ${schedulerPollMs} ms; the clock runs in real time from an offset set 1.5 s before each boundary, so no minute is waited for, once the previous boundary's runs have ended (as a real minute would let them); each boundary's fires and their pipeline runs are recorded in one transaction and started in one write`,
    ],
  };
}

/** Starts `count` trivial runs straight through the engine, `concurrency` at a time; ms. */
async function directRuns(
  engine: PipelineEngine,
  count: number,
  concurrency: number,
  wait = false,
): Promise<number> {
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const { runId } = await engine.createRun("bench", "Trivial", { when: "direct" });
      if (wait) await engine.waitForEnd(runId, AbortSignal.timeout(600_000));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - start;
}

async function backfillFigure(
  database: Database,
  factories: FactoryService,
  engine: PipelineEngine,
): Promise<Figure> {
  const service = createTriggerService({ database, factories, engine });
  const scheduler = createTriggerScheduler({
    database,
    factories,
    engine,
    pollMs: backfillPollMs,
  });
  const start = performance.now();
  await service.start("bench", "Windows");
  scheduler.start();
  try {
    const store = service.store();
    await waitUntil(
      async () => (await store.countWindows("bench", "Windows", ["Succeeded"])) >= windowCount,
      1_800_000,
      `${windowCount} windows`,
    );
  } finally {
    await scheduler.stop();
  }
  const ms = performance.now() - start;
  const windows = await service.windows("bench", "Windows");
  const succeeded = windows.filter((w) => w.status === "Succeeded").length;
  await service.stop("bench", "Windows");
  const sample = 2_000;
  const directMs = await directRuns(engine, sample, 50, true);
  const rate = (windowCount * 1000) / ms;
  return {
    name: `backfill of ${windowCount.toLocaleString("en-US")} one-minute windows (maxConcurrency 50)`,
    value: `${Math.round(rate).toLocaleString("en-US")} windows/s`,
    reference: `engine, 50 at a time: ${Math.round((sample * 1000) / directMs).toLocaleString("en-US")} runs/s`,
    target: "report",
    pass: succeeded === windowCount,
    notes: [
      `backfill: ${succeeded.toLocaleString("en-US")} windows Succeeded in ${millis(ms)}, each with one SetVariable pipeline run; scheduler pass every ${backfillPollMs} ms (a server's default is 1,000 ms, which caps a backfill at maxConcurrency windows per second)`,
    ],
  };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? NaN;
}
