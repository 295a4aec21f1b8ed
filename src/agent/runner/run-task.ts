import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { SluiceError, systemClock, type Clock } from "../../core/index.js";
import { buildTaskEnvironment } from "./environment.js";
import { executeCommand, type CommandOutcome } from "./execute-command.js";
import { failure } from "./failure-info.js";
import { nodeLayout, taskLayout, type TaskLayout } from "./node-layout.js";
import type { Launcher } from "./process-tree.js";
import { uploadOutputFiles } from "./output-files.js";
import { writeResourceFiles } from "./resource-files.js";
import type { FailureKind, TaskFailureInfo, TaskRunResult, TaskRunSpec } from "./task-run-spec.js";

/** Options of {@link runTask}. */
export interface RunTaskOptions {
  /** Source of `startTime` / `endTime`; default the system clock. */
  readonly clock?: Clock;
  /**
   * Ends the run: the process tree is killed (if running) and the result says `aborted` with
   * `TaskEnded`. For terminate task, node shutdown or a requeue. Default: never.
   */
  readonly signal?: AbortSignal;
  /** Milliseconds between SIGTERM and SIGKILL when a tree is killed; default 5000. */
  readonly killGraceMs?: number;
  /** Where inherited basics (PATH, HOME, ...) come from; default `process.env`. */
  readonly agentEnvironment?: Readonly<Record<string, string | undefined>>;
  /** Starts the command's process; default a fork of this process (`directLauncher`). */
  readonly launcher?: Launcher;
  /**
   * The node's own directories (`shared/`, `startup/`, `workitems/`, `fsmounts/`) exist
   * already (an agent makes them once): only the task's are made. Default false.
   */
  readonly nodeDirectoriesReady?: boolean;
}

/**
 * Runs one task with Batch's execution contract: directories, `AZ_BATCH_*` environment,
 * resource files, the command without a shell, `maxWallClockTime`, output files. The user's
 * failures are data in the result; only a malformed `spec` throws (`InvalidArgument`).
 */
export async function runTask(
  spec: TaskRunSpec,
  options: RunTaskOptions = {},
): Promise<TaskRunResult> {
  validateSpec(spec);
  const clock = options.clock ?? systemClock;
  const startTime = new Date(clock.now());
  const kind = spec.kind ?? "task";
  const layout = taskLayout(spec.nodeRootDir, kind, spec.jobId, spec.taskId);
  createDirectories(spec.nodeRootDir, layout, options.nodeDirectoriesReady === true);
  const signal = options.signal ?? new AbortController().signal;
  const env = buildTaskEnvironment(spec, options.agentEnvironment ?? process.env);
  const finish = (partial: Partial<Mutable<TaskRunResult>>): TaskRunResult =>
    buildResult(layout, startTime, new Date(clock.now()), partial);

  const preProcessing = await writeResourceFiles(
    layout.workingDir,
    spec.resourceFiles ?? [],
    signal,
  );
  if (signal.aborted) return finish(abortedFailure(signal));
  if (preProcessing !== undefined)
    return finish({ failureInfo: preProcessing, failureKind: "preProcessingError" });

  const outcome = await executeCommand(spec.commandLine, {
    layout,
    env,
    maxWallClockTime: spec.maxWallClockTime,
    signal,
    killGraceMs: options.killGraceMs ?? 5000,
    // Start tasks often leave daemons running on purpose (a Batch idiom); other tasks may not.
    killLeftovers: kind !== "startTask",
    nodeRootDir: spec.nodeRootDir,
    ...(options.launcher === undefined ? {} : { launcher: options.launcher }),
  });
  const ran = outcomeFields(outcome, spec, signal);
  // An aborted run is handed back at once: the task is being terminated or requeued.
  if (outcome.kind === "launchFailed" || ran.failureKind === "aborted") return finish(ran);
  return finish(await withUploads(ran, spec, layout.workingDir, env));
}

