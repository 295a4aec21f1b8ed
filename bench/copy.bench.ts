import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { printTable, type Figure } from "./batch/figure.js";
import type { CopyChildRequest } from "./copy-child.js";

/**
 * The data movement figures of issue 8: a generated CSV (SLUICE_BENCH_COPY_MB, default
 * 1024 MB) converted to Parquet by the Copy activity and by DuckDB directly (target: Sluice
 * at least 0.8 of DuckDB), a plain file copy between two local containers against `cp`, and
 * the peak memory of the conversion at 1/8 of the size and at the full size (target: flat).
 * Each Copy runs in its own process (copy-child.ts), whose peak RSS is the memory figure.
 * The conversions alternate with DuckDB's, best of two each, and the plain copy with `cp`,
 * best of three each: on a shared machine, and with the disk writing back earlier runs'
 * output, one run alone says little.
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
    const request = { root, base, file: "big.csv", input: "Csv", output: "Parquet" };
    const { direct, bigRun } = await conversions(request, csv, join(base, "direct.parquet"));
    const smallRun = await sluiceCopy({ ...request, file: "small.csv" });
    const copies = await plainCopies(request, csv, join(base, "cp.csv"));
    printTable([
      conversionFigure(size, direct, bigRun),
      copyFigure(size, copies),
      memoryFigure(smallRun, bigRun),
    ]);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
/** MB/s of `size` bytes in `ms`. */
const rate = (size: number, ms: number): number => size / 2 ** 20 / (ms / 1000);

function conversionFigure(
  size: number,
  direct: { ms: number; cpuMs: number },
  sluice: ChildRun,
): Figure {
  const ratio = direct.ms / sluice.ms;
  return {
    name: "CSV -> Parquet",
    value: `${rate(size, sluice.ms).toFixed(0)} MB/s`,
    reference: `DuckDB direct ${rate(size, direct.ms).toFixed(0)} MB/s`,
    target: "ratio >= 0.8",
    pass: ratio >= 0.8,
    notes: [
      `CSV -> Parquet ratio: ${ratio.toFixed(2)} of DuckDB direct (best of 2 each)`,
      // CPU time hardly depends on what else the machine runs, unlike the time taken.
      `CSV -> Parquet CPU time: ${seconds(sluice.cpuMs)}, DuckDB direct ${seconds(direct.cpuMs)} (ratio ${(direct.cpuMs / sluice.cpuMs).toFixed(2)})`,
    ],
  };
}

function copyFigure(size: number, copies: { sluiceMs: number; cpMs: number }): Figure {
  const ratio = copies.cpMs / copies.sluiceMs;
  return {
    name: "file copy",
    value: `${rate(size, copies.sluiceMs).toFixed(0)} MB/s`,
    reference: `cp ${rate(size, copies.cpMs).toFixed(0)} MB/s`,
    target: "ratio >= 0.8",
    pass: ratio >= 0.8,
    notes: [`file copy ratio: ${ratio.toFixed(2)} of cp (best of 3 each)`],
  };
}

function memoryFigure(small: ChildRun, big: ChildRun): Figure {
  return {
    name: "peak RSS",
    value: `${mb(big.peakRss)} at full size`,
    reference: `${mb(small.peakRss)} at 1/8 size`,
    target: "flat (< 1.5x)",
    pass: big.peakRss < small.peakRss * 1.5,
    notes: [
      `peak RSS of the copying process (kernel high-water mark); before the copy: ${mb(big.startRss)}`,
    ],
  };
}

/**
 * DuckDB direct and the Copy activity converting the CSV to Parquet, alternating, twice: the
 * best time of each, and the Copy's highest peak memory.
 */
async function conversions(
  request: CopyChildRequest,
  csv: string,
  directTarget: string,
): Promise<{ direct: { ms: number; cpuMs: number }; bigRun: ChildRun }> {
  let direct = { ms: Infinity, cpuMs: Infinity };
  let bigRun: ChildRun | undefined;
  for (let round = 0; round < 2; round++) {
    const cpuStart = process.cpuUsage();
    const ms = await timed(() => duckConvert(csv, directTarget));
    const cpu = process.cpuUsage(cpuStart);
    direct = {
      ms: Math.min(direct.ms, ms),
      cpuMs: Math.min(direct.cpuMs, (cpu.user + cpu.system) / 1000),
    };
    const run = await sluiceCopy(request);
    bigRun = {
      ms: Math.min(run.ms, bigRun?.ms ?? Infinity),
      cpuMs: Math.min(run.cpuMs, bigRun?.cpuMs ?? Infinity),
      peakRss: Math.max(run.peakRss, bigRun?.peakRss ?? 0),
      startRss: run.startRss,
    };
  }
  if (bigRun === undefined) throw new Error("no conversion ran");
  return { direct, bigRun };
}

/** The plain Binary copy (own process) and `cp`, alternating; the best time of each. */
async function plainCopies(
  request: CopyChildRequest,
  csv: string,
  cpTarget: string,
): Promise<{ sluiceMs: number; cpMs: number }> {
  let sluiceMs = Infinity;
  let cpMs = Infinity;
  const sinkFile = join(request.root, "out-Bin", request.file);
  for (let round = 0; round < 3; round++) {
    // A fresh sink each time: renaming over an existing file makes ext4 flush it first.
    await rm(sinkFile, { force: true });
    await rm(cpTarget, { force: true });
    sluiceMs = Math.min(
      sluiceMs,
      (await sluiceCopy({ ...request, input: "Bin", output: "Bin" })).ms,
    );
    cpMs = Math.min(cpMs, await timed(() => run("cp", [csv, cpTarget])));
  }
  return { sluiceMs, cpMs };
}

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

interface ChildRun {
  readonly ms: number;
  readonly cpuMs: number;
  readonly peakRss: number;
  readonly startRss: number;
}

const childScript = fileURLToPath(new URL("./copy-child.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** Runs one Copy activity in copy-child.ts (TypeScript through tsx, as this bench runs). */
function sluiceCopy(request: CopyChildRequest): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const args = ["--import", "tsx", childScript, JSON.stringify(request)];
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`copy-child exited ${String(code)}`));
      else resolve(JSON.parse(out) as ChildRun);
    });
  });
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
