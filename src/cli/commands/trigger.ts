// `sluice trigger ...`: a factory's triggers on the server (ADF's start/stop and trigger run
// monitoring, Sluice's next fire times, schedule backfill, tumbling window reruns and cancels).
import {
  triggerRunStatusValues,
  type FactoryClient,
  type RunQueryFilter,
  type TriggerWindow,
} from "../../client/index.js";
import { parseIsoTime } from "../../factory/index.js";
import type { BatchIO } from "./batch-io.js";
import { factoryClient, factoryOf, factoryOption } from "./factory-context.js";
import { enumFlag, idListFlag, intFlag, usageError } from "./flags.js";
import { runNoun, type CommandContext, type Subcommand } from "./run-command.js";
import { renderDetails, toJson } from "./table.js";
import { triggerRunsTable, triggersTable, windowsTable } from "./trigger-format.js";

const help = `Usage: sluice trigger <command> [options]

Commands:
  list [--json]               The factory's triggers with their type and state (Started, Stopped).
  show NAME [--json]          A trigger's definition and state.
  start NAME                  Start a trigger (triggers are created stopped, as in ADF).
  stop NAME                   Stop a trigger; a tumbling window's running windows finish.
  runs [NAME] [--status STATUS] [--limit N] [--json]
                              Trigger runs, newest first: what fired, when, the pipeline runs
                              started. Statuses: ${triggerRunStatusValues.join(", ")}.
  next NAME [--count N] [--json]
                              The next N fire times (schedule) or window starts (tumbling),
                              default 10, so a schedule can be checked before it starts.
  backfill NAME --from TIME --to TIME [--json]
                              Fire a schedule trigger at each of its times in [from, to), once
                              each (times already fired are not fired again).
  windows NAME [--json]       A tumbling window trigger's windows and their states.
  rerun-window NAME [WINDOW] [--from TIME --to TIME]
                              Run ended tumbling windows again: one (WINDOW is its start time or
                              trigger run id) or every ended window starting in [from, to).
  cancel-window NAME WINDOW    Cancel a waiting or running tumbling window (WINDOW is its start time
                              or trigger run id) and its pipeline run; rerun-window runs it again.

Every command: --factory NAME (default: default). TIME is ISO 8601 (2026-01-01T00:00:00Z).
Connection: --server URL (or SLUICE_URL, default http://127.0.0.1:7070); the token from
SLUICE_TOKEN or <data dir>/token (--data-dir, SLUICE_HOME, default .sluice).`;

const defaultLimit = 100;
const endedStates = ["Succeeded", "Failed", "Cancelled"];

function timeFlag(ctx: CommandContext, name: string): string {
  const text = ctx.string(name);
  if (text === undefined || parseIsoTime(text) === undefined)
    throw usageError(
      name,
      `--${name} must be an ISO 8601 time such as 2026-01-01T00:00:00Z, but it is ${text === undefined ? "missing" : `'${text}'`}.`,
      text,
    );
  return text;
}

/** `runs`' filters: the trigger named and `--status`. */
function runFilters(ctx: CommandContext): RunQueryFilter[] {
  const filters: RunQueryFilter[] = [];
  const name = ctx.args[0];
  if (name !== undefined)
    filters.push({ operand: "TriggerName", operator: "Equals", values: [name] });
  const statuses = idListFlag(ctx.strings("status")).map((s) =>
    enumFlag("status", s, triggerRunStatusValues),
  );
  if (statuses.length) filters.push({ operand: "Status", operator: "In", values: statuses });
  return filters;
}

/** The window `which` names: its start time or trigger run id. */
function windowNamed(
  ctx: CommandContext,
  windows: readonly TriggerWindow[],
  which: string,
): TriggerWindow {
  const start = parseIsoTime(which);
  const found = windows.find(
    (w) =>
      w.triggerRunId === which || (start !== undefined && Date.parse(w.windowStartTime) === start),
  );
  if (found === undefined)
    throw usageError(
      "WINDOW",
      `Trigger "${ctx.args[0]}" has no window '${which}' (a window start time or trigger run id).`,
      which,
    );
  return found;
}

/** The windows `rerun-window` reruns: one by start or id, or the ended ones in a range. */
function windowsToRerun(ctx: CommandContext, windows: readonly TriggerWindow[]): TriggerWindow[] {
  const which = ctx.args[1];
  if (which !== undefined) {
    if (ctx.has("from") || ctx.has("to"))
      throw usageError(
        "from",
        "sluice trigger rerun-window takes WINDOW or --from/--to, not both.",
      );
    return [windowNamed(ctx, windows, which)];
  }
  const from = parseIsoTime(timeFlag(ctx, "from")) ?? 0;
  const to = parseIsoTime(timeFlag(ctx, "to")) ?? 0;
  return windows.filter((w) => {
    const start = Date.parse(w.windowStartTime);
    return start >= from && start < to && endedStates.includes(w.status);
  });
}

async function withClient<T>(
  ctx: CommandContext,
  work: (client: FactoryClient, factory: string) => Promise<T>,
): Promise<T> {
  return work(await factoryClient(ctx), factoryOf(ctx));
}

