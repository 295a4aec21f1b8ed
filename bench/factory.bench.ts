import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { createPipelineEngine, type PipelineEngine } from "../src/factory/index.js";
import {
  createActivityRunStore,
  createFactoryStore,
  openDatabase,
  type ActivityRunRecord,
  type Database,
} from "../src/store/index.js";
import { millis, printTable, type Figure } from "./batch/figure.js";

const sequentialCount = 100;
const forEachItems = 10_000;
const forEachBatch = 50;
/** Measured runs of the sequential pipeline after one warm-up run; the median is printed. */
const sequentialRuns = 7;

/**
 * The pipelines issue's engine figures on SQLite (a temp file in WAL mode, as the server
 * opens it), each beside a floor measured in the same run: the same writes as plain
 * function calls with one autocommitted SQLite INSERT each, which no durable engine beats.
 * Misses print, they do not fail the run: timings depend on the machine.
 */
export async function runFactoryBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "sluice-factory-bench-"));
  const database = await openDatabase({ kind: "sqlite", path: join(dir, "store.db") });
  const engine = createPipelineEngine({ database, pollMs: 20, leaseMs: 30_000 });
  console.log("\nPipeline engine (SQLite, WAL; one engine in this process)");
  try {
    await deployBenchFactory(database);
    engine.start();
    const only = process.env.SLUICE_BENCH_ONLY?.split(",").map((name) => name.trim());
    const wanted = (name: string): boolean => only === undefined || only.includes(name);
    const figures: Figure[] = [];
    if (wanted("sequential")) figures.push(await sequentialFigure(engine, database, dir));
    if (wanted("foreach")) figures.push(await forEachFigure(engine, database, dir));
    // Figure 3 of the issue, the Custom activity's start latency on a warm pool (target
    // <= 50 ms), is printed by bench/custom.bench.ts right after this table.
    printTable(figures);
  } finally {
    await engine.stop();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function deployBenchFactory(database: Database): Promise<void> {
  const pipeline = (name: string, properties: unknown) => ({
    kind: "pipeline" as const,
    name,
    json: { name, properties } as never,
  });
  await createFactoryStore(database).deployAll({ name: "bench", properties: {} }, [
    pipeline("Sequential", sequentialPipeline(sequentialCount)),
    pipeline("ForEachWarmUp", forEachPipeline(500)),
    pipeline("ForEach", forEachPipeline(forEachItems)),
  ]);
}

/** `count` SetVariable activities, each after the previous one Succeeded. */
function sequentialPipeline(count: number): unknown {
  const activities = Array.from({ length: count }, (_, i) => ({
    name: `Set${i}`,
    type: "SetVariable",
    dependsOn: i === 0 ? [] : [{ activity: `Set${i - 1}`, dependencyConditions: ["Succeeded"] }],
    typeProperties: { variableName: "counter", value: String(i) },
  }));
  return { variables: { counter: { type: "String", defaultValue: "" } }, activities };
}

/** A ForEach over `range(0, count)` whose one inner activity is a Filter of a tiny array. */
function forEachPipeline(count: number): unknown {
  return {
    activities: [
      {
        name: "Loop",
        type: "ForEach",
        typeProperties: {
          items: { value: `@range(0, ${count})`, type: "Expression" },
          batchCount: forEachBatch,
          activities: [
            {
              name: "Pick",
              type: "Filter",
              typeProperties: {
                items: { value: "@createArray(1, 2, 3)", type: "Expression" },
                condition: { value: "@greater(item(), 1)", type: "Expression" },
              },
            },
          ],
        },
      },
    ],
  };
}

async function runOnce(
  engine: PipelineEngine,
  database: Database,
  pipeline: string,
): Promise<{ readonly ms: number; readonly cpuMs: number; readonly rows: ActivityRunRecord[] }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const { runId } = await engine.createRun("bench", pipeline, {});
  const run = await engine.waitForEnd(runId, AbortSignal.timeout(600_000));
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  if (run.status !== "Succeeded")
    throw new Error(`${pipeline} ended ${run.status}: ${run.message}`);
  return { ms, cpuMs: (used.user + used.system) / 1000, rows: await allRows(database, runId) };
}

