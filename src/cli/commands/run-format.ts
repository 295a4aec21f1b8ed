// Human output of pipeline runs and activity runs. Pure.
import type { ActivityRun, PipelineRun } from "../../client/index.js";
import { cell, renderTable, truncate } from "./table.js";

/** `850ms`, `12.3s`, `4m 05s`, `1h 02m`; `-` when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "-";
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.floor(ms / 1000);
  const two = (n: number) => String(n).padStart(2, "0");
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${two(seconds % 60)}s`;
  return `${Math.floor(seconds / 3600)}h ${two(Math.floor(seconds / 60) % 60)}m`;
}

/** An ISO time as `2026-01-01 10:00:00` (UTC, as the API gives it); `-` when absent. */
export function shortTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === "") return "-";
  return iso.replace("T", " ").replace(/\.\d+Z$|Z$/, "");
}

/** `sluice runs list`: one row per run. */
export function runsTable(runs: readonly PipelineRun[]): string {
  return renderTable(
    ["RUN ID", "PIPELINE", "STATUS", "START", "DURATION", "INVOKED BY"],
    runs.map((run) => [
      run.runId,
      run.pipelineName,
      run.status,
      shortTime(run.runStart),
      formatDuration(run.durationInMs),
      cell(run.invokedBy?.name),
    ]),
  );
}

/** `sluice runs show`: one row per activity run, with the error's first line. */
export function activityTable(activities: readonly ActivityRun[]): string {
  return renderTable(
    ["ACTIVITY", "TYPE", "STATUS", "START", "DURATION", "RETRY", "ERROR"],
    activities.map((activity) => [
      activity.activityName,
      activity.activityType,
      activity.status,
      shortTime(activity.activityRunStart),
      formatDuration(activity.durationInMs),
      cell(activity.retryAttempt),
      errorLine(activity, 80),
    ]),
  );
}

/**
 * How far an InProgress activity has come, from the output it shows while it runs (a Copy's
 * counts so far): `Copy1: 12 files read, 12 written, 3.4 KB read, 1200 rows copied so far`.
 * Undefined for an activity that has ended or shows no counts.
 */
export function progressLine(activity: ActivityRun): string | undefined {
  if (activity.status !== "InProgress") return undefined;
  const output = activity.output as Record<string, unknown> | null | undefined;
  if (typeof output !== "object" || output === null) return undefined;
  const count = (name: string): number | undefined =>
    typeof output[name] === "number" ? output[name] : undefined;
  const parts: string[] = [];
  const filesRead = count("filesRead");
  const filesWritten = count("filesWritten");
  if (filesRead !== undefined)
    parts.push(`${filesRead} ${filesRead === 1 ? "file" : "files"} read`);
  if (filesWritten !== undefined) parts.push(`${filesWritten} written`);
  const dataRead = count("dataRead");
  if (dataRead !== undefined) parts.push(`${formatBytes(dataRead)} read`);
  const rowsCopied = count("rowsCopied");
  if (rowsCopied !== undefined) parts.push(`${rowsCopied} rows copied`);
  return parts.length === 0 ? undefined : `${activity.activityName}: ${parts.join(", ")} so far`;
}

/** `512 B`, `3.4 KB`, `12.0 MB`, `1.5 GB` (powers of 1024). */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A run's summary lines for `sluice runs show`. */
export function runDetails(run: PipelineRun): string {
  const pairs: [string, string][] = [
    ["runId", run.runId],
    ["pipelineName", run.pipelineName],
    ["status", run.status],
    ["runStart", cell(run.runStart)],
    ["runEnd", cell(run.runEnd)],
    ["duration", formatDuration(run.durationInMs)],
    ["invokedBy", `${run.invokedBy.name} (${run.invokedBy.invokedByType})`],
    ["runGroupId", run.runGroupId],
    ["isLatest", String(run.isLatest)],
  ];
  if (run.invokedBy.pipelineRunId !== undefined) {
    pairs.push([
      "parentRun",
      `${run.invokedBy.pipelineName ?? "-"} ${run.invokedBy.pipelineRunId}`,
    ]);
  }
  for (const [name, value] of Object.entries(run.parameters)) {
    pairs.push([`parameters.${name}`, typeof value === "string" ? value : JSON.stringify(value)]);
  }
  if (run.message) pairs.push(["message", run.message]);
  const width = Math.max(...pairs.map(([key]) => key.length));
  return pairs.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join("\n");
}

/** A line for a live activity change: `Copy1 (Copy): Succeeded in 2.1s`. */
export function activityLine(activity: ActivityRun): string {
  const retry = activity.retryAttempt ? ` (retry ${activity.retryAttempt})` : "";
  const head = `${activity.activityName} (${activity.activityType})${retry}: ${activity.status}`;
  if (activity.status === "Failed") return `${head}: ${errorLine(activity, 200)}`;
  if (activity.activityRunEnd !== null && activity.durationInMs !== null) {
    return `${head} in ${formatDuration(activity.durationInMs)}`;
  }
  return head;
}

/** A run's final line: `Run <id> (Pipeline) Succeeded in 12.3s`, with the message if it failed. */
export function runLine(run: PipelineRun): string {
  const head = `Run ${run.runId} (${run.pipelineName}) ${run.status}`;
  const took = run.durationInMs === null ? "" : ` in ${formatDuration(run.durationInMs)}`;
  return run.message && run.status !== "Succeeded"
    ? `${head}${took}: ${run.message}`
    : `${head}${took}`;
}

/** Activity counts by status: `3 activities: 2 Succeeded, 1 InProgress`. */
export function statusCounts(statuses: Iterable<string>): string {
  const counts = new Map<string, number>();
  let total = 0;
  for (const status of statuses) {
    counts.set(status, (counts.get(status) ?? 0) + 1);
    total++;
  }
  const parts = [...counts].map(([status, count]) => `${count} ${status}`);
  return `${total} ${total === 1 ? "activity" : "activities"}${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

function errorLine(activity: ActivityRun, max: number): string {
  const message = activity.error?.message ?? "";
  if (!message) return "-";
  const first = message.split(/\r?\n/, 1)[0] ?? "";
  const code = activity.error.errorCode ? `${activity.error.errorCode}: ` : "";
  return truncate(`${code}${first}`, max);
}
