import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Logger } from "../core/index.js";

/** What one local agent process is started with. */
export interface AgentSpawnRequest {
  readonly poolId: string;
  /** The agent's number in its pool (0, 1, ...): names its root. */
  readonly index: number;
  /** `<dataDir>/nodes/<pool>/<index>`. */
  readonly root: string;
  readonly serverUrl: string;
  /** Passed in the `SLUICE_TOKEN` environment variable, never as an argument (`ps` shows those). */
  readonly token: string;
}

/** Starts one local agent process. */
export type SpawnAgent = (request: AgentSpawnRequest) => ChildProcess;

/** A program and the arguments that start Sluice's CLI (before `node --server ...`). */
export interface CliCommand {
  readonly file: string;
  readonly args: readonly string[];
}

/**
 * This installation's CLI: `node dist/cli/main.js`, or `node --import tsx src/cli/main.ts`
 * when Sluice runs from its TypeScript sources (development and tests).
 */
export function thisCli(): CliCommand {
  const fromSources = import.meta.url.endsWith(".ts");
  const entry = fileURLToPath(new URL(`../cli/main.${fromSources ? "ts" : "js"}`, import.meta.url));
  return {
    file: process.execPath,
    args: fromSources ? ["--import", "tsx", entry] : [entry],
  };
}

/**
 * A {@link SpawnAgent} running `<cli> node --server URL --pool ID --root DIR` with the token
 * in `SLUICE_TOKEN`. The agent's progress lines go to `logger` (debug), so its pipes never fill.
 */
export function cliAgentSpawner(cli: CliCommand = thisCli(), logger?: Logger): SpawnAgent {
  return (request) => {
    const args = [
      ...cli.args,
      "node",
      ...["--server", request.serverUrl, "--pool", request.poolId, "--root", request.root],
    ];
    const child = spawn(cli.file, args, {
      // The agent exits when this process is gone (see `sluice node`), so a server killed
      // with SIGKILL leaves no orphaned agents behind.
      env: {
        ...process.env,
        SLUICE_TOKEN: request.token,
        SLUICE_AGENT_PARENT_PID: String(process.pid),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const fields = { poolId: request.poolId, index: request.index };
    for (const stream of [child.stdout, child.stderr]) {
      if (stream === null) continue;
      createInterface({ input: stream }).on("line", (line) =>
        logger?.debug("agent", { ...fields, line }),
      );
    }
    return child;
  };
}

/** A running agent child and the promise of its exit. */
export interface AgentChild {
  readonly index: number;
  readonly child: ChildProcess;
  readonly startedAt: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive: boolean;
}

/** Wraps a spawned child, noting when it exits (or fails to start). */
export function watchChild(index: number, child: ChildProcess, startedAt: number): AgentChild {
  const entry: AgentChild = {
    index,
    child,
    startedAt,
    alive: true,
    exited: new Promise((resolve) => {
      child.once("exit", (code, signal) => resolve({ code, signal }));
      // A spawn failure (no such program) emits 'error' and no 'exit'.
      child.once("error", () => resolve({ code: null, signal: null }));
    }),
  };
  void entry.exited.then(() => (entry.alive = false));
  return entry;
}

/** SIGTERM, then SIGKILL if the child has not exited within `graceMs`; resolves once it has. */
export async function terminateChild(entry: AgentChild, graceMs: number): Promise<void> {
  if (!entry.alive) return;
  entry.child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), graceMs);
  });
  const first = await Promise.race([entry.exited, timedOut]);
  clearTimeout(timer);
  if (first === "timeout" && entry.alive) {
    entry.child.kill("SIGKILL");
    await entry.exited;
  }
}
