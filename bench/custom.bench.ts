import { printTable } from "./batch/figure.js";
import { customLatencyFigure } from "./pipelines/custom-latency.js";

/** The pipelines issue's Custom activity figure, on SQLite with an embedded local pool. */
export async function runCustomBench(): Promise<void> {
  console.log("\nCustom activity on a local pool (SQLite; server in this process)");
  printTable([await customLatencyFigure()]);
}
