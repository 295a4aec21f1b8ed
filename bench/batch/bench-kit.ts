import type { BatchClient, TaskAddParameter } from "../../src/client/index.js";

/** Polls `check` every `everyMs` until it returns a value; fails after `timeoutMs`. */
export async function poll<T>(
  check: () => Promise<T | undefined>,
  what: string,
  { everyMs = 20, timeoutMs = 300_000 } = {},
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`bench timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Creates a local pool and waits until `nodes` of its nodes are idle. */
export async function readyPool(
  client: BatchClient,
  id: string,
  nodes: number,
  slots: number,
): Promise<void> {
  await client.addPool({
    id,
    vmSize: "local",
    targetDedicatedNodes: nodes,
    taskSlotsPerNode: slots,
  });
  if (nodes === 0) return;
  await poll(
    async () => {
      const listed = await client.listAllNodes(id);
      return listed.filter((node) => node.state === "idle").length >= nodes ? true : undefined;
    },
    `${nodes} idle nodes in pool ${id}`,
    { everyMs: 100, timeoutMs: 120_000 },
  );
}

/**
 * Waits until `count` tasks of the job have completed, asking every 100 ms: often enough to
 * add little to a run of seconds, rarely enough that counting (a scan of the job's tasks)
 * takes little of the server's time.
 */
export async function allCompleted(
  client: BatchClient,
  jobId: string,
  count: number,
): Promise<void> {
  await poll(
    async () => {
      const { taskCounts } = await client.getTaskCounts(jobId);
      return taskCounts.completed >= count ? true : undefined;
    },
    `${count} completed tasks in job ${jobId}`,
    { everyMs: 100 },
  );
}

/** `count` tasks with ids `0`, `1`, ... running `commandLine`. */
export function tasksOf(count: number, commandLine: string): TaskAddParameter[] {
  return Array.from({ length: count }, (_, i) => ({ id: String(i), commandLine }));
}

/** Rate in items per second. */
export function rate(items: number, ms: number): number {
  return (items * 1000) / ms;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}
