import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

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
  /** Where the server keeps its URL, for an agent that outlives it (`SLUICE_AGENT_SERVER_URL_FILE`). */
  readonly serverUrlFile?: string;
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
 * in `SLUICE_TOKEN`. The agent's progress lines go to `<root>/agent.log` (one agent's life:
 * emptied at each start), not to pipes: an agent that outlives a killed server must not
 * die of writing to a pipe nobody reads any more.
 */
export function cliAgentSpawner(cli: CliCommand = thisCli()): SpawnAgent {
  return (request) => {
    const args = [
      ...cli.args,
      "node",
      ...["--server", request.serverUrl, "--pool", request.poolId, "--root", request.root],
    ];
    mkdirSync(request.root, { recursive: true });
    const log = openSync(join(request.root, "agent.log"), "w");
    const child = spawn(cli.file, args, {
      // The agent notices when this process is gone (see `sluice node`): it then finishes
      // and reports its running tasks to the restarted server, and exits.
      env: {
        ...process.env,
        SLUICE_TOKEN: request.token,
        SLUICE_AGENT_PARENT_PID: String(process.pid),
        ...(request.serverUrlFile === undefined
          ? {}
          : { SLUICE_AGENT_SERVER_URL_FILE: request.serverUrlFile }),
      },
      stdio: ["ignore", log, log],
    });
    // The child has its own copy of the descriptor.
    closeSync(log);
    return child;
  };
}

/** How an agent process ended: unknown (null) for one that is not this process's child. */
export interface AgentExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running agent and the promise of its exit. */
export interface AgentChild {
  readonly index: number;
  readonly pid: number | undefined;
  readonly startedAt: number;
  readonly exited: Promise<AgentExit>;
  /** True for an agent that an earlier server started and this one found still running. */
  readonly adopted: boolean;
  alive: boolean;
  kill(signal: NodeJS.Signals): void;
}

/** Wraps a spawned child, noting when it exits (or fails to start). */
export function watchChild(index: number, child: ChildProcess, startedAt: number): AgentChild {
  const entry: AgentChild = {
    index,
    pid: child.pid,
    startedAt,
    adopted: false,
    alive: true,
    kill: (signal) => child.kill(signal),
    exited: new Promise((resolve) => {
      child.once("exit", (code, signal) => resolve({ code, signal }));
      // A spawn failure (no such program) emits 'error' and no 'exit'.
      child.once("error", () => resolve({ code: null, signal: null }));
    }),
  };
  void entry.exited.then(() => (entry.alive = false));
  return entry;
}

/**
 * Wraps a running agent that is not this process's child (its parent, a killed server, is
 * gone), noting when it exits by looking every `pollMs`: no exit event comes for it.
 */
export function watchAdopted(
  index: number,
  pid: number,
  startedAt: number,
  pollMs = 250,
): AgentChild {
  const entry: AgentChild = {
    index,
    pid,
    startedAt,
    adopted: true,
    alive: true,
    kill: (signal) => {
      try {
        process.kill(pid, signal);
      } catch (error) {
        // It exited meanwhile: the poll below notes it.
        if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
      }
    },
    exited: new Promise((resolve) => {
      const timer = setInterval(() => {
        if (!processGone(pid)) return;
        clearInterval(timer);
        resolve({ code: null, signal: null });
      }, pollMs);
    }),
  };
  void entry.exited.then(() => (entry.alive = false));
  return entry;
}

/** True when `pid` runs no more: no such process, or a zombie nobody reaped (Linux `/proc`). */
function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch (error) {
    // Gone since the signal check; or there is no /proc here, and the signal check is all.
    return (error as NodeJS.ErrnoException).code === "ENOENT" && hasProc();
  }
  return stat
    .slice(stat.lastIndexOf(")") + 1)
    .trim()
    .startsWith("Z");
}

function hasProc(): boolean {
  try {
    readFileSync("/proc/self/stat");
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL if the agent has not exited within `graceMs`; resolves once it has. */
export async function terminateChild(entry: AgentChild, graceMs: number): Promise<void> {
  if (!entry.alive) return;
  entry.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), graceMs);
  });
  const first = await Promise.race([entry.exited, timedOut]);
  clearTimeout(timer);
  if (first === "timeout" && entry.alive) {
    entry.kill("SIGKILL");
    await entry.exited;
  }
}
