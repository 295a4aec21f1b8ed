// `sluice run --wait` and `sluice runs wait`: follow a pipeline run until it ends, with a
// line per activity status change and a live summary line.
import {
  finishedRunStatuses,
  type ActivityRun,
  type FactoryClient,
  type PipelineRun,
  type RunFilterParameters,
} from "../../client/index.js";
import { durationMs } from "./flags.js";
import { ProgressLine, formatElapsed } from "./progress.js";
import type { CommandContext } from "./run-command.js";
import { activityLine, runLine, statusCounts } from "./run-format.js";
import { timedOutExitCode } from "./wait.js";

/** The flags of a wait. */
export const runWaitOptions = {
  timeout: { type: "string" },
  interval: { type: "string" },
} as const;

/**
 * Server times may be written a little out of order (a page read while rows change, several
 * servers' clocks): each poll asks again for what changed this long before the newest time seen.
 */
const overlapMs = 5_000;

/**
 * Which activity runs changed since the last poll. Each poll asks only for activity runs
 * updated since the newest server time seen (less {@link overlapMs}), so a ForEach of
 * 100,000 iterations is not listed whole every second; repeats are dropped by status.
 */
export class ActivityChanges {
  private readonly statusById = new Map<string, string>();
  private newest: number | undefined;

  /** The filter of the next poll. */
  filter(): RunFilterParameters {
    return this.newest === undefined
      ? {}
      : { lastUpdatedAfter: new Date(this.newest - overlapMs).toISOString() };
  }

  /** The activity runs whose status is new, in the order given; remembers the times seen. */
  changes(activities: readonly ActivityRun[], run: PipelineRun): ActivityRun[] {
    this.see(run.lastUpdated);
    const changed: ActivityRun[] = [];
    for (const activity of activities) {
      this.see(activity.activityRunStart);
      this.see(activity.activityRunEnd);
      if (this.statusById.get(activity.activityRunId) === activity.status) continue;
      this.statusById.set(activity.activityRunId, activity.status);
      changed.push(activity);
    }
    return changed;
  }

  /** The latest status of every activity run seen. */
  statuses(): Iterable<string> {
    return this.statusById.values();
  }

  private see(iso: string | null): void {
    const ms = iso === null ? NaN : Date.parse(iso);
    if (!Number.isNaN(ms)) this.newest = Math.max(this.newest ?? ms, ms);
  }
}

/**
 * Follows the run until it ends: exit code 0 when it Succeeded, 1 when it Failed or was
 * Cancelled, 124 when `--timeout` passes first. With `--json` the lines go to stderr and
 * stdout gets the final run.
 */
export async function watchRun(
  ctx: CommandContext,
  client: FactoryClient,
  factory: string,
  runId: string,
): Promise<number> {
  const timeout = ctx.string("timeout");
  const interval = ctx.string("interval");
  const timeoutMs = timeout === undefined ? undefined : durationMs("timeout", timeout);
  // A floor, so `--interval 0` cannot hammer the server.
  const intervalMs = interval === undefined ? 1000 : Math.max(10, durationMs("interval", interval));
  const progress = new ProgressLine(
    ctx.json
      ? { ...ctx.io, write: (text) => ctx.io.err(text.replace(/\n$/, "")), isTTY: false }
      : ctx.io,
  );
  const changes = new ActivityChanges();
  for (;;) {
    // The run first: activities it waited for are written before it ends, so the activity
    // query after a finished run sees them all.
    const run = await client.getRun(factory, runId);
    const activities = await client.queryAllActivityRuns(factory, runId, changes.filter());
    for (const activity of changes.changes(activities, run)) progress.done(activityLine(activity));
    if (finishedRunStatuses.includes(run.status)) {
      progress.done(runLine(run));
      if (ctx.json) ctx.io.out(JSON.stringify(run, null, 2));
      return run.status === "Succeeded" ? 0 : 1;
    }
    progress.update(`run ${runId}: ${run.status}, ${statusCounts(changes.statuses())}`);
    const elapsed = progress.elapsed();
    if (timeoutMs !== undefined && elapsed >= timeoutMs) {
      ctx.io.err(
        `error Timeout: run ${runId} is still ${run.status} after ${formatElapsed(elapsed)}.`,
      );
      return timedOutExitCode;
    }
    const pause = timeoutMs === undefined ? intervalMs : Math.min(intervalMs, timeoutMs - elapsed);
    await ctx.io.sleep(Math.max(1, pause));
  }
}
