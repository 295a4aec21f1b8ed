import { parseCommandLine } from "./command-line.js";
import { errorMessage, failure } from "./failure-info.js";
import { isCode } from "./find-files.js";
import { recordProcessGroup } from "./process-group-ledger.js";
import { directLauncher, type Launcher, type ProcessTree } from "./process-tree.js";
import { resolveProgram } from "./resolve-program.js";
import type { TaskLayout } from "./node-layout.js";
import type { TaskFailureInfo } from "./task-run-spec.js";

/** How the command ended. */
export type CommandOutcome =
  | { readonly kind: "launchFailed"; readonly failureInfo: TaskFailureInfo }
  | { readonly kind: "exited"; readonly exitCode: number; readonly ended?: "timeout" | "aborted" };

/** What {@link executeCommand} needs besides the command line. */
export interface ExecuteOptions {
  readonly layout: TaskLayout;
  readonly env: Readonly<Record<string, string>>;
  /** Milliseconds; undefined for no limit. */
  readonly maxWallClockTime?: number;
  readonly signal: AbortSignal;
  readonly killGraceMs: number;
  /** Whether processes the command left running are killed when it exits. */
  readonly killLeftovers: boolean;
  /** Without `killLeftovers`: given the means to end what the command left running, later. */
  readonly onLeftovers?: (end: () => Promise<void>) => void;
  /** The node root whose process group ledger records the run; default: not recorded. */
  readonly nodeRootDir?: string;
  /** Starts the process; default {@link directLauncher} (a fork of this process). */
  readonly launcher?: Launcher;
  /** The isolated task's user and group; default the agent's own (see task-isolation.ts). */
  readonly user?: { readonly uid: number; readonly gid: number };
}

/**
 * Runs the command line to its end, writing stdout/stderr straight into the task's files
 * (truncated first) so they can be tailed while it runs.
 */
export async function executeCommand(
  commandLine: string,
  options: ExecuteOptions,
): Promise<CommandOutcome> {
  const prepared = await prepare(commandLine, options);
  if ("failureInfo" in prepared) return { kind: "launchFailed", failureInfo: prepared.failureInfo };
  let child: ProcessTree;
  try {
    child = await (options.launcher ?? directLauncher)({
      ...prepared,
      cwd: options.layout.workingDir,
      env: options.env,
      stdoutPath: options.layout.stdoutPath,
      stderrPath: options.layout.stderrPath,
      ...(options.user === undefined ? {} : { user: options.user }),
    });
  } catch (error) {
    const code = isCode(error, "ENOENT") ? "CommandProgramNotFound" : "CommandLaunchFailed";
    return {
      kind: "launchFailed",
      failureInfo: failure(
        code,
        `Cannot start ${JSON.stringify(prepared.argv0)}: ${errorMessage(error)}`,
      ),
    };
  }
  const release = options.nodeRootDir && recordProcessGroup(options.nodeRootDir, child.pid);
  try {
    return await supervise(child, options);
  } finally {
    if (release) release();
  }
}

async function prepare(
  commandLine: string,
  options: ExecuteOptions,
): Promise<{ file: string; args: string[]; argv0: string } | { failureInfo: TaskFailureInfo }> {
  let argv: string[];
  try {
    argv = parseCommandLine(commandLine);
  } catch (error) {
    return { failureInfo: failure("CommandLaunchFailed", errorMessage(error)) };
  }
  const [argv0 = "", ...args] = argv;
  const lookup = await resolveProgram(argv0, options.layout.workingDir, options.env.PATH);
  if (lookup.found) return { file: lookup.path, args, argv0 };
  if (lookup.reason === "notExecutable") {
    const message = `The program ${JSON.stringify(argv0)} is not executable (looked in: ${lookup.tried.join(", ")}).`;
    return { failureInfo: failure("CommandLaunchFailed", message) };
  }
  const message = `The program ${JSON.stringify(argv0)} was not found in the task working directory or on PATH (looked in: ${lookup.tried.join(", ")}). The command line runs without a shell: use /bin/sh -c "..." for shell syntax.`;
  return { failureInfo: failure("CommandProgramNotFound", message) };
}

/** Waits for the process, ending its whole tree on timeout or abort. */
async function supervise(child: ProcessTree, options: ExecuteOptions): Promise<CommandOutcome> {
  let ended: "timeout" | "aborted" | undefined;
  let killing: Promise<void> | undefined;
  let exitedFirst = false;
  const end = (why: "timeout" | "aborted"): void => {
    // A limit reached after the process exited on its own changes nothing.
    if (ended !== undefined || exitedFirst) return;
    ended = why;
    killing = child.killTree(options.killGraceMs);
  };
  const timer =
    options.maxWallClockTime === undefined
      ? undefined
      : setTimeout(() => end("timeout"), options.maxWallClockTime);
  const onAbort = (): void => end("aborted");
  if (options.signal.aborted) onAbort();
  options.signal.addEventListener("abort", onAbort);
  try {
    const exit = await child.exited;
    exitedFirst = ended === undefined;
    const why = ended;
    if (killing === undefined && options.killLeftovers)
      killing = child.killTree(options.killGraceMs);
    else if (killing === undefined)
      options.onLeftovers?.(() => child.killTree(options.killGraceMs));
    await killing;
    return why === undefined
      ? { kind: "exited", exitCode: exit.exitCode }
      : { kind: "exited", exitCode: exit.exitCode, ended: why };
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener("abort", onAbort);
  }
}
