import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { reapProcessGroups, runAgent, tokenPath, type AgentEvent } from "../app/index.js";
import { ApiError } from "../client/index.js";
import { SluiceError, systemClock } from "../core/index.js";
import type { CommandIO } from "./command-io.js";

const help = `Usage: sluice node --server URL --pool ID [--slots N] [--root DIR] [--token T]

Runs a node agent: joins pool ID on the server, runs its start task, then claims and runs
tasks until Ctrl-C (running tasks get 10 s to finish) or until the server removes the node.

  --server URL   the server (default: SLUICE_URL)
  --pool ID      the pool to join
  --slots N      task slots to offer (default: the pool's taskSlotsPerNode)
  --root DIR     the node root directory (default: <data-dir>/nodes/<pool>)
  --token T      the server token (default: SLUICE_TOKEN, else <data-dir>/token, where the
                 data dir is SLUICE_HOME or .sluice)`;

/** Where `runNode` reads its environment; default the process's. */
export interface NodeCommandEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

interface NodeFlags {
  readonly serverUrl: string;
  readonly poolId: string;
  readonly slots?: number;
  readonly root: string;
  readonly tokenFlag?: string;
  readonly dataDir: string;
}

function invalid(flag: string, value: unknown, allowed: string): SluiceError {
  return new SluiceError(
    "InvalidArgument",
    `${flag} ${value === undefined ? "is missing" : `is '${String(value)}'`}; ${allowed}.`,
    { details: { field: flag, value } },
  );
}

/** Reads and checks the flags; throws `InvalidArgument` naming the flag. Pure but for `env`. */
export function parseNodeFlags(
  argv: readonly string[],
  environment: NodeCommandEnvironment,
): NodeFlags | "help" {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      server: { type: "string" },
      pool: { type: "string" },
      slots: { type: "string" },
      root: { type: "string" },
      token: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  const serverUrl = values.server ?? environment.env.SLUICE_URL;
  if (serverUrl === undefined || !/^https?:\/\/./.test(serverUrl) || !URL.canParse(serverUrl))
    throw invalid("--server", serverUrl, "give the server's http(s) URL (or set SLUICE_URL)");
  const poolId = values.pool;
  if (poolId === undefined || !/^[A-Za-z0-9_-]{1,64}$/.test(poolId))
    throw invalid("--pool", poolId, "give a pool id of 1 to 64 letters, digits, '-' or '_'");
  let slots: number | undefined;
  if (values.slots !== undefined) {
    slots = Number(values.slots);
    if (!Number.isInteger(slots) || slots < 1 || slots > 256)
      throw invalid("--slots", values.slots, "give an integer from 1 to 256");
  }
  if (values.token === "") throw invalid("--token", "", "give the server's token");
  const dataDir = resolve(environment.cwd, environment.env.SLUICE_HOME ?? ".sluice");
  return {
    serverUrl,
    poolId,
    ...(slots === undefined ? {} : { slots }),
    root: resolve(environment.cwd, values.root ?? resolve(dataDir, "nodes", poolId)),
    ...(values.token === undefined ? {} : { tokenFlag: values.token }),
    dataDir,
  };
}

async function findToken(flags: NodeFlags, env: NodeCommandEnvironment["env"]): Promise<string> {
  if (flags.tokenFlag !== undefined) return flags.tokenFlag;
  if (env.SLUICE_TOKEN) return env.SLUICE_TOKEN;
  const file = tokenPath(flags.dataDir);
  try {
    return (await readFile(file, "utf8")).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new SluiceError(
      "InvalidArgument",
      `No token: pass --token, set SLUICE_TOKEN, or run where ${file} exists (the server's data directory; SLUICE_HOME names it).`,
      { details: { field: "--token" } },
    );
  }
}

/**
 * `sluice node`: runs a node agent until `stop` resolves (Ctrl-C / SIGTERM in main.ts) or the
 * server removes the node; returns the exit code (0 stopped cleanly, 1 refused by the server).
 * Bad flags throw `InvalidArgument` before anything is created or contacted.
 */
