// `sluice job wait` and `sluice task wait`: poll until done, with a live progress line.
import type { CloudTask } from "../../client/index.js";
import type { CommandContext } from "./run-command.js";
import { durationMs } from "./flags.js";
import { ProgressLine, formatCounts, formatElapsed } from "./progress.js";

/** Exit code when `--timeout` passes first, as timeout(1) uses. */
export const timedOutExitCode = 124;

/** The flags of both waits. */
export const waitOptions = {
  timeout: { type: "string" },
  interval: { type: "string" },
} as const;

interface WaitSettings {
  readonly timeoutMs: number | undefined;
  readonly intervalMs: number;
  readonly progress: ProgressLine;
}

function settings(ctx: CommandContext): WaitSettings {
  const timeout = ctx.string("timeout");
  const interval = ctx.string("interval");
  return {
    timeoutMs: timeout === undefined ? undefined : durationMs("timeout", timeout),
    // A floor, so `--interval 0` cannot hammer the server.
    intervalMs: interval === undefined ? 1000 : Math.max(10, durationMs("interval", interval)),
    // --json keeps stdout for the result alone, so the progress goes to stderr.
    progress: new ProgressLine(
      ctx.json
        ? { ...ctx.io, write: (text) => ctx.io.err(text.replace(/\n$/, "")), isTTY: false }
        : ctx.io,
    ),
  };
}

/**
 * Waits until none of the job's tasks is active or running (from `taskcounts`). Exit code 0
 * when every task succeeded, 1 when any failed, 124 on `--timeout`.
 */
export async function waitForJob(ctx: CommandContext, jobId: string): Promise<number> {
  const wait = settings(ctx);
  const client = await ctx.client();
  for (;;) {
    const { taskCounts: counts } = await client.getTaskCounts(jobId);
    const line = `job ${jobId}: ${formatCounts(counts)}`;
    if (counts.active + counts.running === 0) {
      wait.progress.done(line);
      if (ctx.json) ctx.io.out(JSON.stringify(counts));
      if (counts.failed && !ctx.json) {
        ctx.io.err(
          `${counts.failed} task(s) failed; see: sluice task list ${jobId} --state completed`,
        );
      }
      return counts.failed ? 1 : 0;
    }
    wait.progress.update(line);
    if (timedOut(wait)) {
      ctx.io.err(
        `error Timeout: job ${jobId} still has ${counts.active + counts.running} task(s) not completed after ${formatElapsed(wait.progress.elapsed())}.`,
      );
      return timedOutExitCode;
    }
    await ctx.io.sleep(pause(wait));
  }
}

/** Waits until one task completes. Exit code 0 when it succeeded, 1 when it failed, 124 on timeout. */
export async function waitForTask(
  ctx: CommandContext,
  jobId: string,
  taskId: string,
): Promise<number> {
  const wait = settings(ctx);
  const client = await ctx.client();
  for (;;) {
    const task = await client.getTask(jobId, taskId);
    const line = `task ${jobId}/${taskId}: ${describeTask(task)}`;
    if (task.state === "completed") {
      wait.progress.done(line);
      if (ctx.json) ctx.io.out(JSON.stringify(task));
      return taskFailed(task) ? 1 : 0;
    }
    wait.progress.update(line);
    if (timedOut(wait)) {
      ctx.io.err(
        `error Timeout: task ${jobId}/${taskId} is still ${task.state} after ${formatElapsed(wait.progress.elapsed())}.`,
      );
      return timedOutExitCode;
    }
    await ctx.io.sleep(pause(wait));
  }
}

/** The poll interval, cut short so the timeout is noticed when it falls. */
function pause(wait: WaitSettings): number {
  if (wait.timeoutMs === undefined) return wait.intervalMs;
  return Math.max(1, Math.min(wait.intervalMs, wait.timeoutMs - wait.progress.elapsed()));
}

function timedOut(wait: WaitSettings): boolean {
  return wait.timeoutMs !== undefined && wait.progress.elapsed() >= wait.timeoutMs;
}

/** Batch's `result`; older records without it judged by exit code and failure info. */
export function taskFailed(task: CloudTask): boolean {
  const info = task.executionInfo;
  if (info?.result) return info.result === "failure";
  return info?.failureInfo !== undefined || (info?.exitCode ?? 0) !== 0;
}

/** `running on node-1 (retry 1)`, `completed: success, exit code 0`. */
export function describeTask(task: CloudTask): string {
  const info = task.executionInfo;
  if (task.state === "completed") {
    const parts = [taskFailed(task) ? "failure" : "success"];
    if (info?.exitCode !== undefined) parts.push(`exit code ${info.exitCode}`);
    if (info?.failureInfo?.code) parts.push(info.failureInfo.code);
    return `completed: ${parts.join(", ")}`;
  }
  const node = task.nodeInfo?.nodeId ? ` on ${task.nodeInfo.nodeId}` : "";
  const retries = info?.retryCount ? ` (retry ${info.retryCount})` : "";
  return `${task.state}${node}${retries}`;
}
