import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { millis, printTable, type Figure } from "./batch/figure.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "dist", "cli", "main.js");
const factory = join(root, "examples", "quickstart");
const runs = 3;
const targetMs = 2000;

/** Milliseconds from spawn to the first output line matching `ready`; then SIGINT and exit. */
async function timeToReady(args: readonly string[], ready: RegExp): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const readyAt = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (ready.test(output)) resolve(performance.now());
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((code) => reject(new Error(`exited (${code}) before ready:\n${output}`)));
  });
  child.kill("SIGINT");
  await exited;
  return readyAt - started;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function medianOf(times: () => Promise<number>): Promise<{ median: number; all: number[] }> {
  const all: number[] = [];
  for (let i = 0; i < runs; i++) all.push(await times());
  return { median: median(all), all };
}

/** `sluice up examples/quickstart` until it prints `Press Ctrl-C to stop.` (all deployed). */
const upReady = /Press Ctrl-C to stop\./;
const upArgs = (dataDir: string): string[] => [
  cli,
  "up",
  factory,
  "--data-dir",
  dataDir,
  "--port",
  "0",
];

/**
 * Issue 6's start-up figure: `node dist/cli/main.js up examples/quickstart` on SQLite, from
 * spawn until it says it is ready (server listening, factory deployed, pool created,
 * triggers started), on a fresh data directory and on a restart of the same one; median of
 * 3. The reference is a bare Node process that listens on a port, the floor under any
 * Node server. Misses print, they do not fail the run.
 */
export async function runStartupBench(): Promise<void> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run 'npm run build' first`);
  console.log("\nStart-up (sluice up examples/quickstart, SQLite; median of 3)");
  const dirs: string[] = [];
  const freshDir = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), "sluice-startup-bench-"));
    dirs.push(dir);
    return dir;
  };
  try {
    const floor = await medianOf(() =>
      timeToReady(
        ["-e", "require('node:http').createServer().listen(0, () => console.log('ready'))"],
        /ready/,
      ),
    );
    const help = await medianOf(() => timeToReady([cli, "--help"], /Usage: sluice/));
    const first = await medianOf(async () => timeToReady(upArgs(await freshDir()), upReady));
    const again = await freshDir();
    await timeToReady(upArgs(again), upReady);
    const restart = await medianOf(() => timeToReady(upArgs(again), upReady));
    const figure = (name: string, measured: { median: number; all: number[] }): Figure => ({
      name,
      value: millis(measured.median),
      reference: `${millis(floor.median)} (node listening)`,
      target: `< ${millis(targetMs)}`,
      pass: measured.median < targetMs,
      notes: [`${name}: ${measured.all.map(millis).join(", ")}`],
    });
    printTable([
      figure("first start to ready", first),
      figure("restart to ready", restart),
      {
        name: "sluice --help (loading the CLI)",
        value: millis(help.median),
        reference: `${millis(floor.median)} (node listening)`,
        target: "-",
        pass: true,
      },
    ]);
  } finally {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
}
