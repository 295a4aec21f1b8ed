import { runBatchBench } from "./batch.bench.js";
import { runCopyBench } from "./copy.bench.js";
import { runCustomBench } from "./custom.bench.js";
import { runExpressionBench } from "./expressions.bench.js";
import { runFactoryBench } from "./factory.bench.js";
import { runStartupBench } from "./startup.bench.js";
import { runTriggerBench } from "./triggers.bench.js";
import { runWebUiBench } from "./web-ui.bench.js";

/** `npm run bench`: every benchmark, each figure beside its reference from the same run. */
const ok = runExpressionBench();
// The Batch figures print MISS without failing the run: their timings depend on the machine.
await runBatchBench();
// The data movement figures print MISS without failing the run, as the Batch ones.
await runCopyBench();
// The pipeline engine figures print MISS without failing the run, as the Batch ones.
await runFactoryBench();
await runCustomBench();
await runTriggerBench();
// Start-up to ready of `sluice up` prints MISS without failing the run, as the Batch ones.
await runStartupBench();
// The web UI figure prints MISS without failing the run, as the Batch ones.
await runWebUiBench();
process.exitCode = ok ? 0 : 1;
