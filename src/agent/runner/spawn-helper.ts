import { spawn, type ChildProcess } from "node:child_process";
import { constants } from "node:os";
import { createInterface } from "node:readline";
import {
  processTreeOf,
  type LaunchRequest,
  type Launcher,
  type ProcessExit,
} from "./process-tree.js";
import { spawnHelperScript } from "./spawn-helper-script.js";

interface Pending {
  readonly started: { resolve: (pid: number) => void; reject: (error: Error) => void };
  readonly exited: { resolve: (exit: ProcessExit) => void };
  pid?: number;
}

/** How often a run whose helper died is checked for its end, in ms. */
const orphanPollMs = 100;

/**
 * Starts task processes through a small long-lived helper (see spawn-helper-script.ts) instead
 * of forking the agent for each: a fork copies the forking process's page tables, so a helper
 * of a few MB starts processes many times faster than a Node process of 100 MB, and the
 * agent's event loop never stops for it. Same contract as the direct launcher: no shell, a
 * new session and process group, stdout/stderr opened (truncated) straight into the files.
 */
export class SpawnHelper {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: Error | undefined;

  private constructor(private readonly child: ChildProcess) {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => this.onLine(line));
    child.once("exit", () => this.onDeath(new Error("the spawn helper exited")));
    child.stdin!.on("error", (error) => this.onDeath(error));
  }

  /**
   * Starts the helper with `perl` from PATH; resolves to undefined when it cannot run there
   * (no perl), so the caller launches directly instead.
   */
  static async start(perl = "perl"): Promise<SpawnHelper | undefined> {
    const child = spawn(perl, ["-e", spawnHelperScript], {
      stdio: ["pipe", "pipe", "ignore"],
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    });
    const ok = await new Promise<boolean>((resolve) => {
      child.once("error", () => resolve(false));
      child.once("spawn", () => resolve(true));
    });
    if (!ok) return undefined;
    const helper = new SpawnHelper(child);
    // A helper that cannot run its program (a broken perl) fails this probe: fall back.
    try {
      const probe = await helper.launch({
        file: "/bin/sh",
        argv0: "sh",
        args: ["-c", "exit 7"],
        cwd: "/",
        env: {},
        stdoutPath: "/dev/null",
        stderrPath: "/dev/null",
      });
      if ((await probe.exited).exitCode === 7) return helper;
    } catch {
      // not usable: the direct launcher takes over
    }
    helper.close();
    return undefined;
  }

  /** A {@link Launcher} starting processes through this helper. */
  readonly launch: Launcher = (request) => {
    if (this.dead !== undefined) return Promise.reject(this.dead);
    const id = this.nextId++;
    let exitedResolve!: (exit: ProcessExit) => void;
    const exited = new Promise<ProcessExit>((resolve) => (exitedResolve = resolve));
    const started = new Promise<number>((resolve, reject) => {
      this.pending.set(id, { started: { resolve, reject }, exited: { resolve: exitedResolve } });
    });
    this.child.stdin!.write(frame(id, request));
    return started.then((pid) => processTreeOf(pid, exited));
  };

  /** Ends the helper; processes it started run on. */
  close(): void {
    this.child.stdin!.end();
  }

  private onLine(line: string): void {
    const [kind, idText, first = "", second = ""] = line.split(" ");
    const entry = this.pending.get(Number(idText));
    if (entry === undefined) return;
    if (kind === "S") {
      entry.pid = Number(first);
      entry.started.resolve(entry.pid);
    } else if (kind === "F") {
      this.pending.delete(Number(idText));
      entry.started.reject(errnoError(Number(first)));
    } else if (kind === "E") {
      this.pending.delete(Number(idText));
      entry.exited.resolve(exitOf(Number(first), Number(second)));
    }
  }

  /** The helper is gone: new launches fail; runs it started are watched until they end. */
  private onDeath(error: Error): void {
    if (this.dead !== undefined) return;
    this.dead = error;
    for (const [id, entry] of this.pending) {
      this.pending.delete(id);
      if (entry.pid === undefined) entry.started.reject(error);
      else watchOrphan(entry.pid, entry.exited.resolve);
    }
  }
}

/** The request as the helper reads it: a length line, then NUL-separated fields. */
function frame(id: number, request: LaunchRequest): Buffer {
  const env = Object.entries(request.env).map(([name, value]) => `${name}=${value}`);
  const fields = [
    String(id),
    request.cwd,
    request.stdoutPath,
    request.stderrPath,
    request.file,
    request.argv0,
    // "-": keep the helper's own user (it runs as the agent).
    request.user === undefined ? "-" : String(request.user.uid),
    request.user === undefined ? "-" : String(request.user.gid),
    String(request.args.length),
    ...request.args,
    ...env,
  ];
  const body = Buffer.from(fields.join("\0"));
  return Buffer.concat([Buffer.from(`${body.length}\n`), body]);
}

function exitOf(code: number, signal: number): ProcessExit {
  if (signal === 0) return { exitCode: code };
  const name = Object.entries(constants.signals).find(([, number]) => number === signal)?.[0];
  return name === undefined
    ? { exitCode: 128 + signal }
    : { exitCode: 128 + signal, signal: name as NodeJS.Signals };
}

/** An errno from the helper as Node reports spawn errors: `code` is ENOENT, EACCES... */
function errnoError(errno: number): Error {
  const code = Object.entries(constants.errno).find(([, number]) => number === errno)?.[0];
  return Object.assign(new Error(`spawn failed: ${code ?? `errno ${errno}`}`), {
    code: code ?? "UNKNOWN",
    errno,
  });
}

/** Resolves once `pid` is gone, as a kill: its exit status went with the dead helper. */
function watchOrphan(pid: number, resolve: (exit: ProcessExit) => void): void {
  const timer = setInterval(() => {
    try {
      process.kill(pid, 0);
    } catch {
      clearInterval(timer);
      resolve({ exitCode: 128 + constants.signals.SIGKILL, signal: "SIGKILL" });
    }
  }, orphanPollMs);
}
