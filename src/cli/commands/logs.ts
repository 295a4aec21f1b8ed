// `sluice task logs JOB TASK [--stderr] [--follow]`.
import { ApiError, type BatchClient } from "../../client/index.js";
import type { CommandContext } from "./run-command.js";
import { durationMs } from "./flags.js";

/** Prints a task's stdout.txt (or stderr.txt); with `--follow`, tails it until the task completes. */
export async function taskLogs(ctx: CommandContext): Promise<number> {
  const [jobId = "", taskId = ""] = ctx.args;
  const name = ctx.flag("stderr") ? "stderr.txt" : "stdout.txt";
  const interval = ctx.string("interval");
  const intervalMs = interval === undefined ? 500 : durationMs("interval", interval);
  const client = await ctx.client();
  if (!ctx.flag("follow")) {
    const { content } = await client.readTaskFile(jobId, taskId, name);
    ctx.io.write(new TextDecoder().decode(content));
    return 0;
  }
  await follow(ctx, client, { jobId, taskId, name, intervalMs });
  return 0;
}

interface FollowTarget {
  readonly jobId: string;
  readonly taskId: string;
  readonly name: string;
  readonly intervalMs: number;
}

/**
 * Reads the file from where the last read ended, with byte ranges, until the task is
 * completed and the file has nothing more. A file the task has not written yet reads as empty.
 */
async function follow(
  ctx: CommandContext,
  client: BatchClient,
  target: FollowTarget,
): Promise<void> {
  // Streaming decode: a multi-byte character may straddle two reads.
  const decoder = new TextDecoder();
  let offset = 0;
  let completed = false;
  for (;;) {
    const chunk = await readFrom(client, target, offset);
    if (chunk.length) {
      offset += chunk.length;
      ctx.io.write(decoder.decode(chunk, { stream: true }));
      continue;
    }
    if (completed) break;
    const task = await client.getTask(target.jobId, target.taskId);
    // One more read after completion: the last bytes may land as the task ends.
    if (task.state === "completed") completed = true;
    else await ctx.io.sleep(target.intervalMs);
  }
  const rest = decoder.decode();
  if (rest) ctx.io.write(rest);
}

async function readFrom(
  client: BatchClient,
  target: FollowTarget,
  offset: number,
): Promise<Uint8Array> {
  try {
    const { content } = await client.readTaskFile(target.jobId, target.taskId, target.name, {
      start: offset,
    });
    return content;
  } catch (error) {
    // Not written yet (the task is still queued); a missing task surfaces from getTask.
    if (error instanceof ApiError && error.status === 404) return new Uint8Array(0);
    throw error;
  }
}
