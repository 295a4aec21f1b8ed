import { spawn } from "node:child_process";
import { allCompleted, rate, readyPool, tasksOf } from "./bench-kit.js";
import { perSecond, type Figure } from "./figure.js";
import { startBenchServer } from "./server-process.js";

/** Nodes and slots per node of the throughput pool. */
export interface Parallelism {
  readonly nodes: number;
  readonly slots: number;
}

/**
 * `count` tasks of `/bin/true` on a local pool, from the first `addtaskcollection` call until
 * the job's task counts show them all completed, beside `seq | xargs -P` running the same
 * commands with the same total parallelism. Target: Sluice at least half of xargs's rate.
 */
export async function throughputFigure(parallel: Parallelism, count = 10_000): Promise<Figure> {
  const sluiceMs = await timeSluice(parallel, count);
  const xargsMs = await timeXargs(count, parallel.nodes * parallel.slots);
  const sluice = rate(count, sluiceMs);
  const xargs = rate(count, xargsMs);
  const ratio = sluice / xargs;
  return {
    name: `${count.toLocaleString("en-US")} x /bin/true, ${parallel.nodes} nodes x ${parallel.slots} slots`,
    value: perSecond(sluice),
    reference: `xargs -P ${parallel.nodes * parallel.slots}: ${perSecond(xargs)}`,
    target: ">= 0.5 x xargs",
    pass: ratio >= 0.5,
    notes: [
      `throughput: sluice ${(sluiceMs / 1000).toFixed(2)} s, xargs ${(xargsMs / 1000).toFixed(2)} s, ratio ${ratio.toFixed(2)}`,
    ],
  };
}

async function timeSluice({ nodes, slots }: Parallelism, count: number): Promise<number> {
  const server = await startBenchServer();
  try {
    const { client } = server;
    await readyPool(client, "throughput", nodes, slots);
    await client.addJob({ id: "true", poolInfo: { poolId: "throughput" } });
    const tasks = tasksOf(count, "/bin/true");
    const start = performance.now();
    await client.addTasks("true", tasks);
    await allCompleted(client, "true", count);
    return performance.now() - start;
  } finally {
    await server.close();
  }
}

/** `seq count | xargs -P parallel -n 1 /bin/true`, in ms. */
async function timeXargs(count: number, parallel: number): Promise<number> {
  const start = performance.now();
  const child = spawn("/bin/sh", ["-c", `seq ${count} | xargs -P ${parallel} -n 1 /bin/true`], {
    stdio: "inherit",
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`xargs exited with ${String(code)}`);
  return performance.now() - start;
}
