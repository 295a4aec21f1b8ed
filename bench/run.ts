import { runExpressionBench } from "./expressions.bench.js";

/** `npm run bench`: every benchmark, each figure beside its reference from the same run. */
const ok = runExpressionBench();
process.exitCode = ok ? 0 : 1;
