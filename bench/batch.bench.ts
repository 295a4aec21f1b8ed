import { availableParallelism } from "node:os";
import { addRateFigure } from "./batch/add-rate.js";
import { printTable, type Figure } from "./batch/figure.js";
import { memoryFigure } from "./batch/memory.js";
import { startLatencyFigure } from "./batch/start-latency.js";
import { throughputFigure, type Parallelism } from "./batch/throughput.js";

/**
 * Total parallelism of the throughput pool: a fixed 4 (2 nodes x 2 slots), so runs on
 * different machines compare; `SLUICE_BENCH_NODES` / `SLUICE_BENCH_SLOTS` override it.
 */
function parallelism(): Parallelism {
  const read = (name: string, fallback: number): number => {
    const value = Number(process.env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be an integer >= 1`);
    return value;
  };
  return { nodes: read("SLUICE_BENCH_NODES", 2), slots: read("SLUICE_BENCH_SLOTS", 2) };
}

/**
 * The Batch issue's figures on SQLite, each beside its reference from the same run. Misses
 * are printed, not failed: timings depend on the machine.
 */
export async function runBatchBench(): Promise<void> {
  const parallel = parallelism();
  console.log(
    `\nBatch service (SQLite; the built server in a child process; ${availableParallelism()} cores; throughput pool ${parallel.nodes} nodes x ${parallel.slots} slots)`,
  );
  const runs: Record<string, () => Promise<Figure>> = {
    throughput: () => throughputFigure(parallel),
    add: () => addRateFigure(),
    latency: () => startLatencyFigure(),
    memory: () => memoryFigure(),
  };
  // SLUICE_BENCH_ONLY=add,latency runs some figures (while working on one).
  const only = process.env.SLUICE_BENCH_ONLY?.split(",").map((name) => name.trim());
  const figures: Figure[] = [];
  for (const [name, run] of Object.entries(runs)) {
    if (only === undefined || only.includes(name)) figures.push(await run());
  }
  printTable(figures);
}
