// One Copy activity in its own process, so the bench reads the peak memory of the process
// doing the copy and nothing else (not the CSV generator's nor DuckDB direct's). Prints
// `{ ms, cpuMs, peakRss, startRss }` as one JSON line: the copy's duration and CPU time (all
// threads), the process's resident
// memory high-water mark (the kernel's, so no sample can miss a spike) and its RSS before
// the copy (Node, the loaded modules and DuckDB's library).
// Usage: node --import tsx bench/copy-child.ts '{"root","base","file","input","output"}'
import { systemClock, type JsonObject } from "../src/core/index.js";
import { createCopyExecutor } from "../src/factory/activities/copy-activity.js";
import type { ActivityInvocation, NamedDefinition } from "../src/factory/index.js";

/** What the parent asks the child to copy: `file` from container `raw` of `root`. */
export interface CopyChildRequest {
  readonly root: string;
  readonly base: string;
  readonly file: string;
  /** Source dataset: `Csv` or `Bin`. */
  readonly input: string;
  /** Sink dataset: `Parquet` or `Bin`; the sink container is `out-<output>`. */
  readonly output: string;
}

const mappings = [
  ["id", "Int64"],
  ["name", "String"],
  ["amount", "Double"],
  ["day", "Date"],
  ["flag", "Boolean"],
].map(([name, type]) => ({ source: { name }, sink: { name, type } }));

const local: NamedDefinition = {
  name: "Local",
  properties: {
    type: "AzureBlobStorage",
    typeProperties: { connectionString: "UseLocalStorage=true" },
  },
};

const datasets = [
  dataset("Csv", "DelimitedText", { firstRowAsHeader: true }),
  dataset("Parquet", "Parquet", {}),
  dataset("Bin", "Binary", {}),
];

function dataset(name: string, type: string, typeProperties: JsonObject): NamedDefinition {
  return {
    name,
    properties: {
      type,
      linkedServiceName: { referenceName: "Local", type: "LinkedServiceReference" },
      parameters: { container: { type: "String" }, file: { type: "String" } },
      typeProperties: {
        location: {
          type: "AzureBlobStorageLocation",
          container: "@dataset().container",
          fileName: "@dataset().file",
        },
        ...typeProperties,
      },
    },
  };
}

function invocationOf(request: CopyChildRequest): ActivityInvocation {
  const { file, input, output } = request;
  const typeProperties = {
    source: {},
    sink: {},
    ...(output === "Parquet" ? { translator: { mappings } } : {}),
  };
  const reference = (name: string, container: string) => ({
    referenceName: name,
    type: "DatasetReference" as const,
    parameters: { container, file },
  });
  return {
    activity: {
      name: "BenchCopy",
      type: "Copy",
      typeProperties,
      inputs: [reference(input, "raw")],
      outputs: [reference(output, `out-${output}`)],
    },
    typeProperties,
    scope: {},
    factory: "bench",
    pipelineName: "bench",
    pipelineRunId: "bench-run",
    activityRunId: "bench-activity",
    retryAttempt: 0,
    timeoutMs: 12 * 3_600_000,
    signal: new AbortController().signal,
    resources: {
      linkedService: async (name) => (name === "Local" ? local : undefined),
      dataset: async (name) => datasets.find((item) => item.name === name),
    },
    resumedState: undefined,
    saveState: async () => undefined,
    reportProgress: async () => undefined,
  };
}

const arg = process.argv[2];
if (arg === undefined) throw new Error("usage: copy-child.ts REQUEST_JSON");
const request = JSON.parse(arg) as CopyChildRequest;
const executor = createCopyExecutor({
  clock: systemClock,
  localStorageRoot: request.root,
  tempRoot: request.base,
});
const invocation = invocationOf(request);
// A server loads DuckDB at its first copy and keeps it; DuckDB direct's figure has it loaded too.
await import("@duckdb/node-api");
const startRss = process.memoryUsage.rss();
const start = performance.now();
const cpuStart = process.cpuUsage();
const outcome = await executor.run(invocation);
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
if (outcome.status !== "Succeeded")
  throw new Error(`bench copy failed: ${JSON.stringify(outcome)}`);
// maxRSS is in KiB: the high-water mark of the whole process since it started.
const peakRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, peakRss, startRss })}\n`);
