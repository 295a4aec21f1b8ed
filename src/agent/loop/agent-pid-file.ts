import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * `<root>/agent.pid`: the process id of the agent serving a node root, kept while it runs.
 * A local pool supervisor started after its server was killed reads it to find an agent that
 * outlived the server there, and adopts it instead of starting a second one at the root.
 */
export function agentPidPath(root: string): string {
  return join(resolve(root), "agent.pid");
}

/** Records this process as the root's agent (written whole, then renamed into place). */
export function writeAgentPid(root: string): void {
  const path = agentPidPath(root);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${process.pid}\n`);
  renameSync(temp, path);
}

/** Removes the record if it still names this process (a newer agent may have replaced it). */
export function removeAgentPid(root: string): void {
  if (readPid(agentPidPath(root)) === process.pid) rmSync(agentPidPath(root), { force: true });
}

/**
 * The process id of an agent alive at `root`, or undefined. A recorded id whose process is
 * gone, or (where `/proc` tells) is now some other program, is not an agent: process ids are
 * reused after a kill -9 left the record behind.
 */
export function liveAgentAt(root: string): number | undefined {
  const pid = readPid(agentPidPath(root));
  if (pid === undefined || pid === process.pid || !isRunning(pid)) return undefined;
  const commandLine = readCommandLine(pid);
  if (commandLine === undefined) return pid;
  return commandLine.includes(resolve(root)) || commandLine.includes(root) ? pid : undefined;
}

function readPid(path: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 1 ? pid : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The arguments of `pid` from `/proc` (Linux), or undefined where there is no `/proc`. A
 * process that exited meanwhile, or a zombie, has an empty command line: not an agent.
 */
function readCommandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !procMounted()) return undefined;
    return [];
  }
}

function procMounted(): boolean {
  try {
    readFileSync("/proc/self/cmdline");
    return true;
  } catch {
    return false;
  }
}
