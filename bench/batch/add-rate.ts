import { createServer } from "node:http";
import { chunkTasks, type TaskAddParameter } from "../../src/client/index.js";
import { rate, readyPool, tasksOf } from "./bench-kit.js";
import { perSecond, type Figure } from "./figure.js";
import { startBenchServer } from "./server-process.js";

const commandLine = "/bin/true";

/**
 * Tasks added per second through `addtaskcollection`, 100 per call, one call after another
 * (as `BatchClient.addTasks` sends them), into a job on a pool with no nodes, so only adding
 * is measured. The reference is the same calls to a bare Node HTTP server that parses each
 * body and answers a result per task: the HTTP + JSON floor. Target: 5,000 tasks/s.
 */
export async function addRateFigure(count = 20_000): Promise<Figure> {
  const tasks = tasksOf(count, commandLine);
  const server = await startBenchServer();
  let sluiceMs: number;
  try {
    const { client } = server;
    await readyPool(client, "empty", 0, 1);
    await client.addJob({ id: "adds", poolInfo: { poolId: "empty" } });
    // Warm-up: the first calls pay for JIT and the database's first pages.
    await client.addTasks("adds", tasksOf(500, commandLine).map(warmId));
    const start = performance.now();
    const results = await client.addTasks("adds", tasks);
    sluiceMs = performance.now() - start;
    const failed = results.filter((result) => result.status !== "success");
    if (failed.length > 0) throw new Error(`adds failed: ${JSON.stringify(failed[0])}`);
  } finally {
    await server.close();
  }
  const floor = rate(count, await timeBareHttp(tasks));
  const sluice = rate(count, sluiceMs);
  return {
    name: `addtaskcollection (100 per call, ${count.toLocaleString("en-US")} tasks)`,
    value: perSecond(sluice),
    reference: `bare HTTP+JSON: ${perSecond(floor)}`,
    target: ">= 5,000 tasks/s",
    pass: sluice >= 5000,
  };
}

const warmId = (task: TaskAddParameter): TaskAddParameter => ({ ...task, id: `warm-${task.id}` });

/** The same bodies POSTed one after another to a server that only parses and answers them. */
async function timeBareHttp(tasks: readonly TaskAddParameter[]): Promise<number> {
  const http = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        value: { id: string }[];
      };
      const value = body.value.map((task) => ({ status: "success", taskId: task.id }));
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ value }));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const address = http.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  try {
    const start = performance.now();
    for (const chunk of chunkTasks(tasks)) {
      const response = await fetch(`${url}/jobs/adds/addtaskcollection`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ value: chunk }),
      });
      await response.json();
    }
    return performance.now() - start;
  } finally {
    await new Promise((resolve) => http.close(resolve));
  }
}
