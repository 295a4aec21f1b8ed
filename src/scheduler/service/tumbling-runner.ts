import { newUuid, type Logger, type RandomSource } from "../../core/index.js";
import type {
  PipelineRunStore,
  TriggerRunRecord,
  TriggerStateRecord,
  TriggerStore,
} from "../../store/index.js";
import type { TumblingWindowSpec } from "../definition/trigger-spec.js";
import { dueWindowCount, windowAt, windowIndexAt } from "../tumbling/windows.js";
import { createFireRuns, plannedRunsFor } from "./fire-pipelines.js";
import type { RunStarter } from "./scheduler-deps.js";
import { dependencyState } from "./window-dependencies.js";

const maxNewWindowsPerTick = 1000;
const dependencyTimeoutMs = 7 * 24 * 3_600_000;

/** Everything running tumbling windows needs. */
export interface WindowContext {
  readonly store: TriggerStore;
  readonly runs: PipelineRunStore;
  readonly engine: RunStarter;
  readonly random: RandomSource;
  readonly logger: Logger;
  readonly owner: string;
  readonly leaseMs: number;
  /** Windows this scheduler runs now (their trigger run ids), for lease renewal. */
  readonly held: Set<string>;
  upstream(factory: string, name: string): Promise<TumblingWindowSpec | undefined>;
}

/**
 * One pass over a tumbling window trigger: records the windows that fell due (backfill
 * included, oldest first), settles windows whose pipeline run ended, and starts the oldest
 * ready windows while fewer than `maxConcurrency` run. Every step is a compare-and-set on the
 * window's row, so a scheduler killed at any point leaves windows another (or the restarted
 * one) picks up when their lease runs out, each ending with exactly one successful run.
 */
export async function runWindows(
  context: WindowContext,
  state: TriggerStateRecord,
  spec: TumblingWindowSpec,
  now: number,
): Promise<void> {
  await recordDueWindows(context, state.factory, spec, now);
  const running = await context.store.listWindows(state.factory, spec.name, {
    statuses: ["Running"],
  });
  for (const window of running) await settle(context, spec, window, now);
  let slots =
    spec.maxConcurrency - (await context.store.countWindows(state.factory, spec.name, ["Running"]));
  if (slots <= 0) return;
  const waiting = await context.store.listWindows(state.factory, spec.name, {
    statuses: ["Waiting", "WaitingOnDependency"],
    limit: 1000,
  });
  for (const window of waiting) {
    if (slots <= 0) break;
    if (window.notBefore > now) continue;
    if (await startWindow(context, state.factory, spec, window, now)) slots--;
  }
}

async function recordDueWindows(
  context: WindowContext,
  factory: string,
  spec: TumblingWindowSpec,
  now: number,
): Promise<void> {
  const due = dueWindowCount(spec, now);
  const last = await context.store.lastWindowStart(factory, spec.name);
  const next = last === undefined ? 0 : windowIndexAt(spec, last) + 1;
  const windows = [];
  for (let index = next; index < due && windows.length < maxNewWindowsPerTick; index++) {
    const window = windowAt(spec, index);
    windows.push({
      triggerRunId: newUuid(context.random),
      factory,
      triggerName: spec.name,
      triggerType: spec.type,
      fireKey: new Date(window.startUtc).toISOString(),
      scheduledTime: window.endUtc,
      status: "Waiting" as const,
      windowStart: window.startUtc,
      windowEnd: window.endUtc,
      notBefore: window.endUtc + spec.delayMs,
    });
  }
  await context.store.insertRuns(windows);
}

