// `sluice runs ...`: pipeline runs on the server (ADF's monitoring): list, show, cancel, rerun, wait.
import {
  pipelineRunStatusValues,
  type CreateRunOptions,
  type RunQueryFilter,
} from "../../client/index.js";
import type { BatchIO } from "./batch-io.js";
import { factoryClient, factoryOf, factoryOption } from "./factory-context.js";
import { enumFlag, idListFlag, intFlag, usageError } from "./flags.js";
import { runNoun, type CommandContext, type Subcommand } from "./run-command.js";
import { activityTable, progressLine, runDetails, runsTable } from "./run-format.js";
import { runWaitOptions, watchRun } from "./run-watch.js";
import { toJson } from "./table.js";

const help = `Usage: sluice runs <command> [options]

Commands:
  list [--pipeline NAME] [--status STATUS] [--limit N] [--json]
                              List pipeline runs, newest first. --pipeline and --status take
                              one value or a comma-separated list. Statuses:
                              ${pipelineRunStatusValues.join(", ")}.
                              --limit: at most N runs (default 100).
  show RUNID [--json]         Show a run and a table of its activity runs.
  cancel RUNID [--recursive]  Cancel a run; --recursive also cancels the runs its
                              ExecutePipeline activities started.
  rerun RUNID [--from-failure | --from-activity NAME] [--wait] [--json]
                              Rerun a run with its parameters, in its run group: all of it,
                              from its failed activities, or from one activity on.
  wait RUNID [--timeout DURATION] [--interval DURATION] [--json]
                              Follow a run until it ends (a line per activity status change).
                              Exit 0 when it Succeeded, 1 when it Failed or was Cancelled, 124
                              on timeout.

Every command: --factory NAME (default: default), --json. Connection: --server URL (or
SLUICE_URL, default http://127.0.0.1:7070); the token from SLUICE_TOKEN or <data dir>/token
(--data-dir, SLUICE_HOME, default .sluice).`;

/** Runs listed when `--limit` is not given. */
const defaultLimit = 100;

/** `--pipeline` and `--status` as ADF's filters. */
function listFilters(ctx: CommandContext): RunQueryFilter[] {
  const filters: RunQueryFilter[] = [];
  const pipelines = idListFlag(ctx.strings("pipeline"));
  if (pipelines.length)
    filters.push({ operand: "PipelineName", operator: "In", values: pipelines });
  const statuses = idListFlag(ctx.strings("status")).map((status) =>
    enumFlag("status", status, pipelineRunStatusValues),
  );
  if (statuses.length) filters.push({ operand: "Status", operator: "In", values: statuses });
  return filters;
}

/** The rerun's createRun options; the two ways of choosing where to start exclude each other. */
function rerunOptions(ctx: CommandContext, runId: string): CreateRunOptions {
  const fromActivity = ctx.string("from-activity");
  if (fromActivity !== undefined && ctx.flag("from-failure")) {
    throw usageError(
      "from-failure",
      "sluice runs rerun takes --from-failure or --from-activity NAME, not both.",
    );
  }
  if (fromActivity === "") {
    throw usageError("from-activity", "--from-activity needs an activity name.", fromActivity);
  }
  return {
    referencePipelineRunId: runId,
    // As ADF's monitoring reruns: the new run joins the original's group.
    isRecovery: true,
    ...(ctx.flag("from-failure") ? { startFromFailure: true } : {}),
    ...(fromActivity === undefined ? {} : { startActivityName: fromActivity }),
  };
}

const verbs: Record<string, Subcommand> = {
  list: {
    read: true,
    options: {
      ...factoryOption,
      pipeline: { type: "string", multiple: true },
      status: { type: "string", multiple: true },
      limit: { type: "string" },
    },
    async run(ctx) {
      const filters = listFilters(ctx);
      const limitText = ctx.string("limit");
      const limit =
        limitText === undefined ? defaultLimit : intFlag("limit", limitText, 1, 1_000_000);
      const client = await factoryClient(ctx);
      const { runs, more } = await client.queryAllRuns(factoryOf(ctx), { filters }, limit);
      if (ctx.json) ctx.io.out(toJson(runs));
      else if (!runs.length) ctx.io.out("No pipeline runs.");
      else ctx.io.out(runsTable(runs));
      if (more) ctx.io.err(`Showing the newest ${runs.length} runs; --limit N shows more.`);
      return 0;
    },
  },
  show: {
    args: ["RUNID"],
    read: true,
    options: factoryOption,
    async run(ctx) {
      const client = await factoryClient(ctx);
      const factory = factoryOf(ctx);
      const run = await client.getRun(factory, ctx.args[0]!);
      const activityRuns = await client.queryAllActivityRuns(factory, run.runId);
      if (ctx.json) ctx.io.out(toJson({ ...run, activityRuns }));
      else {
        const table = activityRuns.length ? activityTable(activityRuns) : "No activity runs.";
        const progress = activityRuns.map(progressLine).filter((line) => line !== undefined);
        const below = progress.length === 0 ? "" : `\n\nIn progress:\n${progress.join("\n")}`;
        ctx.io.out(`${runDetails(run)}\n\n${table}${below}`);
      }
      return 0;
    },
  },
  cancel: {
    args: ["RUNID"],
    read: true,
    options: { ...factoryOption, recursive: { type: "boolean" } },
    async run(ctx) {
      const runId = ctx.args[0]!;
      const isRecursive = ctx.flag("recursive");
      await (await factoryClient(ctx)).cancelRun(factoryOf(ctx), runId, { isRecursive });
      if (ctx.json) ctx.io.out(JSON.stringify({ runId, isRecursive }));
      else {
        const children = isRecursive ? " and the runs it started" : "";
        ctx.io.out(`Cancelling run ${runId}${children}.`);
      }
      return 0;
    },
  },
  rerun: {
    args: ["RUNID"],
    read: true,
    options: {
      ...factoryOption,
      "from-failure": { type: "boolean" },
      "from-activity": { type: "string" },
      wait: { type: "boolean" },
      ...runWaitOptions,
    },
    async run(ctx) {
      const options = rerunOptions(ctx, ctx.args[0]!);
      const client = await factoryClient(ctx);
      const factory = factoryOf(ctx);
      const original = await client.getRun(factory, ctx.args[0]!);
      // No parameters: ADF reruns with the referenced run's own (the API shows secure ones masked).
      const { runId } = await client.createRun(
        factory,
        original.pipelineName,
        {},
        {
          ...options,
          referencePipelineRunId: original.runId,
        },
      );
      if (!ctx.flag("wait")) {
        ctx.io.out(ctx.json ? JSON.stringify({ runId }) : runId);
        return 0;
      }
      if (!ctx.json) ctx.io.out(`Started run ${runId}, a rerun of ${original.runId}.`);
      return watchRun(ctx, client, factory, runId);
    },
  },
  wait: {
    args: ["RUNID"],
    read: true,
    options: { ...factoryOption, ...runWaitOptions },
    async run(ctx) {
      const client = await factoryClient(ctx);
      return watchRun(ctx, client, factoryOf(ctx), ctx.args[0]!);
    },
  },
};

/** `sluice runs <command>`: returns the exit code (0 done, 1 API error or a failed run, 2 usage error, 124 wait timed out). */
export function runRuns(argv: readonly string[], io: BatchIO): Promise<number> {
  return runNoun("runs", help, verbs, argv, io);
}
