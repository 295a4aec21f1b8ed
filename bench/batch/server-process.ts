import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import { BatchClient } from "../../src/client/index.js";

/** A Sluice server running in a child process on a fresh SQLite data dir. */
export interface BenchServer {
  readonly url: string;
  readonly client: BatchClient;
  /** The server process's peak and current resident memory, in bytes. */
  memory(): Promise<{ peakBytes: number; rssBytes: number }>;
  /** Stops the server (and its local agents) and removes its data dir. */
  close(): Promise<void>;
}

const childScript = fileURLToPath(new URL("./server-child.mjs", import.meta.url));
// SLUICE_BENCH_DIST names another build's `dist/` (say, one built with `tsc --outDir`).
const distDir =
  process.env.SLUICE_BENCH_DIST ?? fileURLToPath(new URL("../../dist", import.meta.url));
const built = join(distDir, "app", "index.js");

/** Starts `server-child.mjs` (the built server) and waits for its address. */
export async function startBenchServer(): Promise<BenchServer> {
  if (!existsSync(built)) throw new Error(`${built} is missing: run 'npm run build' first`);
  const dataDir = await mkdtemp(join(tmpdir(), "sluice-bench-"));
  const child = spawn(process.execPath, [childScript, dataDir, built], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const { url, token } = JSON.parse(await nextLine(lines, child)) as { url: string; token: string };
  return {
    url,
    client: new BatchClient({ url, token }),
    memory: async () => {
      child.stdin!.write("rss\n");
      return JSON.parse(await nextLine(lines, child)) as { peakBytes: number; rssBytes: number };
    },
    close: async () => {
      child.stdin!.end();
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function nextLine(lines: Interface, child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const onExit = (): void => reject(new Error("the bench server exited"));
    child.once("exit", onExit);
    lines.once("line", (line) => {
      child.off("exit", onExit);
      resolve(line);
    });
  });
}
