import { spawn, type ChildProcess } from "node:child_process";
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
}

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
      resolve(tree(child, exited));
    });
  });
}

function tree(child: ChildProcess, exited: Promise<ProcessExit>): ProcessTree {
  const pid = child.pid as number;
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
