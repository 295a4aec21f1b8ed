// `sluice task ...`: Batch tasks.
import { taskStates, type CloudTask } from "../../client/index.js";
import type { BatchIO } from "./batch-io.js";
import { enumFlag, usageError } from "./flags.js";
import { taskLogs } from "./logs.js";
import { runNoun, type CommandContext, type Subcommand } from "./run-command.js";
import { cell, renderDetails, renderTable, toJson, truncate } from "./table.js";
import { createTasks, taskCreateOptions } from "./task-create.js";
import { taskFailed, waitForJob, waitForTask, waitOptions } from "./wait.js";

const help = `Usage: sluice task <command> [options]

Commands:
  create --job JOB --file FILE    Add the task in FILE (Batch's TaskAddParameter JSON), or
                                  an array of them (or {"value": [...]}) through
                                  addtaskcollection, 100 per call, with a result per task.
  create --job JOB --id ID --command COMMAND [--depends-on ID[,ID]...]
         [--depends-on-range START-END]... [--retries N] [--max-wall-clock DURATION]
         [--retention DURATION] [--slots N] [--env NAME=VALUE]... [--display-name TEXT]
                                  Add one task from flags. The command runs without a
                                  shell, as in Batch: use /bin/sh -c '...' for one.
  list JOB [--state active|preparing|running|completed] [--filter ODATA] [--json]
                                  List a job's tasks.
  show JOB TASK [--json]          Show one task.
  delete JOB TASK                 Delete a task.
  terminate JOB TASK              Terminate a task.
  reactivate JOB TASK             Reactivate a failed task.
  wait JOB [TASK] [--timeout DURATION] [--interval DURATION] [--json]
                                  Wait for one task, or all of the job's, with a live
                                  progress line. Exit 0 when all succeeded, 1 when any
                                  failed, 124 on timeout. Durations: 90s, 5m, 2h, PT1H.
  logs JOB TASK [--stderr] [--follow]
                                  Print stdout.txt (or stderr.txt); --follow tails it
                                  until the task completes.
  files JOB TASK [--recursive] [--json]
                                  List the task's files.
  subtasks JOB TASK [--json]      List a multi-instance task's subtasks (Batch's
                                  subtasksinfo: ids 1..n-1, their nodes and exit codes).

Connection (every command): --server URL (or SLUICE_URL, default http://127.0.0.1:7070);
the token from SLUICE_TOKEN or <data dir>/token (--data-dir, SLUICE_HOME, default .sluice).`;

function taskRow(task: CloudTask): string[] {
  const info = task.executionInfo;
  return [
    task.id,
    task.state,
    task.state === "completed" ? (taskFailed(task) ? "failure" : "success") : "-",
    cell(info?.exitCode ?? info?.failureInfo?.code),
    cell(info?.retryCount ?? 0),
    cell(task.nodeInfo?.nodeId),
    truncate(task.commandLine, 60),
  ];
}

/** The OData filter of `task list`: `--state` or a raw `--filter`, not both. */
function listFilter(ctx: CommandContext): string | undefined {
  const state = ctx.string("state");
  const filter = ctx.string("filter");
  if (state !== undefined && filter !== undefined) {
    throw usageError("state", `${ctx.name}: give --state or --filter, not both.`);
  }
  return state === undefined ? filter : `state eq '${enumFlag("state", state, taskStates)}'`;
}

/** A JOB TASK command calling the client and printing what it did. */
function action(
  call: (ctx: CommandContext, job: string, task: string) => Promise<void>,
  verb: string,
): Subcommand {
  return {
    args: ["JOB", "TASK"],
    async run(ctx) {
      const [job = "", task = ""] = ctx.args;
      await call(ctx, job, task);
      ctx.io.out(`${verb} task ${task} of job ${job}.`);
      return 0;
    },
  };
}

const verbs: Record<string, Subcommand> = {
  create: { options: taskCreateOptions, run: createTasks },
  list: {
    args: ["JOB"],
    read: true,
    options: { state: { type: "string" }, filter: { type: "string" } },
    async run(ctx) {
      const filter = listFilter(ctx);
      const client = await ctx.client();
      const tasks = await client.listAllTasks(ctx.args[0]!, filter === undefined ? {} : { filter });
      if (ctx.json) ctx.io.out(toJson(tasks));
      else if (!tasks.length) ctx.io.out("No tasks.");
      else {
        const headers = ["ID", "STATE", "RESULT", "EXIT", "RETRIES", "NODE", "COMMAND"];
        ctx.io.out(renderTable(headers, tasks.map(taskRow)));
      }
      return 0;
    },
  },
  show: {
    args: ["JOB", "TASK"],
    read: true,
    async run(ctx) {
      const task = await (await ctx.client()).getTask(ctx.args[0]!, ctx.args[1]!);
      ctx.io.out(ctx.json ? toJson(task) : renderDetails(task));
      return 0;
    },
  },
  delete: action(async (ctx, job, task) => (await ctx.client()).deleteTask(job, task), "Deleted"),
  terminate: action(
    async (ctx, job, task) => (await ctx.client()).terminateTask(job, task),
    "Terminated",
  ),
  reactivate: action(
    async (ctx, job, task) => (await ctx.client()).reactivateTask(job, task),
    "Reactivated",
  ),
  wait: {
    args: ["JOB", "TASK?"],
    read: true,
    options: waitOptions,
    run: (ctx) =>
      ctx.args[1] === undefined
        ? waitForJob(ctx, ctx.args[0]!)
        : waitForTask(ctx, ctx.args[0]!, ctx.args[1]),
  },
  logs: {
    args: ["JOB", "TASK"],
    options: {
      stderr: { type: "boolean" },
      follow: { type: "boolean", short: "f" },
      interval: { type: "string" },
    },
    run: taskLogs,
  },
  subtasks: {
    args: ["JOB", "TASK"],
    read: true,
    async run(ctx) {
      const client = await ctx.client();
      const { value } = await client.listSubtasks(ctx.args[0]!, ctx.args[1]!);
      if (ctx.json) ctx.io.out(toJson(value));
      else if (!value.length) ctx.io.out("No subtasks.");
      else {
        const rows = value.map((subtask) => [
          String(subtask.id),
          subtask.state,
          cell(subtask.result),
          cell(subtask.exitCode ?? subtask.failureInfo?.code),
          cell(subtask.nodeInfo?.nodeId),
        ]);
        ctx.io.out(renderTable(["ID", "STATE", "RESULT", "EXIT", "NODE"], rows));
      }
      return 0;
    },
  },
  files: {
    args: ["JOB", "TASK"],
    read: true,
    options: { recursive: { type: "boolean" } },
    async run(ctx) {
      const client = await ctx.client();
      const files = await client.listTaskFiles(ctx.args[0]!, ctx.args[1]!, ctx.flag("recursive"));
      if (ctx.json) ctx.io.out(toJson(files));
      else if (!files.length) ctx.io.out("No files.");
      else {
        const rows = files.map((file) => [
          file.isDirectory ? `${file.name}/` : file.name,
          file.isDirectory ? "-" : cell(file.properties?.contentLength),
          cell(file.properties?.lastModified),
        ]);
        ctx.io.out(renderTable(["NAME", "BYTES", "MODIFIED"], rows));
      }
      return 0;
    },
  },
};

/** `sluice task <command>`: returns the exit code (0 done, 1 API error or failed task, 2 usage error, 124 wait timed out). */
export function runTask(argv: readonly string[], io: BatchIO): Promise<number> {
  return runNoun("task", help, verbs, argv, io);
}
