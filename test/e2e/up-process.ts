// `sluice up` from the built CLI (dist/cli/main.js, as `npm start` runs it; `npm run build`
// first), as its own process, so a test can kill it with SIGKILL and start it again, and find
// the local agents it left.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { waitFor } from "./e2e-kit.js";

const root = new URL("../..", import.meta.url).pathname;
const builtCli = join(root, "dist/cli/main.js");

/** A running `sluice up` and everything it printed so far. */
export interface UpProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

/** Starts `node dist/cli/main.js up ARGS...` in the repository. */
export function startUp(args: readonly string[]): UpProcess {
  if (!existsSync(builtCli))
    throw new Error(`${builtCli} is missing: run 'npm run build' before the e2e tests`);
  let output = "";
  const child = spawn(process.execPath, [builtCli, "up", ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, output: () => output, exited };
}

/** Waits until `up` printed a line matching `pattern`; fails early if it exited. */
export async function printed(up: UpProcess, pattern: RegExp, ms = 120_000): Promise<string[]> {
  return waitFor(
    async () => {
      const match = pattern.exec(up.output());
      if (match) return [...match];
      if (up.child.exitCode !== null) throw new Error(`sluice up exited: ${up.output()}`);
      return undefined;
    },
    ms,
    () => up.output(),
  );
}

/** SIGKILL, and wait until it is gone. */
export async function killHard(up: UpProcess): Promise<void> {
  if (up.child.exitCode === null && up.child.signalCode === null) up.child.kill("SIGKILL");
  await up.exited;
}

/**
 * Processes whose command line names `dataDir`: the local agents of a `sluice up` there (they
 * get `--root <dataDir>/nodes/...`), and the `sluice up` itself. Linux `/proc`.
 */
export async function processesUsing(dataDir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const commandLine = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    const state = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    const zombie = / Z /.test(state.slice(state.lastIndexOf(")")));
    if (!zombie && commandLine.split("\0").some((arg) => arg.includes(dataDir))) pids.push(pid);
  }
  return pids;
}

/** Waits until no process names `dataDir`; on timeout kills those left (this test's own) and fails. */
export async function expectNoneLeft(dataDir: string, ms = 60_000): Promise<void> {
  try {
    await waitFor(
      async () => ((await processesUsing(dataDir)).length === 0 ? true : undefined),
      ms,
      async () =>
        `processes still running on ${dataDir}: ${(await processesUsing(dataDir)).join(", ")}`,
    );
  } catch (error) {
    await killAllUsing(dataDir);
    throw error;
  }
}

/** Cleanup after a failed test: SIGKILL the processes this test started on `dataDir`. */
export async function killAllUsing(dataDir: string): Promise<void> {
  for (const pid of await processesUsing(dataDir)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  }
}

/** A REST call to the server of `dataDir` at `url`, with the token from the data directory. */
export async function callServer(
  url: string,
  dataDir: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = (await readFile(join(dataDir, "token"), "utf8")).trim();
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
  };
}

/** Polls a pipeline run until it has ended; returns it. */
export async function runEnded(
  url: string,
  dataDir: string,
  factory: string,
  runId: string,
  ms = 180_000,
): Promise<Record<string, unknown>> {
  const path = `/factories/${factory}/pipelineruns/${runId}`;
  return waitFor(
    async () => {
      const reply = await callServer(url, dataDir, "GET", path).catch(() => undefined);
      const status = String(reply?.body.status);
      return ["Succeeded", "Failed", "Cancelled"].includes(status) ? reply!.body : undefined;
    },
    ms,
    async () => JSON.stringify((await callServer(url, dataDir, "GET", path)).body),
  );
}
