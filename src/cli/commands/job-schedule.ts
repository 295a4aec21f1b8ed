// `sluice jobschedule ...`: Batch job schedules (jobs created on a recurrence).
import type { CloudJobSchedule, JobScheduleAddParameter } from "../../client/index.js";
import type { BatchIO } from "./batch-io.js";
import { rejectWithFile, requireObject, requireString } from "./create-input.js";
import { durationIso, readJsonFile, usageError } from "./flags.js";
import { idAction, runNoun, type CommandContext, type Subcommand } from "./run-command.js";
import { cell, renderDetails, renderTable, toJson } from "./table.js";

const help = `Usage: sluice jobschedule <command> [options]

Commands:
  create --file FILE              Add a job schedule from Batch's JobScheduleAddParameter JSON.
  create --id ID --pool POOL [--every DURATION] [--start TIME] [--end TIME]
         [--window DURATION]      Add a schedule whose jobs run on POOL: one job at --start
                                  (default now), then one every --every (none: one job only);
                                  none after --end; a job not started within --window of its
                                  due time is skipped. TIME: ISO 8601 UTC, e.g.
                                  2026-01-01T00:00:00Z. Durations: 90s, 5m, 2h, PT1H.
  list [--json]                   List job schedules with their next run time.
  show ID [--json]                Show one job schedule.
  jobs ID [--json]                List the jobs the schedule created, oldest first.
  disable ID | enable ID          Stop or resume creating jobs.
  terminate ID                    Terminate the active job and complete the schedule.
  delete ID                       Delete the schedule and every job it created.

Connection (every command): --server URL (or SLUICE_URL, default http://127.0.0.1:7070);
the token from SLUICE_TOKEN or <data dir>/token (--data-dir, SLUICE_HOME, default .sluice).`;

const flagFields = ["id", "pool", "every", "start", "end", "window"];

async function scheduleBody(ctx: CommandContext): Promise<JobScheduleAddParameter> {
  const file = ctx.string("file");
  if (file !== undefined) {
    rejectWithFile(ctx, flagFields);
    const body = requireObject(await readJsonFile(ctx.io.readFile, file), file);
    return body as unknown as JobScheduleAddParameter;
  }
  const id = requireString(ctx, "id", "--id ID (or --file FILE)");
  const poolId = requireString(ctx, "pool", "--pool POOL, the pool the jobs run on");
  const time = (flag: string) => {
    const text = ctx.string(flag);
    if (text === undefined) return undefined;
    if (Number.isNaN(Date.parse(text))) {
      throw usageError(flag, `--${flag} must be an ISO 8601 time, but it is '${text}'.`, text);
    }
    return new Date(Date.parse(text)).toISOString();
  };
  const interval = (flag: string) => {
    const text = ctx.string(flag);
    return text === undefined ? undefined : durationIso(flag, text);
  };
  const schedule = Object.fromEntries(
    Object.entries({
      doNotRunUntil: time("start"),
      doNotRunAfter: time("end"),
      recurrenceInterval: interval("every"),
      startWindow: interval("window"),
    }).filter(([, value]) => value !== undefined),
  );
  return { id, schedule, jobSpecification: { poolInfo: { poolId } } };
}

function scheduleRow(schedule: CloudJobSchedule): string[] {
  return [
    schedule.id,
    schedule.state,
    cell(schedule.schedule.recurrenceInterval ?? "once"),
    cell(schedule.executionInfo.nextRunTime),
    cell(schedule.executionInfo.recentJob?.id),
  ];
}

const action = (verb: "disable" | "enable" | "terminate", done: string): Subcommand =>
  idAction(
    async (ctx, id) => (await ctx.client()).jobScheduleAction(id, verb),
    (id) => `${done} job schedule ${id}.`,
  );

const verbs: Record<string, Subcommand> = {
  create: {
    options: {
      file: { type: "string" },
      id: { type: "string" },
      pool: { type: "string" },
      every: { type: "string" },
      start: { type: "string" },
      end: { type: "string" },
      window: { type: "string" },
    },
    async run(ctx) {
      const body = await scheduleBody(ctx);
      await (await ctx.client()).addJobSchedule(body);
      ctx.io.out(`Created job schedule ${body.id}.`);
      return 0;
    },
  },
  list: {
    read: true,
    async run(ctx) {
      const schedules = await (await ctx.client()).listAllJobSchedules();
      if (ctx.json) ctx.io.out(toJson(schedules));
      else if (!schedules.length) ctx.io.out("No job schedules.");
      else {
        const header = ["ID", "STATE", "EVERY", "NEXT RUN", "RECENT JOB"];
        ctx.io.out(renderTable(header, schedules.map(scheduleRow)));
      }
      return 0;
    },
  },
  show: {
    args: ["ID"],
    read: true,
    async run(ctx) {
      const schedule = await (await ctx.client()).getJobSchedule(ctx.args[0]!);
      ctx.io.out(ctx.json ? toJson(schedule) : renderDetails(schedule));
      return 0;
    },
  },
  jobs: {
    args: ["ID"],
    read: true,
    async run(ctx) {
      const jobs = await (await ctx.client()).listAllJobsOfSchedule(ctx.args[0]!);
      if (ctx.json) ctx.io.out(toJson(jobs));
      else if (!jobs.length) ctx.io.out("No jobs yet.");
      else {
        const rows = jobs.map((job) => [job.id, job.state, cell(job.creationTime)]);
        ctx.io.out(renderTable(["ID", "STATE", "CREATED"], rows));
      }
      return 0;
    },
  },
  disable: action("disable", "Disabled"),
  enable: action("enable", "Enabled"),
  terminate: action("terminate", "Terminating"),
  delete: {
    args: ["ID"],
    async run(ctx) {
      await (await ctx.client()).deleteJobSchedule(ctx.args[0]!);
      ctx.io.out(`Deleted job schedule ${ctx.args[0]!} and its jobs.`);
      return 0;
    },
  },
};

/** `sluice jobschedule <command>`: 0 done, 1 API error, 2 usage error. */
export function runJobSchedule(argv: readonly string[], io: BatchIO): Promise<number> {
  return runNoun("jobschedule", help, verbs, argv, io);
}
