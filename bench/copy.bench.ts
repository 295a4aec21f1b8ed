import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { systemClock, type JsonObject } from "../src/core/index.js";
import { createCopyExecutor } from "../src/factory/activities/copy-activity.js";
import type { ActivityInvocation, NamedDefinition } from "../src/factory/index.js";
import { printTable, type Figure } from "./batch/figure.js";

/**
 * The data movement figures of issue 8: a generated CSV (SLUICE_BENCH_COPY_MB, default
 * 1024 MB) converted to Parquet by the Copy activity and by DuckDB directly (target: Sluice
 * at least 0.8 of DuckDB), a plain file copy between two local containers against `cp`, and
 * the peak memory of the conversion at 1/8 of the size and at the full size (target: flat).
 */
export async function runCopyBench(): Promise<void> {
  const megabytes = Number(process.env.SLUICE_BENCH_COPY_MB ?? 1024);
  const base = await mkdtemp(join(tmpdir(), "sluice-copy-bench-"));
  try {
    const root = join(base, "storage");
    await mkdir(join(root, "raw"), { recursive: true });
    const csv = join(root, "raw", "big.csv");
    const small = join(root, "raw", "small.csv");
    await generateCsv(csv, megabytes * 2 ** 20);
    await generateCsv(small, (megabytes * 2 ** 20) / 8);
    const size = (await stat(csv)).size;
    console.log(`\nData movement (a ${(size / 2 ** 20).toFixed(0)} MB CSV on local disk)`);
    const direct = await timed(() => duckConvert(csv, join(base, "direct.parquet")));
    const smallRun = await sluiceCopy(root, base, "small.csv", "Csv", "Parquet");
    const bigRun = await sluiceCopy(root, base, "big.csv", "Csv", "Parquet");
    const plain = await sluiceCopy(root, base, "big.csv", "Bin", "Bin");
    const cp = await timed(() => run("cp", [csv, join(base, "cp.csv")]));
    const rate = (ms: number): number => size / 2 ** 20 / (ms / 1000);
    const ratio = rate(bigRun.ms) / rate(direct);
    const copyRatio = rate(plain.ms) / rate(cp);
    const figures: Figure[] = [
      {
        name: "CSV -> Parquet",
        value: `${rate(bigRun.ms).toFixed(0)} MB/s`,
        reference: `DuckDB direct ${rate(direct).toFixed(0)} MB/s`,
        target: "ratio >= 0.8",
        pass: ratio >= 0.8,
        notes: [`CSV -> Parquet ratio: ${ratio.toFixed(2)} of DuckDB direct`],
      },
      {
        name: "file copy",
        value: `${rate(plain.ms).toFixed(0)} MB/s`,
        reference: `cp ${rate(cp).toFixed(0)} MB/s`,
        target: "ratio >= 0.8",
        pass: copyRatio >= 0.8,
        notes: [`file copy ratio: ${copyRatio.toFixed(2)} of cp`],
      },
      {
        name: "peak RSS",
        value: `${mb(bigRun.peakRss)} at full size`,
        reference: `${mb(smallRun.peakRss)} at 1/8 size`,
        target: "flat (< 1.5x)",
        pass: bigRun.peakRss < smallRun.peakRss * 1.5,
      },
    ];
    printTable(figures);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** Writes a CSV of about `bytes` bytes with DuckDB: int, text, decimal, date, bool columns. */
async function generateCsv(path: string, bytes: number): Promise<void> {
  const rows = Math.max(1000, Math.round(bytes / 52));
  await duck(
    `COPY (SELECT i AS id, 'customer_' || (i % 100000) AS name, round((i % 100000) / 7.0, 2) AS amount, DATE '2024-01-01' + (i % 365)::INTEGER AS day, i % 3 = 0 AS flag FROM range(${rows}) t(i)) TO '${path}' (FORMAT csv, HEADER true)`,
  );
}

async function duckConvert(from: string, to: string): Promise<void> {
  await duck(
    `COPY (SELECT * FROM read_csv('${from}')) TO '${to}' (FORMAT parquet, COMPRESSION snappy)`,
  );
}

async function duck(sql: string): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const mappings = [
  ["id", "Int64"],
  ["name", "String"],
  ["amount", "Double"],
  ["day", "Date"],
  ["flag", "Boolean"],
].map(([name, type]) => ({ source: { name }, sink: { name, type } }));

async function sluiceCopy(
  root: string,
  base: string,
  file: string,
  input: string,
  output: string,
): Promise<{ ms: number; peakRss: number }> {
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
  const executor = createCopyExecutor({
    clock: systemClock,
    localStorageRoot: root,
    tempRoot: base,
  });
  const typeProperties = {
    source: {},
    sink: {},
    ...(output === "Parquet" ? { translator: { mappings } } : {}),
  };
  const invocation: ActivityInvocation = {
    activity: {
      name: "BenchCopy",
      type: "Copy",
      typeProperties,
      inputs: [
        { referenceName: input, type: "DatasetReference", parameters: { container: "raw", file } },
      ],
      outputs: [
        {
          referenceName: output,
          type: "DatasetReference",
          parameters: { container: `out-${output}`, file },
        },
      ],
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
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  try {
    let outcome: Awaited<ReturnType<typeof executor.run>> | undefined;
    const ms = await timed(async () => {
      outcome = await executor.run(invocation);
    });
    if (outcome?.status !== "Succeeded")
      throw new Error(`bench copy failed: ${JSON.stringify(outcome)}`);
    return { ms, peakRss };
  } finally {
    clearInterval(sampler);
  }
}

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

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "ignore" });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited ${String(code)}`)),
    );
  });
}
