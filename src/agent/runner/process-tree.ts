import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { constants } from "node:os";
import { groupHasLiveMembers, signalGroup } from "./process-group.js";

/** How a process ended, with signals folded into a shell-style exit code. */
export interface ProcessExit {
  /** The exit status, or 128 + the signal number when a signal ended it (as `$?` in sh). */
  readonly exitCode: number;
  readonly signal?: NodeJS.Signals;
}

/** What `launch` needs. stdout/stderr are file descriptors the child writes to directly. */
export interface LaunchOptions {
  readonly file: string;
  readonly args: readonly string[];
  readonly argv0: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly stdoutFd: number;
  readonly stderrFd: number;
  /** Runs the process as this user and group (the agent must be root); default the agent's. */
  readonly user?: { readonly uid: number; readonly gid: number };
}

/** What a {@link Launcher} starts: like {@link LaunchOptions}, with the output files by path. */
export interface LaunchRequest {
  readonly file: string;
  readonly args: readonly string[];
  readonly argv0: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Opened (created or truncated) for the process's stdout / stderr. */
  readonly stdoutPath: string;
  readonly stderrPath: string;
  /**
   * Runs the process as this user and group, without supplementary groups (task isolation);
   * the files are still opened by the agent. Default: the agent's own user.
   */
  readonly user?: { readonly uid: number; readonly gid: number };
}

/**
 * Starts a program without a shell in a new session and process group, its stdout/stderr
 * written straight into files. Rejects with the start error (`code` ENOENT, EACCES, ...).
 */
export type Launcher = (request: LaunchRequest) => Promise<ProcessTree>;

/** The {@link Launcher} that forks this process: opens the files and hands the descriptors over. */
export const directLauncher: Launcher = async (request) => {
  // Synchronous like the task's directories (see run-task.ts): two local opens per task.
  const stdout = openSync(request.stdoutPath, "w");
  let stderr: number;
  try {
    stderr = openSync(request.stderrPath, "w");
  } catch (error) {
    closeSync(stdout);
    throw error;
  }
  try {
    return await launch({ ...request, stdoutFd: stdout, stderrFd: stderr });
  } finally {
    // The child holds its own copies of the descriptors.
    closeSync(stdout);
    closeSync(stderr);
  }
};

/** A process started in its own process group (it is the group's leader). */
export interface ProcessTree {
  readonly pid: number;
  readonly exited: Promise<ProcessExit>;
  /**
   * Ends the whole group: SIGTERM, then SIGKILL to whatever is left once the leader has exited
   * and the group is still there, or after `graceMs` at the latest. Resolves when the leader has
   * exited and the SIGKILL (if any) is sent.
   */
  killTree(graceMs: number): Promise<void>;
}

/** Maps Node's exit event to {@link ProcessExit}. Pure. */
export function toExit(code: number | null, signal: NodeJS.Signals | null): ProcessExit {
  if (signal !== null) return { exitCode: 128 + (constants.signals[signal] ?? 0), signal };
  return { exitCode: code ?? 0 };
}

/**
 * Starts a program without a shell, in a new session and process group (`detached`), so that
 * the group id is its pid and every descendant can be signalled at once. Resolves once the
 * process is running, rejects with the spawn error (ENOENT, EACCES, ENOEXEC...) otherwise.
 */
export function launch(options: LaunchOptions): Promise<ProcessTree> {
  const child = spawn(options.file, [...options.args], {
    argv0: options.argv0,
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", options.stdoutFd, options.stderrFd],
    detached: true,
    windowsHide: true,
    // libuv changes directory first (as the agent), then drops supplementary groups, then sets
    // gid and uid before exec. Root can still signal the group afterwards (killTree).
    ...(options.user === undefined ? {} : { uid: options.user.uid, gid: options.user.gid }),
  });
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once("exit", (code, signal) => resolve(toExit(code, signal)));
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("spawn", () => {
      child.off("error", reject);
      // Errors after spawn (a failed kill) are reported by killTree's own calls.
      child.on("error", () => undefined);
      resolve(processTreeOf(child.pid as number, exited));
    });
  });
}

/** The {@link ProcessTree} of group leader `pid`, whose end `exited` reports. */
export function processTreeOf(pid: number, exited: Promise<ProcessExit>): ProcessTree {
  return {
    pid,
    exited,
    async killTree(graceMs: number): Promise<void> {
      if (!signalGroup(pid, "SIGTERM")) return;
      const deadline = Date.now() + graceMs;
      await Promise.race([exited, delay(graceMs)]);
      // Give the rest of the group (children that catch SIGTERM to clean up) what remains of
      // the grace period.
      while (Date.now() < deadline && (await groupHasLiveMembers(pid))) await delay(25);
      signalGroup(pid, "SIGKILL");
      await exited;
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
