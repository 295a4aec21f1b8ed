// `sluice job ...`: Batch jobs.
import {
  disableJobOptions,
  onAllTasksCompleteValues,
  onTaskFailureValues,
  type CloudJob,
  type JobAddParameter,
} from "../../client/index.js";
import type { BatchIO } from "./batch-io.js";
import { rejectWithFile, requireObject, requireString } from "./create-input.js";
import { enumFlag, envFlag, intFlag, readJsonFile } from "./flags.js";
import { formatCounts } from "./progress.js";
import { idAction, runNoun, type CommandContext, type Subcommand } from "./run-command.js";
import { cell, renderDetails, renderTable, toJson } from "./table.js";
import { waitForJob, waitOptions } from "./wait.js";

const help = `Usage: sluice job <command> [options]

Commands:
  create --file FILE              Add a job from Batch's job add JSON (JobAddParameter).
  create --id ID --pool POOL [--priority N] [--max-parallel N] [--retries N]
         [--uses-task-dependencies] [--on-all-tasks-complete noaction|terminatejob]
         [--on-task-failure noaction|performexitoptionsjobaction] [--env NAME=VALUE]...
                                  Add a job from flags (--retries: the tasks' default
                                  maxTaskRetryCount, -1 = unlimited).
  list [--json]                   List jobs.
  show ID [--json]                Show one job and its task counts.
  delete ID                       Delete a job and its tasks.
  terminate ID [--reason TEXT]    Terminate a job (default reason UserTerminate).
  disable ID [--tasks requeue|terminate|wait]
                                  Stop scheduling the job's tasks (default: requeue).
  enable ID                       Resume a disabled job.
  wait ID [--timeout DURATION] [--interval DURATION] [--json]
                                  Wait until no task is active or running, with a live
                                  progress line. Exit 0 when all succeeded, 1 when any
                                  failed, 124 on timeout. Durations: 90s, 5m, 2h, PT1H.

Connection (every command): --server URL (or SLUICE_URL, default http://127.0.0.1:7070);
the token from SLUICE_TOKEN or <data dir>/token (--data-dir, SLUICE_HOME, default .sluice).`;

const flagFields = [
  "id",
  "pool",
  "priority",
  "max-parallel",
  "retries",
  "uses-task-dependencies",
  "on-all-tasks-complete",
  "on-task-failure",
  "env",
];

/** The job add body from `--file` or from flags. */
async function jobBody(ctx: CommandContext): Promise<JobAddParameter> {
  const file = ctx.string("file");
  if (file !== undefined) {
    rejectWithFile(ctx, flagFields);
    const body = requireObject(await readJsonFile(ctx.io.readFile, file), file);
    return body as unknown as JobAddParameter;
  }
  const id = requireString(ctx, "id", "--id ID (or --file FILE)");
  const poolId = requireString(ctx, "pool", "--pool POOL, the pool the job's tasks run on");
  const text = (flag: string) => ctx.string(flag);
  const priority = text("priority");
  const parallel = text("max-parallel");
  const retries = text("retries");
  const allDone = text("on-all-tasks-complete");
  const onFailure = text("on-task-failure");
  const env = envFlag("env", ctx.strings("env"));
  return {
    id,
    poolInfo: { poolId },
    ...(priority === undefined ? {} : { priority: intFlag("priority", priority, -1000, 1000) }),
    ...(parallel === undefined
      ? {}
      : { maxParallelTasks: intFlag("max-parallel", parallel, -1, 1_000_000) }),
    ...(retries === undefined
      ? {}
      : { constraints: { maxTaskRetryCount: intFlag("retries", retries, -1, 1_000_000) } }),
    ...(ctx.flag("uses-task-dependencies") ? { usesTaskDependencies: true } : {}),
    ...(allDone === undefined
      ? {}
      : {
          onAllTasksComplete: enumFlag("on-all-tasks-complete", allDone, onAllTasksCompleteValues),
        }),
    ...(onFailure === undefined
      ? {}
      : { onTaskFailure: enumFlag("on-task-failure", onFailure, onTaskFailureValues) }),
    ...(env.length ? { commonEnvironmentSettings: env } : {}),
  };
}

function jobRow(job: CloudJob): string[] {
  return [
    job.id,
    job.state,
    cell(job.poolInfo.poolId ?? job.executionInfo?.poolId),
    cell(job.priority ?? 0),
    cell(job.creationTime),
  ];
}

const verbs: Record<string, Subcommand> = {
  create: {
    options: {
      file: { type: "string" },
      id: { type: "string" },
      pool: { type: "string" },
      priority: { type: "string" },
      "max-parallel": { type: "string" },
      retries: { type: "string" },
      "uses-task-dependencies": { type: "boolean" },
      "on-all-tasks-complete": { type: "string" },
      "on-task-failure": { type: "string" },
      env: { type: "string", multiple: true },
    },
    async run(ctx) {
      const body = await jobBody(ctx);
      await (await ctx.client()).addJob(body);
      ctx.io.out(`Created job ${body.id}.`);
      return 0;
    },
  },
  list: {
    read: true,
    async run(ctx) {
      const jobs = await (await ctx.client()).listAllJobs();
      if (ctx.json) ctx.io.out(toJson(jobs));
      else if (!jobs.length) ctx.io.out("No jobs.");
      else
        ctx.io.out(renderTable(["ID", "STATE", "POOL", "PRIORITY", "CREATED"], jobs.map(jobRow)));
      return 0;
    },
  },
  show: {
    args: ["ID"],
    read: true,
    async run(ctx) {
      const client = await ctx.client();
      const job = await client.getJob(ctx.args[0]!);
      const { taskCounts } = await client.getTaskCounts(job.id);
      if (ctx.json) ctx.io.out(toJson({ ...job, taskCounts }));
      else ctx.io.out(`${renderDetails(job)}\n\nTasks: ${formatCounts(taskCounts)}`);
      return 0;
    },
  },
  delete: idAction(
    async (ctx, id) => (await ctx.client()).deleteJob(id),
    (id) => `Deleting job ${id}.`,
  ),
  terminate: idAction(
    async (ctx, id) => (await ctx.client()).terminateJob(id, ctx.string("reason")),
    (id) => `Terminating job ${id}.`,
    { reason: { type: "string" } },
  ),
  disable: idAction(
    async (ctx, id) => {
      const option = ctx.string("tasks");
      const tasks = option === undefined ? "requeue" : enumFlag("tasks", option, disableJobOptions);
      await (await ctx.client()).disableJob(id, tasks);
    },
    (id) => `Disabling job ${id}.`,
    { tasks: { type: "string" } },
  ),
  enable: idAction(
    async (ctx, id) => (await ctx.client()).enableJob(id),
    (id) => `Enabling job ${id}.`,
  ),
  wait: {
    args: ["ID"],
    read: true,
    options: waitOptions,
    run: (ctx) => waitForJob(ctx, ctx.args[0]!),
  },
};

/** `sluice job <command>`: returns the exit code (0 done, 1 API error or failed tasks, 2 usage error, 124 wait timed out). */
export function runJob(argv: readonly string[], io: BatchIO): Promise<number> {
  return runNoun("job", help, verbs, argv, io);
}