/** Uploads the output files the outcome calls for; an upload error fails an otherwise good run. */
async function withUploads(
  ran: Partial<Mutable<TaskRunResult>>,
  spec: TaskRunSpec,
  workingDir: string,
  env: Readonly<Record<string, string>>,
): Promise<Partial<Mutable<TaskRunResult>>> {
  const succeeded = ran.failureInfo === undefined;
  const uploads = await uploadOutputFiles(spec.outputFiles ?? [], succeeded, workingDir, env);
  if (uploads.error === undefined) return { ...ran, uploadedFiles: uploads.uploaded };
  return {
    ...ran,
    uploadedFiles: uploads.uploaded,
    fileUploadError: uploads.error,
    failureInfo: ran.failureInfo ?? uploads.error,
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function outcomeFields(
  outcome: CommandOutcome,
  spec: TaskRunSpec,
  signal: AbortSignal,
): Partial<Mutable<TaskRunResult>> {
  if (outcome.kind === "launchFailed")
    return { failureInfo: outcome.failureInfo, failureKind: "preProcessingError" };
  const exitCode = outcome.exitCode;
  if (outcome.ended === "aborted") return { exitCode, ...abortedFailure(signal) };
  if (outcome.ended === "timeout") {
    const limit = String(spec.maxWallClockTime);
    // Batch's documented report of an exceeded maxWallClockTime: TaskEnded, category ServerError.
    const info = failure(
      "TaskEnded",
      `The task exceeded its maxWallClockTime of ${limit} ms and was ended.`,
      { maxWallClockTime: limit },
      "servererror",
    );
    return { exitCode, failureInfo: info, failureKind: "timeout" };
  }
  if (exitCode === 0) return { exitCode };
  const info = failure(
    "FailureExitCode",
    `The task process exited with an unexpected exit code: ${exitCode}.`,
    { exitCode: String(exitCode) },
  );
  return { exitCode, failureInfo: info, failureKind: "exitCode" };
}

function abortedFailure(signal: AbortSignal): {
  failureInfo: TaskFailureInfo;
  failureKind: FailureKind;
  abortReason: string;
} {
  const reason = abortReasonText(signal.reason);
  return {
    failureInfo: failure("TaskEnded", `Task was ended by user request: ${reason}.`),
    failureKind: "aborted",
    abortReason: reason,
  };
}

function abortReasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return reason === undefined ? "aborted" : String(reason);
}

function buildResult(
  layout: TaskLayout,
  startTime: Date,
  endTime: Date,
  partial: Partial<Mutable<TaskRunResult>>,
): TaskRunResult {
  const failed = partial.failureInfo !== undefined || partial.exitCode !== 0;
  return {
    startTime,
    endTime,
    result: failed ? "failure" : "success",
    uploadedFiles: [],
    ...partial,
    taskDir: layout.taskDir,
    workingDir: layout.workingDir,
    stdoutPath: layout.stdoutPath,
    stderrPath: layout.stderrPath,
  };
}

/**
 * Creates the node directories and the task's, and empty stdout/stderr files so both exist at
 * once. Synchronous on purpose: each is one local metadata call of microseconds, while an
 * async call's thread-pool round trip costs far more on a busy node and runs once per task.
 */
function createDirectories(rootDir: string, layout: TaskLayout, nodeReady: boolean): void {
  if (!nodeReady) createNodeDirectories(rootDir);
  mkdirSync(layout.workingDir, { recursive: true });
  writeFileSync(layout.stdoutPath, "");
  writeFileSync(layout.stderrPath, "");
}

/** Creates the node's own directories under `rootDir` (Batch's layout; see node-layout.ts). */
export function createNodeDirectories(rootDir: string): void {
  const node = nodeLayout(rootDir);
  for (const dir of [node.sharedDir, node.startupDir, node.workitemsDir, node.mountsDir]) {
    mkdirSync(dir, { recursive: true });
  }
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Refuses specs the agent loop should never build (not the user's mistakes: those are data). */
export function validateSpec(spec: TaskRunSpec): void {
  const invalid = (field: string, value: unknown, allowed: string): SluiceError =>
    new SluiceError(
      "InvalidArgument",
      `TaskRunSpec.${field} is ${JSON.stringify(value)}; ${allowed}.`,
      { details: { field, value } },
    );
  if (!path.isAbsolute(spec.nodeRootDir))
    throw invalid("nodeRootDir", spec.nodeRootDir, "it must be an absolute path");
  for (const field of ["accountName", "poolId", "nodeId"] as const) {
    if (spec[field] === "") throw invalid(field, spec[field], "it must not be empty");
  }
  if ((spec.kind ?? "task") !== "startTask") {
    // These name directories: Batch's id rules also keep them from escaping the node root.
    for (const field of ["jobId", "taskId"] as const) {
      const value = spec[field];
      if (value === undefined || !idPattern.test(value))
        throw invalid(field, value, "allowed: 1 to 64 letters, digits, '-' or '_'");
    }
  }
  const limit = spec.maxWallClockTime;
  if (limit !== undefined && !(Number.isFinite(limit) && limit > 0)) {
    throw invalid(
      "maxWallClockTime",
      limit,
      "it must be a positive number of milliseconds, or absent",
    );
  }
}
