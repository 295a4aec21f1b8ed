import { rate, readyPool, tasksOf } from "./bench-kit.js";
import { mebibytes, perSecond, type Figure } from "./figure.js";
import { startBenchServer } from "./server-process.js";

/**
 * The server process's peak resident memory after it holds `count` tasks in one job: they are
 * added (100 per call), listed with paging, and counted. The reference is the same server's
 * peak right after it started. Target: under 300 MB.
 */
export async function memoryFigure(count = 100_000): Promise<Figure> {
  const server = await startBenchServer();
  try {
    const { client } = server;
    const idle = await server.memory();
    await readyPool(client, "memory", 0, 1);
    await client.addJob({ id: "big", poolInfo: { poolId: "memory" } });
    let start = performance.now();
    await client.addTasks("big", tasksOf(count, "/bin/true"));
    const addMs = performance.now() - start;
    start = performance.now();
    const listed = await client.listAllTasks("big");
    const listMs = performance.now() - start;
    if (listed.length !== count) throw new Error(`listed ${listed.length} of ${count} tasks`);
    const { taskCounts } = await client.getTaskCounts("big");
    if (taskCounts.active !== count) throw new Error(`counted ${taskCounts.active} active tasks`);
    const { peakBytes } = await server.memory();
    return {
      name: `server peak RSS, ${count.toLocaleString("en-US")} tasks in one job`,
      value: mebibytes(peakBytes),
      reference: `idle server: ${mebibytes(idle.peakBytes)}`,
      target: "< 300 MB",
      pass: peakBytes < 300 * 2 ** 20,
      notes: [
        `memory: added at ${perSecond(rate(count, addMs))}, listed in ${(listMs / 1000).toFixed(1)} s`,
      ],
    };
  } finally {
    await server.close();
  }
}
