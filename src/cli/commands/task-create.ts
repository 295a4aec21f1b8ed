// `sluice task create`: one task from flags or a file, or many through addtaskcollection.
import type { TaskAddParameter, TaskAddResult } from "../../client/index.js";
import { rejectWithFile, requireObject, requireString } from "./create-input.js";
import { durationIso, envFlag, idListFlag, intFlag, rangeFlag, readJsonFile } from "./flags.js";
import { ProgressLine } from "./progress.js";
import type { CommandContext } from "./run-command.js";
import { renderTable, toJson, truncate } from "./table.js";

/** The flags of `sluice task create`. */
export const taskCreateOptions = {
  file: { type: "string" },
  job: { type: "string" },
  id: { type: "string" },
  command: { type: "string" },
  "display-name": { type: "string" },
  "depends-on": { type: "string", multiple: true },
  "depends-on-range": { type: "string", multiple: true },
  retries: { type: "string" },
  "max-wall-clock": { type: "string" },
  retention: { type: "string" },
  slots: { type: "string" },
  env: { type: "string", multiple: true },
  json: { type: "boolean" },
} as const;

const bodyFlags = Object.keys(taskCreateOptions).filter(
  (flag) => !["file", "job", "json"].includes(flag),
);

/** Adds the task(s); exit code 1 when any task of a collection was refused. */
export async function createTasks(ctx: CommandContext): Promise<number> {
  const jobId = requireString(ctx, "job", "--job JOB, the job to add the task(s) to");
  const file = ctx.string("file");
  if (file === undefined) {
    const task = taskFromFlags(ctx);
    await (await ctx.client()).addTask(jobId, task);
    ctx.io.out(`Added task ${task.id} to job ${jobId}.`);
    return 0;
  }
  rejectWithFile(ctx, bodyFlags);
  const content = await readJsonFile(ctx.io.readFile, file);
  const tasks = taskList(content);
  if (tasks === undefined) {
    const task = requireObject(content, file) as unknown as TaskAddParameter;
    await (await ctx.client()).addTask(jobId, task);
    ctx.io.out(`Added task ${String(task.id)} to job ${jobId}.`);
    return 0;
  }
  return addCollection(ctx, jobId, tasks);
}

/** An array of tasks, or Batch's collection body `{ value: [...] }`; undefined for one task. */
function taskList(content: unknown): TaskAddParameter[] | undefined {
  if (Array.isArray(content)) return content as TaskAddParameter[];
  const value = (content as { value?: unknown } | null)?.value;
  return Array.isArray(value) ? (value as TaskAddParameter[]) : undefined;
}

async function addCollection(
  ctx: CommandContext,
  jobId: string,
  tasks: readonly TaskAddParameter[],
): Promise<number> {
  const client = await ctx.client();
  const progress = new ProgressLine({
    ...ctx.io,
    write: (text) => ctx.io.err(text.replace(/\n$/, "")),
    isTTY: false,
  });
  let calls = 0;
  const results = await client.addTasks(jobId, tasks, {
    onChunk: (done, total) => {
      calls += 1;
      if (total > 100) progress.update(`adding tasks to job ${jobId}: ${done}/${total}`);
    },
  });
  const refused = results.filter((result) => result.status !== "success");
  if (ctx.json) ctx.io.out(toJson(results));
  else ctx.io.out(summary(jobId, tasks.length, results.length - refused.length, calls, refused));
  return refused.length ? 1 : 0;
}

function summary(
  jobId: string,
  total: number,
  added: number,
  calls: number,
  refused: readonly TaskAddResult[],
): string {
  const head = `Added ${added} of ${total} task(s) to job ${jobId} in ${calls} call(s).`;
  if (!refused.length) return head;
  const rows = refused.map((result) => [
    result.taskId,
    result.status,
    result.error?.code ?? "-",
    truncate(result.error?.message.value ?? "", 100),
  ]);
  return `${head} ${refused.length} refused:\n${renderTable(["TASK", "STATUS", "CODE", "MESSAGE"], rows)}`;
}

/** A task add body from `--id`, `--command` and the optional flags. */
export function taskFromFlags(ctx: CommandContext): TaskAddParameter {
  const id = requireString(ctx, "id", "--id ID and --command COMMAND (or --file FILE)");
  const commandLine = requireString(ctx, "command", "--command COMMAND, the command line to run");
  const text = (flag: string) => ctx.string(flag);
  const taskIds = idListFlag(ctx.strings("depends-on"));
  const taskIdRanges = rangeFlag("depends-on-range", ctx.strings("depends-on-range"));
  const env = envFlag("env", ctx.strings("env"));
  const constraints = {
    ...(text("retries") === undefined
      ? {}
      : { maxTaskRetryCount: intFlag("retries", text("retries")!, -1, 1_000_000) }),
    ...(text("max-wall-clock") === undefined
      ? {}
      : { maxWallClockTime: durationIso("max-wall-clock", text("max-wall-clock")!) }),
    ...(text("retention") === undefined
      ? {}
      : { retentionTime: durationIso("retention", text("retention")!) }),
  };
  const slots = text("slots");
  const name = text("display-name");
  return {
    id,
    commandLine,
    ...(name === undefined ? {} : { displayName: name }),
    ...(env.length ? { environmentSettings: env } : {}),
    ...(Object.keys(constraints).length ? { constraints } : {}),
    ...(slots === undefined ? {} : { requiredSlots: intFlag("slots", slots, 1, 256) }),
    ...(taskIds.length || taskIdRanges.length
      ? {
          dependsOn: {
            ...(taskIds.length ? { taskIds } : {}),
            ...(taskIdRanges.length ? { taskIdRanges } : {}),
          },
        }
      : {}),
  };
}