async function sequentialFigure(
  engine: PipelineEngine,
  database: Database,
  dir: string,
): Promise<Figure> {
  await runOnce(engine, database, "Sequential");
  const perActivity: number[] = [];
  const cpuPerActivity: number[] = [];
  const gaps: number[] = [];
  for (let i = 0; i < sequentialRuns; i++) {
    const { ms, cpuMs, rows } = await runOnce(engine, database, "Sequential");
    if (rows.length !== sequentialCount) throw new Error(`expected ${sequentialCount} rows`);
    perActivity.push(ms / sequentialCount);
    cpuPerActivity.push(cpuMs / sequentialCount);
    gaps.push(...gapsBetween(rows));
  }
  const floor = plainInserts(join(dir, "floor-sequential.db"), sequentialCount, 5);
  const overhead = median(perActivity);
  return {
    name: `overhead per activity (${sequentialCount} sequential SetVariable)`,
    value: millis(overhead),
    reference: `function + INSERT: ${(floor / sequentialCount).toFixed(3)} ms`,
    target: "<= 5 ms",
    pass: overhead <= 5,
    notes: [
      `sequential: run wall time / ${sequentialCount}, median of ${sequentialRuns} runs (CPU time ${millis(median(cpuPerActivity))} per activity); median gap from one activity's end to the next one's start (row times, 1 ms resolution): ${millis(median(gaps))}`,
    ],
  };
}

async function forEachFigure(
  engine: PipelineEngine,
  database: Database,
  dir: string,
): Promise<Figure> {
  await runOnce(engine, database, "ForEachWarmUp");
  const { ms, cpuMs, rows } = await runOnce(engine, database, "ForEach");
  if (rows.length !== forEachItems + 1) throw new Error(`expected ${forEachItems + 1} rows`);
  const rate = (rows.length * 1000) / ms;
  const floorMs = plainInserts(join(dir, "floor-foreach.db"), rows.length, 1);
  const count = forEachItems.toLocaleString("en-US");
  return {
    name: `ForEach of ${count} (batchCount ${forEachBatch}, inner Filter)`,
    value: `${Math.round(rate).toLocaleString("en-US")} activity runs/s`,
    reference: `function + INSERT: ${Math.round((rows.length * 1000) / floorMs).toLocaleString("en-US")}/s`,
    target: ">= 1,000/s",
    pass: rate >= 1000,
    notes: [
      `foreach: ${rows.length.toLocaleString("en-US")} activity runs in ${millis(ms)} (CPU time ${millis(cpuMs)})`,
    ],
  };
}

/**
 * The floor: `count` variable updates as plain function calls, each with one autocommitted
 * INSERT of a row like an activity run's, on a file with the server's pragmas. Returns the
 * median time of `repeats` rounds, in ms.
 */
function plainInserts(path: string, count: number, repeats: number): number {
  const raw = new BetterSqlite3(path);
  try {
    raw.pragma("journal_mode = WAL");
    raw.pragma("synchronous = NORMAL");
    raw.exec(
      "CREATE TABLE runs (id INTEGER PRIMARY KEY, name TEXT, status TEXT, output TEXT, start_ms INTEGER, end_ms INTEGER)",
    );
    const insert = raw.prepare(
      "INSERT INTO runs (name, status, output, start_ms, end_ms) VALUES (?, ?, ?, ?, ?)",
    );
    const variables: Record<string, unknown> = {};
    const setVariable = (name: string, value: string): void => {
      const start = Date.now();
      variables.counter = value;
      insert.run(name, "Succeeded", JSON.stringify({ value }), start, Date.now());
    };
    const rounds: number[] = [];
    for (let round = 0; round <= repeats; round++) {
      const start = performance.now();
      for (let i = 0; i < count; i++) setVariable(`Set${i}`, String(i));
      if (round > 0) rounds.push(performance.now() - start); // round 0 warms up
    }
    return median(rounds);
  } finally {
    raw.close();
  }
}

/** Per pair of consecutive activities (by start), the next start minus the previous end. */
function gapsBetween(rows: readonly ActivityRunRecord[]): number[] {
  const sorted = [...rows].sort((a, b) => a.activityRunStart - b.activityRunStart);
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    const next = sorted[i];
    if (previous?.activityRunEnd == null || next === undefined) continue;
    gaps.push(next.activityRunStart - previous.activityRunEnd);
  }
  return gaps;
}

async function allRows(database: Database, runId: string): Promise<ActivityRunRecord[]> {
  const store = createActivityRunStore(database);
  const rows: ActivityRunRecord[] = [];
  let token: string | undefined;
  do {
    const page = await store.query(runId, token === undefined ? {} : { continuationToken: token });
    rows.push(...page.items);
    token = page.continuationToken;
  } while (token !== undefined);
  return rows;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
