import { nodeLayout, taskLayout } from "./node-layout.js";
import type { TaskRunSpec } from "./task-run-spec.js";

/**
 * Variables taken from the agent's own environment. Batch gives a task a fresh login-like
 * environment, not the agent's: so secrets or settings of the agent (tokens, proxies, NODE_*)
 * never leak into user code, and a task behaves the same whoever started the agent. Only what
 * programs need to find tools and format text passes through.
 */
export const inheritedVariables: readonly string[] = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LC_ALL",
  "LC_CTYPE",
  "TZ",
  "TMPDIR",
];

/** Used when the agent's environment has no PATH. */
export const defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/**
 * The environment of a task process, pure. Order of precedence, lowest first: the inherited
 * basics, the job's common settings, the task's settings, then the `AZ_BATCH_*` variables,
 * which a user setting cannot override (the runner owns the directories they name).
 */
export function buildTaskEnvironment(
  spec: TaskRunSpec,
  agentEnvironment: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of inheritedVariables) {
    const value = agentEnvironment[name];
    if (value !== undefined) env[name] = value;
  }
  env.PATH ??= defaultPath;
  for (const setting of spec.commonEnvironmentSettings ?? []) env[setting.name] = setting.value;
  for (const setting of spec.environmentSettings ?? []) env[setting.name] = setting.value;
  return Object.assign(env, batchVariables(spec));
}

/** The `AZ_BATCH_*` variables Batch sets for this kind of task. */
export function batchVariables(spec: TaskRunSpec): Record<string, string> {
  const kind = spec.kind ?? "task";
  const node = nodeLayout(spec.nodeRootDir);
  const task = taskLayout(spec.nodeRootDir, kind, spec.jobId, spec.taskId);
  const vars: Record<string, string> = {
    AZ_BATCH_ACCOUNT_NAME: spec.accountName,
    AZ_BATCH_POOL_ID: spec.poolId,
    AZ_BATCH_NODE_ID: spec.nodeId,
    AZ_BATCH_NODE_IS_DEDICATED: String(spec.nodeIsDedicated ?? true),
    AZ_BATCH_NODE_ROOT_DIR: node.rootDir,
    AZ_BATCH_NODE_SHARED_DIR: node.sharedDir,
    AZ_BATCH_NODE_STARTUP_DIR: node.startupDir,
    AZ_BATCH_NODE_MOUNTS_DIR: node.mountsDir,
    AZ_BATCH_TASK_DIR: task.taskDir,
    AZ_BATCH_TASK_WORKING_DIR: task.workingDir,
  };
  if (spec.accountUrl !== undefined) vars.AZ_BATCH_ACCOUNT_URL = spec.accountUrl;
  // The start task belongs to the pool, not to a job: Batch sets no job or task id for it.
  if (kind !== "startTask" && spec.jobId !== undefined && spec.taskId !== undefined) {
    vars.AZ_BATCH_JOB_ID = spec.jobId;
    vars.AZ_BATCH_TASK_ID = spec.taskId;
    if (spec.jobPreparationTaskId !== undefined) {
      const prep = taskLayout(
        spec.nodeRootDir,
        "jobPreparationTask",
        spec.jobId,
        spec.jobPreparationTaskId,
      );
      vars.AZ_BATCH_JOB_PREP_DIR = prep.taskDir;
      vars.AZ_BATCH_JOB_PREP_WORKING_DIR = prep.workingDir;
    }
  }
  return vars;
}
