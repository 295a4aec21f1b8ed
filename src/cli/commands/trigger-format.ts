// Human output of triggers, trigger runs and tumbling windows. Pure.
import type { FactoryResource, TriggerRun, TriggerWindow } from "../../client/index.js";
import { shortTime } from "./run-format.js";
import { cell, renderTable, truncate } from "./table.js";

/** `sluice trigger list`: name, type, runtime state. */
export function triggersTable(triggers: readonly FactoryResource[]): string {
  return renderTable(
    ["TRIGGER", "TYPE", "STATE"],
    triggers.map((t) => [t.name, cell(t.properties.type), cell(t.properties.runtimeState)]),
  );
}

/** What a trigger run fired for: its scheduled time, window or blob. */
function firedFor(run: TriggerRun): string {
  const p = run.properties;
  if (typeof p.windowStartTime === "string")
    return `${shortTime(p.windowStartTime)} - ${shortTime(String(p.windowEndTime ?? ""))}`;
  if (typeof p.fileName === "string") return `${String(p.folderPath ?? "")}/${p.fileName}`;
  return shortTime(typeof p.scheduledTime === "string" ? p.scheduledTime : undefined);
}

/** `sluice trigger runs`: one row per trigger run, newest first. */
export function triggerRunsTable(runs: readonly TriggerRun[]): string {
  return renderTable(
    ["TRIGGER RUN ID", "TRIGGER", "STATUS", "TIME", "FOR", "PIPELINE RUNS", "MESSAGE"],
    runs.map((run) => [
      run.triggerRunId,
      run.triggerName,
      run.status,
      shortTime(run.triggerRunTimestamp),
      firedFor(run),
      cell(Object.values(run.triggeredPipelines).join(",")),
      cell(truncate(run.message.split("\n")[0] ?? "", 60)),
    ]),
  );
}

/** `sluice trigger windows`: one row per window, oldest first. */
export function windowsTable(windows: readonly TriggerWindow[]): string {
  return renderTable(
    ["WINDOW START", "WINDOW END", "STATUS", "ATTEMPT", "RUN ID", "TRIGGER RUN ID"],
    windows.map((w) => [
      shortTime(w.windowStartTime),
      shortTime(w.windowEndTime),
      w.status,
      String(w.attempt),
      cell(w.runId),
      w.triggerRunId,
    ]),
  );
}
