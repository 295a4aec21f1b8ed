import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { SluiceError, systemClock, type Clock } from "../../core/index.js";
import { buildTaskEnvironment } from "./environment.js";
import { executeCommand, type CommandOutcome } from "./execute-command.js";
import { failure } from "./failure-info.js";
import { jobDir, nodeLayout, taskLayout, type TaskLayout } from "./node-layout.js";
import type { Launcher } from "./process-tree.js";
import { uploadOutputFiles } from "./output-files.js";
import { writeResourceFiles } from "./resource-files.js";
import { planIdentity } from "./task-identity.js";
import {
  claimTaskDirectory,
  isolateNodeDirectories,
  jobGroupId,
  sealTaskDirectory,
  taskIsolationEnabled,
  taskUser,
  type TaskUser,
} from "./task-isolation.js";
import type {
  FailureKind,
  TaskFailureInfo,
  TaskKind,
  TaskRunResult,
  TaskRunSpec,
} from "./task-run-spec.js";

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
  /**
   * Runs tasks as users of their own (see task-isolation.ts). Default: when the agent is root
   * and `SLUICE_TASK_ISOLATION` is not `off` ({@link taskIsolationEnabled}); `true` without
   * root is ignored, as only root can start processes as another user.
   */
  readonly taskIsolation?: boolean;
  /**
   * Leaves the processes the command starts in the background running when it exits (a
   * multi-instance task's coordination command starts its services so) and hands over the
   * means to end them (and, under isolation, to seal the task's directory after them).
   * Default: they are killed when the command exits (but a start task's).
   */
  readonly keepLeftovers?: (end: () => Promise<void>) => void;
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
  const isolated = (options.taskIsolation ?? taskIsolationEnabled()) && process.getuid?.() === 0;
  const plan = planIdentity(spec.userIdentity, isolated);
  createDirectories(spec.nodeRootDir, layout, options.nodeDirectoriesReady === true, isolated);
  const finish = (partial: Partial<Mutable<TaskRunResult>>): TaskRunResult =>
    buildResult(layout, startTime, new Date(clock.now()), partial);
  if (plan.kind === "refused")
    return finish({ failureInfo: plan.failureInfo, failureKind: "preProcessingError" });
  const job =
    isolated && kind !== "startTask" && spec.jobId !== undefined
      ? { dir: jobDir(spec.nodeRootDir, spec.jobId), gid: jobGroupId(spec.nodeRootDir, spec.jobId) }
      : undefined;
  const user = taskUser(plan, kind, spec.nodeRootDir, job?.gid);
  const env = buildTaskEnvironment(spec, options.agentEnvironment ?? process.env);
  // An isolated user has no home of its own (no passwd entry): its working directory is one.
  if (user !== undefined) isolatedEnvironment(env, layout.workingDir);
  const context: RunContext = { spec, layout, env, kind, options, finish };
  if (!isolated) return runPrepared(context, undefined);
  try {
    return await runPrepared(context, { user, job });
  } finally {
    // Services kept running still use the directory: it is sealed when they are ended.
    const keep = options.keepLeftovers;
    if (keep === undefined) sealTaskDirectory(layout, kind, user);
    else keep(async () => sealTaskDirectory(layout, kind, user));
  }
}

interface RunContext {
  readonly spec: TaskRunSpec;
  readonly layout: TaskLayout;
  readonly env: Record<string, string>;
  readonly kind: TaskKind;
  readonly options: RunTaskOptions;
  readonly finish: (partial: Partial<Mutable<TaskRunResult>>) => TaskRunResult;
}

/** Resource files, the command, output files: the run once its directory exists. */
async function runPrepared(
  { spec, layout, env, kind, options, finish }: RunContext,
  isolation:
    { user: TaskUser | undefined; job: { dir: string; gid: number } | undefined } | undefined,
): Promise<TaskRunResult> {
  const signal = options.signal ?? new AbortController().signal;
  const preProcessing = await writeResourceFiles(
    layout.workingDir,
    spec.resourceFiles ?? [],
    signal,
  );
  // Written by the agent, then handed over (with the files of an earlier attempt) in one walk.
  if (isolation !== undefined) claimTaskDirectory(layout, kind, isolation.job, isolation.user);
  if (signal.aborted) return finish(abortedFailure(signal));
  if (preProcessing !== undefined)
    return finish({ failureInfo: preProcessing, failureKind: "preProcessingError" });

  const user = isolation?.user;
  const outcome = await executeCommand(spec.commandLine, {
    layout,
    env,
    maxWallClockTime: spec.maxWallClockTime,
    signal,
    killGraceMs: options.killGraceMs ?? 5000,
    // Start tasks often leave daemons running on purpose (a Batch idiom); other tasks may not.
    killLeftovers: kind !== "startTask" && options.keepLeftovers === undefined,
    ...(options.keepLeftovers === undefined ? {} : { onLeftovers: options.keepLeftovers }),
    nodeRootDir: spec.nodeRootDir,
    ...(options.launcher === undefined ? {} : { launcher: options.launcher }),
    ...(user === undefined ? {} : { user }),
  });
  const ran = outcomeFields(outcome, spec, signal);
  // An aborted run is handed back at once: the task is being terminated or requeued.
  if (outcome.kind === "launchFailed" || ran.failureKind === "aborted") return finish(ran);
  return finish(await withUploads(ran, spec, layout.workingDir, env));
}

/** HOME is the working directory; USER and LOGNAME (the agent's) would name someone else. */
function isolatedEnvironment(env: Record<string, string>, workingDir: string): void {
  env.HOME = workingDir;
  delete env.USER;
  delete env.LOGNAME;
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
function createDirectories(
  rootDir: string,
  layout: TaskLayout,
  nodeReady: boolean,
  isolated: boolean,
): void {
  if (!nodeReady) createNodeDirectories(rootDir, isolated);
  // 0700 from the start when isolated (umask only narrows it): no task ever sees it open.
  if (isolated) {
    // The job's directories stay traversable (claimTaskDirectory narrows the job's to its
    // group); a recursive mode would apply to them too.
    mkdirSync(path.dirname(layout.taskDir), { recursive: true });
    const created = mkdirSync(layout.workingDir, { recursive: true, mode: 0o700 });
    // A directory made just now is 0700 already; one an earlier attempt left may not be.
    if (created !== layout.taskDir) chmodSync(layout.taskDir, 0o700);
  } else {
    mkdirSync(layout.workingDir, { recursive: true });
  }
  writeFileSync(layout.stdoutPath, "");
  writeFileSync(layout.stderrPath, "");
}

/**
 * Creates the node's own directories under `rootDir` (Batch's layout; see node-layout.ts),
 * with isolated modes (task-isolation.ts) when tasks run isolated (default: when the agent is
 * root and isolation is not turned off).
 */
export function createNodeDirectories(rootDir: string, isolated = taskIsolationEnabled()): void {
  const node = nodeLayout(rootDir);
  for (const dir of [node.sharedDir, node.startupDir, node.workitemsDir, node.mountsDir]) {
    mkdirSync(dir, { recursive: true });
  }
  if (isolated && process.getuid?.() === 0) isolateNodeDirectories(rootDir);
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