const verbs: Record<string, Subcommand> = {
  list: {
    read: true,
    options: factoryOption,
    run: (ctx) =>
      withClient(ctx, async (client, factory) => {
        const triggers = await client.listTriggers(factory);
        if (ctx.json) ctx.io.out(toJson(triggers));
        else ctx.io.out(triggers.length ? triggersTable(triggers) : "No triggers.");
        return 0;
      }),
  },
  show: {
    args: ["NAME"],
    read: true,
    options: factoryOption,
    run: (ctx) =>
      withClient(ctx, async (client, factory) => {
        const trigger = await client.getTrigger(factory, ctx.args[0]!);
        ctx.io.out(
          ctx.json ? toJson(trigger) : renderDetails({ name: trigger.name, ...trigger.properties }),
        );
        return 0;
      }),
  },
  start: lifecycle("start"),
  stop: lifecycle("stop"),
  runs: {
    args: ["NAME?"],
    read: true,
    options: {
      ...factoryOption,
      status: { type: "string", multiple: true },
      limit: { type: "string" },
    },
    run: (ctx) =>
      withClient(ctx, async (client, factory) => {
        const filters = runFilters(ctx);
        const limitText = ctx.string("limit");
        const limit =
          limitText === undefined ? defaultLimit : intFlag("limit", limitText, 1, 1_000_000);
        const { runs, more } = await client.queryAllTriggerRuns(factory, { filters }, limit);
        if (ctx.json) ctx.io.out(toJson(runs));
        else ctx.io.out(runs.length ? triggerRunsTable(runs) : "No trigger runs.");
        if (more)
          ctx.io.err(`Showing the newest ${runs.length} trigger runs; --limit N shows more.`);
        return 0;
      }),
  },
  next: {
    args: ["NAME"],
    read: true,
    options: { ...factoryOption, count: { type: "string" } },
    run: (ctx) =>
      withClient(ctx, async (client, factory) => {
        const countText = ctx.string("count");
        const count = countText === undefined ? 10 : intFlag("count", countText, 1, 1000);
        const times = await client.nextFires(factory, ctx.args[0]!, count);
        if (ctx.json) ctx.io.out(toJson(times));
        else
          ctx.io.out(
            times.length ? times.join("\n") : "No more fire times (the trigger has ended).",
          );
        return 0;
      }),
  },
  backfill: {
    args: ["NAME"],
    read: true,
    options: { ...factoryOption, from: { type: "string" }, to: { type: "string" } },
    run: (ctx) =>
      withClient(ctx, async (client, factory) => {
        const from = timeFlag(ctx, "from");
        const to = timeFlag(ctx, "to");
        const fired = await client.backfillTrigger(factory, ctx.args[0]!, from, to);
        if (ctx.json) ctx.io.out(JSON.stringify({ fired }));
        else
          ctx.io.out(
            `Fired ${ctx.args[0]} ${fired} time${fired === 1 ? "" : "s"} in [${from}, ${to}).`,
          );
        return 0;
      }),
  },
  windows: {
    args: ["NAME"],
    read: true,
    options: factoryOption,
    run: (ctx) =>
      withClient(ctx, async (client, factory) => {
        const windows = await client.triggerWindows(factory, ctx.args[0]!);
        if (ctx.json) ctx.io.out(toJson(windows));
        else ctx.io.out(windows.length ? windowsTable(windows) : "No windows yet.");
        return 0;
      }),
  },
  "rerun-window": {
    args: ["NAME", "WINDOW?"],
    read: true,
    options: { ...factoryOption, from: { type: "string" }, to: { type: "string" } },
    run: (ctx) =>
      withClient(ctx, async (client, factory) => {
        const name = ctx.args[0]!;
        const chosen = windowsToRerun(ctx, await client.triggerWindows(factory, name));
        for (const window of chosen)
          await client.rerunTriggerRun(factory, name, window.triggerRunId);
        const starts = chosen.map((w) => w.windowStartTime);
        if (ctx.json) ctx.io.out(toJson({ rerun: starts }));
        else
          ctx.io.out(
            starts.length
              ? `Rerunning ${starts.length} window${starts.length === 1 ? "" : "s"}: ${starts.join(", ")}`
              : "No ended windows in that range.",
          );
        return 0;
      }),
  },
  "cancel-window": {
    args: ["NAME", "WINDOW"],
    read: true,
    options: factoryOption,
    run: (ctx) =>
      withClient(ctx, async (client, factory) => {
        const name = ctx.args[0]!;
        const window = windowNamed(ctx, await client.triggerWindows(factory, name), ctx.args[1]!);
        await client.cancelTriggerRun(factory, name, window.triggerRunId);
        if (ctx.json) ctx.io.out(toJson({ cancelled: window.windowStartTime }));
        else ctx.io.out(`Cancelled window ${window.windowStartTime} of ${name}.`);
        return 0;
      }),
  },
};

function lifecycle(verb: "start" | "stop"): Subcommand {
  return {
    args: ["NAME"],
    read: true,
    options: factoryOption,
    run: (ctx) =>
      withClient(ctx, async (client, factory) => {
        const name = ctx.args[0]!;
        if (verb === "start") await client.startTrigger(factory, name);
        else await client.stopTrigger(factory, name);
        const runtimeState = verb === "start" ? "Started" : "Stopped";
        ctx.io.out(ctx.json ? JSON.stringify({ name, runtimeState }) : `${name}: ${runtimeState}.`);
        return 0;
      }),
  };
}

/** `sluice trigger <command>`: returns the exit code (0 done, 1 API error, 2 usage error). */
export function runTrigger(argv: readonly string[], io: BatchIO): Promise<number> {
  return runNoun("trigger", help, verbs, argv, io);
}