async function startWindow(
  context: WindowContext,
  factory: string,
  spec: TumblingWindowSpec,
  row: TriggerRunRecord,
  now: number,
): Promise<boolean> {
  const window = { index: 0, startUtc: row.windowStart ?? 0, endUtc: row.windowEnd ?? 0 };
  const dependencies = await dependencyState(context.store, factory, spec, window, (name) =>
    context.upstream(factory, name),
  );
  if (dependencies === "pending") {
    if (now - row.notBefore > dependencyTimeoutMs) {
      await context.store.updateRun(
        row.triggerRunId,
        { status: "Failed", message: "Dependencies were not met within 7 days." },
        { ifStatus: ["WaitingOnDependency"] },
      );
    } else if (row.status === "Waiting") {
      await context.store.updateRun(
        row.triggerRunId,
        { status: "WaitingOnDependency" },
        { ifStatus: ["Waiting"] },
      );
    }
    return false;
  }
  const planned = plannedRunsFor(spec.pipelines, context.random);
  const claimed = await context.store.updateRun(
    row.triggerRunId,
    {
      status: "Running",
      attempt: row.attempt + 1,
      runId: (planned["0"] as string | undefined) ?? null,
      plannedRuns: planned,
      triggerRunTimestamp: now,
      properties: windowProperties(window, row.scheduledTime, now),
      leaseOwner: context.owner,
      leaseMs: context.leaseMs,
    },
    { ifStatus: ["Waiting", "WaitingOnDependency"], ifLeaseFreeOr: context.owner },
  );
  if (!claimed) return false;
  context.held.add(claimed.triggerRunId);
  await createWindowRun(context, spec, claimed, now);
  return true;
}

function windowProperties(
  window: { startUtc: number; endUtc: number },
  scheduled: number,
  now: number,
) {
  return {
    windowStartTime: new Date(window.startUtc).toISOString(),
    windowEndTime: new Date(window.endUtc).toISOString(),
    scheduledTime: new Date(scheduled).toISOString(),
    startTime: new Date(now).toISOString(),
  };
}

/** Creates the window's pipeline run under its planned id (again after a crash: found, not doubled). */
async function createWindowRun(
  context: WindowContext,
  spec: TumblingWindowSpec,
  row: TriggerRunRecord,
  now: number,
): Promise<void> {
  const { triggered, failures } = await createFireRuns(context.engine, spec, row, spec.pipelines);
  if (failures.length > 0) await endAttempt(context, spec, row, "Failed", failures.join("; "), now);
  else {
    const kept = await context.store.updateRun(
      row.triggerRunId,
      { triggeredPipelines: triggered },
      { ifStatus: ["Running"] },
    );
    // Cancelled while its run was being created: the run is cancelled too.
    if (kept === undefined && row.runId !== null)
      await context.engine.cancelRun(row.factory, row.runId, { isRecursive: true });
  }
}

/** A running window: attach to it if its scheduler is gone, end it if its run ended. */
async function settle(
  context: WindowContext,
  spec: TumblingWindowSpec,
  row: TriggerRunRecord,
  now: number,
): Promise<void> {
  if (!context.held.has(row.triggerRunId)) {
    const taken = await context.store.updateRun(
      row.triggerRunId,
      { leaseOwner: context.owner, leaseMs: context.leaseMs },
      { ifStatus: ["Running"], ifLeaseFreeOr: context.owner },
    );
    if (!taken) return;
    context.held.add(row.triggerRunId);
    await createWindowRun(context, spec, taken, now);
  }
  if (row.runId === null) return;
  const run = await context.runs.get(row.runId).catch(() => undefined);
  if (run === undefined) return;
  if (run.status === "Succeeded") await endAttempt(context, spec, row, "Succeeded", "", now);
  else if (run.status === "Cancelled")
    await endAttempt(context, spec, row, "Cancelled", run.message, now);
  else if (run.status === "Failed")
    await endAttempt(context, spec, row, "Failed", run.message, now);
}

async function endAttempt(
  context: WindowContext,
  spec: TumblingWindowSpec,
  row: TriggerRunRecord,
  outcome: "Succeeded" | "Failed" | "Cancelled",
  message: string,
  now: number,
): Promise<void> {
  const retry = outcome === "Failed" && row.attempt <= spec.retryCount;
  await context.store.updateRun(
    row.triggerRunId,
    retry
      ? { status: "Waiting", message, notBefore: now + spec.retryIntervalMs, leaseOwner: null }
      : { status: outcome, message, leaseOwner: null },
    { ifStatus: ["Running"] },
  );
  context.held.delete(row.triggerRunId);
}