export async function runNode(
  argv: readonly string[],
  io: CommandIO,
  stop: Promise<void>,
  environment: NodeCommandEnvironment = { env: process.env, cwd: process.cwd() },
): Promise<number> {
  const flags = parseNodeFlags(argv, environment);
  if (flags === "help") {
    io.out(help);
    return 0;
  }
  const token = await findToken(flags, environment.env);
  // Task processes a previous agent here left running when it was killed.
  const orphans = await reapProcessGroups(flags.root);
  if (orphans.length > 0)
    io.out(`Ended ${orphans.length} task process group(s) left by an earlier agent`);
  const controller = new AbortController();
  void stop.then(() => controller.abort());
  const orphaned = watchParent(environment.env);
  io.out(`Joining pool ${flags.poolId} on ${flags.serverUrl} (node root ${flags.root})`);
  try {
    await runAgent(
      {
        serverUrl: flags.serverUrl,
        token,
        poolId: flags.poolId,
        root: flags.root,
        ...(flags.slots === undefined ? {} : { slots: flags.slots }),
        // Set by a server for its local agents: where it keeps its URL across restarts.
        ...(environment.env.SLUICE_AGENT_SERVER_URL_FILE
          ? { serverUrlFile: environment.env.SLUICE_AGENT_SERVER_URL_FILE }
          : {}),
      },
      {
        clock: systemClock,
        signal: controller.signal,
        orphaned: orphaned.signal,
        onEvent: (event) => report(io, event),
      },
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    io.err(`error ${error.batchCode}: the server refused this node: ${error.message}`);
    return 1;
  } finally {
    orphaned.dispose();
  }
  io.out("Node agent stopped");
  return 0;
}

/**
 * An embedded agent (spawned by a server's local pool, which sets SLUICE_AGENT_PARENT_PID)
 * notices when that process is gone (even killed with SIGKILL, which it cannot report): it
 * then claims nothing more, finishes and reports its running tasks to the restarted server
 * (or gives up after a node lease without one), and exits (see `AgentContext.orphaned`).
 */
function watchParent(env: NodeJS.ProcessEnv): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const parent = Number(env.SLUICE_AGENT_PARENT_PID);
  if (!Number.isInteger(parent) || parent <= 0)
    return { signal: controller.signal, dispose: () => undefined };
  const timer = setInterval(() => {
    if (process.ppid !== parent) controller.abort();
  }, 500);
  timer.unref();
  return { signal: controller.signal, dispose: () => clearInterval(timer) };
}

/** One progress line per event; never the token. */
export function describeEvent(event: AgentEvent): string {
  switch (event.kind) {
    case "registered":
      return `Registered as node ${event.nodeId} in pool ${event.poolId} with ${event.slots} slot(s)`;
    case "taskStarted":
      return `${taskName(event.task)} started`;
    case "taskEnded": {
      const { outcome } = event;
      const exit = outcome.exitCode === undefined ? "" : ` (exit code ${outcome.exitCode})`;
      const code = outcome.failureInfo === undefined ? "" : `: ${outcome.failureInfo.code}`;
      const dropped = event.reported === "completed" ? "" : `; result ${event.reported}`;
      return `${taskName(event.task)} ended: ${outcome.result}${exit}${code}${dropped}`;
    }
    case "serverUnreachable":
      return `Server unreachable (${event.error}); retrying, running tasks continue`;
    case "serverReachable":
      return "Server reachable again";
    case "command":
      return event.command === "leave"
        ? "The server asked this node to leave the pool"
        : "Rebooting: tasks end and the start task runs again";
    case "stopping":
      if (event.reason === "orphaned")
        return "The server that started this node is gone: no new tasks; running ones finish and are reported when it is back";
      return event.reason === "leave"
        ? "Leaving: no new tasks; finishing running ones"
        : "Stopping: no new tasks; running ones get a grace period";
  }
}

function report(io: CommandIO, event: AgentEvent): void {
  io.out(describeEvent(event));
}

function taskName(task: { kind: string; jobId?: string; taskId?: string }): string {
  if (task.kind === "startTask") return "Start task";
  return `Task ${task.jobId ?? "?"}/${task.taskId ?? "?"}`;
}
