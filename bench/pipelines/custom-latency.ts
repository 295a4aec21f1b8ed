import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../../src/app/index.js";
import { BatchClient } from "../../src/client/index.js";
import { median, readyPool } from "../batch/bench-kit.js";
import { millis, type Figure } from "../batch/figure.js";

const factory = {
  factory: { name: "bench", properties: {} },
  linkedServices: [
    {
      name: "storage",
      properties: {
        type: "AzureBlobStorage",
        typeProperties: { connectionString: "UseLocalStorage=true" },
      },
    },
    {
      name: "batch",
      properties: {
        type: "AzureBatch",
        typeProperties: {
          accountName: "sluice",
          batchUri: "http://127.0.0.1",
          poolName: "warm",
          linkedServiceName: { referenceName: "storage", type: "LinkedServiceReference" },
        },
      },
    },
  ],
  pipelines: [
    {
      name: "one",
      properties: {
        activities: [
          {
            name: "Run",
            type: "Custom",
            linkedServiceName: { referenceName: "batch", type: "LinkedServiceReference" },
            typeProperties: { command: "/bin/true" },
          },
        ],
      },
    },
  ],
  datasets: [],
  triggers: [],
  others: [],
};

/**
 * The median time from a Custom activity's start (its activity run's `activityRunStart`) to
 * its command's process starting (the Batch task's `executionInfo.startTime`) on a warm pool
 * of one idle node, `samples` runs one after another, each a new pipeline run. The reference
 * is the Batch figure underneath it: a task added straight to the pool, add to start. Target:
 * 50 ms or less (ADF with Azure Batch takes seconds).
 */
export async function customLatencyFigure(samples = 30): Promise<Figure> {
  const dataDir = await mkdtemp(join(tmpdir(), "sluice-bench-custom-"));
  const server = await startServer({ dataDir, port: 0 });
  const latencies: number[] = [];
  const direct: number[] = [];
  try {
    const client = new BatchClient({ url: server.url, token: server.token });
    const call = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then(async (response) => (await response.json()) as Record<string, unknown>);
    await readyPool(client, "warm", 1, 1);
    await call("/factories/bench/sluice/deploy", factory);
    for (let i = 0; i < samples + 3; i++) {
      const { runId } = (await call("/factories/bench/pipelines/one/createRun", {})) as {
        runId: string;
      };
      await server.engine.waitForEnd(runId, AbortSignal.timeout(60_000));
      const activities = (
        await call(`/factories/bench/pipelineruns/${runId}/queryActivityruns`, {})
      ).value as { activityRunId: string; activityRunStart: string }[];
      const activity = activities[0];
      if (!activity) throw new Error("the Custom activity did not run");
      const task = await client.getTask("adfv2-warm", activity.activityRunId);
      const started = Date.parse(task.executionInfo?.startTime ?? "");
      if (i >= 3) latencies.push(started - Date.parse(activity.activityRunStart));
      // The same pool, a task added directly: Batch's own add-to-start.
      await client.addJob({ id: `direct-${i}`, poolInfo: { poolId: "warm" } }).catch(() => {});
      const added = Date.now();
      await client.addTask(`direct-${i}`, { id: "t", commandLine: "/bin/true" });
      for (;;) {
        const direct_ = await client.getTask(`direct-${i}`, "t");
        if (direct_.state === "completed") {
          if (i >= 3) direct.push(Date.parse(direct_.executionInfo?.startTime ?? "") - added);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  const value = median(latencies);
  return {
    name: `Custom activity start -> command start, warm pool (median of ${samples})`,
    value: millis(value),
    reference: `task add -> start: ${millis(median(direct))}`,
    target: "<= 50 ms",
    pass: value <= 50,
    notes: [
      `Custom start latency: min ${millis(Math.min(...latencies))}, max ${millis(Math.max(...latencies))}`,
    ],
  };
}
