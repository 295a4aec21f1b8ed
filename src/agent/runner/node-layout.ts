import * as path from "node:path";
import { SluiceError } from "../../core/index.js";
import type { TaskKind } from "./task-run-spec.js";

/** The node-level directories Batch creates under `AZ_BATCH_NODE_ROOT_DIR`. */
export interface NodeLayout {
  readonly rootDir: string;
  /** `shared/`: read/write for every task on the node (`AZ_BATCH_NODE_SHARED_DIR`). */
  readonly sharedDir: string;
  /** `startup/`: the start task's directory (`AZ_BATCH_NODE_STARTUP_DIR`). */
  readonly startupDir: string;
  /** `fsmounts/` (`AZ_BATCH_NODE_MOUNTS_DIR`); Sluice mounts nothing there yet. */
  readonly mountsDir: string;
  /** `applications/`: application packages (`AZ_BATCH_APP_PACKAGE_*`), unused so far. */
  readonly applicationsDir: string;
  /** `workitems/`: one directory per job. */
  readonly workitemsDir: string;
  /** `volatile/`: the agent's own scratch space, never promised to tasks. */
  readonly volatileDir: string;
}

/** The directories of one task run. */
export interface TaskLayout {
  /** `AZ_BATCH_TASK_DIR`: holds `stdout.txt`, `stderr.txt` and `wd/`. */
  readonly taskDir: string;
  /** `AZ_BATCH_TASK_WORKING_DIR`: `<taskDir>/wd`, the process's current directory. */
  readonly workingDir: string;
  readonly stdoutPath: string;
  readonly stderrPath: string;
}

/** Node directories under `rootDir` (an absolute path). Pure: creates nothing. */
export function nodeLayout(rootDir: string): NodeLayout {
  return {
    rootDir,
    sharedDir: path.join(rootDir, "shared"),
    startupDir: path.join(rootDir, "startup"),
    mountsDir: path.join(rootDir, "fsmounts"),
    applicationsDir: path.join(rootDir, "applications"),
    workitemsDir: path.join(rootDir, "workitems"),
    volatileDir: path.join(rootDir, "volatile"),
  };
}

/**
 * The job directory, `workitems/<jobId>/job-1`. Batch numbers it per job schedule run
 * (`workitems/<scheduleId>/<jobId>` for jobs from a schedule); Sluice jobs are always `job-1`.
 */
export function jobDir(rootDir: string, jobId: string): string {
  return path.join(nodeLayout(rootDir).workitemsDir, jobId, "job-1");
}

/**
 * The directory of a task: `workitems/<job>/job-1/<taskId>` for tasks and for job preparation
 * and release tasks (whose ids, default `jobpreparation` / `jobrelease`, no task may reuse),
 * and `startup/` itself for the pool start task.
 */
export function taskLayout(
  rootDir: string,
  kind: TaskKind,
  jobId?: string,
  taskId?: string,
): TaskLayout {
  let taskDir: string;
  if (kind === "startTask") {
    taskDir = nodeLayout(rootDir).startupDir;
  } else {
    if (jobId === undefined || taskId === undefined) {
      throw new SluiceError(
        "InvalidArgument",
        `A ${kind} needs both jobId and taskId to have a directory; got jobId ${String(jobId)}, taskId ${String(taskId)}.`,
        { details: { field: jobId === undefined ? "jobId" : "taskId" } },
      );
    }
    taskDir = path.join(jobDir(rootDir, jobId), taskId);
  }
  return {
    taskDir,
    workingDir: path.join(taskDir, "wd"),
    stdoutPath: path.join(taskDir, "stdout.txt"),
    stderrPath: path.join(taskDir, "stderr.txt"),
  };
}
