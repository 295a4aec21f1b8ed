// Running one instance of a multi-instance task (Batch's MPI tasks, articles/batch/batch-mpi.md):
// common resource files into the task directory (AZ_BATCH_TASK_SHARED_DIR), the coordination
// command, a report to the server, then on the primary the task's own command once every
// instance has coordinated; a subtask holds its node until the task ends.
import { mkdirSync } from "node:fs";
import {
  ApiError,
  type GangPhase,
  type GangRequest,
  type MultiInstanceAssignment,
  type TaskAssignment,
  type TaskRunOutcome,
} from "../../client/index.js";
import { downloadFailureCode, errorMessage, failure } from "../runner/failure-info.js";
import { taskLayout } from "../runner/node-layout.js";
import { writeResourceFiles } from "../runner/resource-files.js";
import { runTask } from "../runner/run-task.js";
import {
  baseSpec,
  executeAssignment,
  notRunOutcome,
  type Execution,
  type ExecutionContext,
} from "./execute-assignment.js";
import { preProcessingOutcome, toOutcome } from "./outcome.js";
import { resourceSources } from "./task-files.js";
import { installPackages } from "./task-packages.js";

/** The variables Batch sets for the primary and every subtask of a multi-instance task. */
export function multiInstanceEnvironment(
  instance: MultiInstanceAssignment,
  sharedDir: string,
): { name: string; value: string }[] {
  const hosts = instance.hostList;
  return [
    { name: "AZ_BATCH_HOST_LIST", value: hosts.join(",") },
    { name: "AZ_BATCH_NODE_LIST", value: hosts.join(";") },
    { name: "AZ_BATCH_MASTER_NODE", value: instance.masterNode },
    { name: "AZ_BATCH_IS_CURRENT_NODE_MASTER", value: String(instance.instance === 0) },
    { name: "AZ_BATCH_TASK_SHARED_DIR", value: sharedDir },
    // "numNodes node1IP node1Cores ...": each node gives the task one slot (one core here).
    {
      name: "CCP_NODES",
      value: [String(hosts.length), ...hosts.flatMap((h) => [h, "1"])].join(" "),
    },
  ];
}

/**
 * Runs the node's instance of a multi-instance task. The primary's outcome is the task's
 * (its coordination failure, or its command's end); a subtask's is its coordination's, sent
 * once the task has ended. A run the server ended meanwhile is returned cancelled (dropped).
 * What the coordination command left running (its services) runs until then.
 */
export async function executeMultiInstance(
  task: TaskAssignment,
  multi: MultiInstanceAssignment,
  context: ExecutionContext,
  signal: AbortSignal,
): Promise<Execution> {
  const services: (() => Promise<void>)[] = [];
  try {
    return await runInstance(task, multi, context, signal, (end) => services.push(end));
  } finally {
    await Promise.all(services.map((end) => end()));
  }
}

async function runInstance(
  task: TaskAssignment,
  multi: MultiInstanceAssignment,
  context: ExecutionContext,
  signal: AbortSignal,
  keepServices: (end: () => Promise<void>) => void,
): Promise<Execution> {
  const layout = taskLayout(context.nodeRootDir, "task", task.jobId, task.taskId);
  const variables = multiInstanceEnvironment(multi, layout.taskDir);
  const environmentSettings = [...task.environmentSettings, ...variables];
  const coordination = await coordinate(
    task,
    multi,
    { environmentSettings, keepServices },
    context,
    signal,
  );
  if (signal.aborted) return { outcome: coordination, cancelled: true };
  const ended = { outcome: notRunOutcome(context.clock.now()), cancelled: true };
  let phase = await report(task, context, signal, { coordination, waitWhile: "coordinating" });
  // A failed coordination fails the task: the primary reports it as the task's outcome.
  if (multi.instance === 0 && coordination.result === "failure") {
    return { outcome: coordination, cancelled: false };
  }
  while (phase === "coordinating" && !signal.aborted) {
    phase = await report(task, context, signal, { waitWhile: phase });
  }
  if (multi.instance === 0) {
    if (phase !== "running" || signal.aborted) return ended;
    return executeAssignment({ ...task, environmentSettings }, context, signal);
  }
  while (phase !== "ended" && !signal.aborted) {
    phase = await report(task, context, signal, { waitWhile: phase });
  }
  return { outcome: coordination, cancelled: signal.aborted };
}

/** Common resource files into the task directory, then the coordination command (no log streaming). */
async function coordinate(
  task: TaskAssignment,
  multi: MultiInstanceAssignment,
  run: {
    readonly environmentSettings: readonly { name: string; value: string }[];
    readonly keepServices: (end: () => Promise<void>) => void;
  },
  context: ExecutionContext,
  signal: AbortSignal,
): Promise<TaskRunOutcome> {
  const started = context.clock.now();
  const failed = (code: Parameters<typeof failure>[0], message: string): TaskRunOutcome =>
    preProcessingOutcome(started, context.clock.now(), failure(code, message));
  const layout = taskLayout(context.nodeRootDir, "task", task.jobId, task.taskId);
  try {
    mkdirSync(layout.workingDir, { recursive: true });
    const common = await resourceSources(multi.commonResourceFiles, context.client);
    const problem = await writeResourceFiles(layout.taskDir, common, signal);
    if (problem !== undefined) {
      return preProcessingOutcome(started, context.clock.now(), problem);
    }
  } catch (error) {
    return failed(downloadFailureCode(error), `Common resource files: ${errorMessage(error)}`);
  }
  const packages = await installPackages(task, context, signal);
  if ("failure" in packages)
    return preProcessingOutcome(started, context.clock.now(), packages.failure);
  const coordinationTask = { ...task, commandLine: multi.coordinationCommandLine };
  const launcher = context.launcher?.();
  const result = await runTask(
    {
      ...baseSpec(coordinationTask, context),
      environmentSettings: [...run.environmentSettings, ...packages.variables],
      resourceFiles: [],
      outputFiles: [],
    },
    {
      clock: context.clock,
      signal,
      nodeDirectoriesReady: context.nodeDirectoriesReady === true,
      keepLeftovers: run.keepServices,
      ...(context.agentEnvironment === undefined
        ? {}
        : { agentEnvironment: context.agentEnvironment }),
      ...(launcher === undefined ? {} : { launcher }),
    },
  );
  return toOutcome(result);
}

/** One gang call, retried while the server cannot be reached; a lost claim reads `ended`. */
async function report(
  task: TaskAssignment,
  context: ExecutionContext,
  signal: AbortSignal,
  request: GangRequest,
): Promise<GangPhase> {
  for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
    try {
      const answer = await context.client.gang(context.nodeId(), task.claimToken, request, signal);
      return answer.phase;
    } catch (error) {
      if (signal.aborted) return "ended";
      if (error instanceof ApiError) throw error;
      context.logger.debug("multi-instance report failed; retrying", { error: String(error) });
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
