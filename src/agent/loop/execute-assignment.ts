import type { AgentClient, TaskAssignment, TaskRunOutcome } from "../../client/index.js";
import type { Clock, Logger } from "../../core/index.js";
import { downloadFailureCode, errorMessage, failure } from "../runner/failure-info.js";
import { taskLayout, type TaskLayout } from "../runner/node-layout.js";
import type { Launcher } from "../runner/process-tree.js";
import { runTask, validateSpec } from "../runner/run-task.js";
import type {
  ResourceFileSource,
  TaskFailureInfo,
  TaskRunResult,
  TaskRunSpec,
} from "../runner/task-run-spec.js";
import { preProcessingOutcome, toOutcome } from "./outcome.js";
import { installPackages } from "./task-packages.js";
import { outputSpecs, resourceSources } from "./task-files.js";
import { TaskLogStreamer } from "./task-log-streamer.js";

/** What running one assignment needs from the agent. */
export interface ExecutionContext {
  readonly client: AgentClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly nodeRootDir: string;
  readonly serverUrl: string;
  readonly nodeId: () => string;
  readonly accountName: () => string;
  readonly logIntervalMs: number;
  readonly agentEnvironment?: Readonly<Record<string, string | undefined>>;
  /** The node's own directories exist (the agent made them at start). Default false. */
  readonly nodeDirectoriesReady?: boolean;
  /** Starts task processes; default a fork of the agent (the runner's direct launcher). */
  readonly launcher?: () => Launcher | undefined;
}

/** A finished run: its outcome, and whether it was cancelled (its result is then dropped). */
export interface Execution {
  readonly outcome: TaskRunOutcome;
  readonly cancelled: boolean;
}

/**
 * Runs one assignment with the runner: resolves its resource and output files, streams its
 * logs to the server while it runs, and flushes them at the end (not when cancelled).
 */
export async function executeAssignment(
  task: TaskAssignment,
  context: ExecutionContext,
  signal: AbortSignal,
): Promise<Execution> {
  const started = context.clock.now();
  const failed = (info: TaskFailureInfo): Execution => ({
    outcome: preProcessingOutcome(started, context.clock.now(), info),
    cancelled: signal.aborted,
  });
  const base = baseSpec(task, context);
  try {
    validateSpec(base);
  } catch (error) {
    // The server sent ids the runner cannot use as directory names: the task cannot start.
    return failed(failure("CommandLaunchFailed", errorMessage(error), {}, "servererror"));
  }
  const packages = await installPackages(task, context, signal);
  if ("failure" in packages) return failed(packages.failure);
  const layout = taskLayout(context.nodeRootDir, task.kind, task.jobId, task.taskId);
  // A retry on this node reuses the directory: runTask empties its stdout/stderr before the
  // log streamer's first tick, so old logs are never streamed as the new run's.
  let resourceFiles: ResourceFileSource[];
  try {
    resourceFiles = await resourceSources(task.resourceFiles, context.client);
  } catch (error) {
    const message = `Resource files could not be listed: ${errorMessage(error)}`;
    return failed(failure(downloadFailureCode(error), message));
  }
  const spec: TaskRunSpec = {
    ...base,
    environmentSettings: [...(base.environmentSettings ?? []), ...packages.variables],
    resourceFiles,
    outputFiles: outputSpecs(task.outputFiles, context.client, context.serverUrl),
  };
  return runStreaming(spec, task, layout, context, signal);
}

async function runStreaming(
  spec: TaskRunSpec,
  task: TaskAssignment,
  layout: TaskLayout,
  context: ExecutionContext,
  signal: AbortSignal,
): Promise<Execution> {
  const target = {
    client: context.client,
    nodeId: context.nodeId,
    claimToken: task.claimToken,
    logger: context.logger,
  };
  const streamer = new TaskLogStreamer(target, {
    stdout: layout.stdoutPath,
    stderr: layout.stderrPath,
  });
  streamer.start(context.logIntervalMs);
  const environment = context.agentEnvironment;
  let result: TaskRunResult;
  try {
    const launcher = context.launcher?.();
    result = await runTask(spec, {
      clock: context.clock,
      signal,
      ...(environment === undefined ? {} : { agentEnvironment: environment }),
      ...(launcher === undefined ? {} : { launcher }),
      nodeDirectoriesReady: context.nodeDirectoriesReady === true,
    });
  } catch (error) {
    await streamer.abandon();
    throw error;
  }
  if (signal.aborted) {
    await streamer.abandon();
    return { outcome: toOutcome(result), cancelled: true };
  }
  await streamer.finish();
  return { outcome: toOutcome(result), cancelled: false };
}

/** The run spec of an assignment before its files and packages are resolved. */
export function baseSpec(task: TaskAssignment, context: ExecutionContext): TaskRunSpec {
  return {
    kind: task.kind,
    nodeRootDir: context.nodeRootDir,
    accountName: context.accountName(),
    accountUrl: context.serverUrl,
    poolId: task.poolId,
    nodeId: context.nodeId(),
    ...(task.jobId === undefined ? {} : { jobId: task.jobId }),
    ...(task.taskId === undefined ? {} : { taskId: task.taskId }),
    ...(task.jobPreparationTaskId === undefined
      ? {}
      : { jobPreparationTaskId: task.jobPreparationTaskId }),
    commandLine: task.commandLine,
    environmentSettings: task.environmentSettings,
    ...(task.maxWallClockTimeMs === undefined ? {} : { maxWallClockTime: task.maxWallClockTimeMs }),
    ...(task.userIdentity === undefined ? {} : { userIdentity: task.userIdentity }),
  };
}

/** {@link executeAssignment}, with a failure of the node itself (a directory it cannot create) as a server error. */
export async function executeSafely(
  task: TaskAssignment,
  context: ExecutionContext,
  signal: AbortSignal,
): Promise<Execution> {
  try {
    return await executeAssignment(task, context, signal);
  } catch (error) {
    const now = new Date(context.clock.now()).toISOString();
    const message = `The node could not run the task: ${errorMessage(error)}`;
    return {
      cancelled: signal.aborted,
      outcome: {
        startTime: now,
        endTime: now,
        result: "failure",
        failureKind: "preProcessingError",
        failureInfo: { category: "servererror", code: "TaskEnded", message },
      },
    };
  }
}

/** The outcome of a task the node never ran (its job may not run here). */
export function notRunOutcome(now: number): TaskRunOutcome {
  const time = new Date(now).toISOString();
  return { startTime: time, endTime: time, result: "failure", failureKind: "aborted" };
}
