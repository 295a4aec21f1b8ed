import { runBatchBench } from "./batch.bench.js";
import { runCustomBench } from "./custom.bench.js";
import { runExpressionBench } from "./expressions.bench.js";

/** `npm run bench`: every benchmark, each figure beside its reference from the same run. */
const ok = runExpressionBench();
// The Batch figures print MISS without failing the run: their timings depend on the machine.
await runBatchBench();
await runCustomBench();
process.exitCode = ok ? 0 : 1;
