import { spawn } from "node:child_process";
import type { BatchClient } from "../../src/client/index.js";
import { median, poll, readyPool } from "./bench-kit.js";
import { millis, type Figure } from "./figure.js";
import { startBenchServer } from "./server-process.js";

/** Prints the time it started, in nanoseconds since the epoch. */
const clockCommand = "/bin/date +%s%N";

/** Wall-clock time in ms with sub-millisecond precision, comparable with `date +%s%N`. */
const nowMs = (): number => performance.timeOrigin + performance.now();

/**
 * The median time from the client sending a task's add to its process starting, on an idle
 * node (1 node x 1 slot), `samples` tasks one at a time. The task runs `date +%s%N`, so its
 * stdout holds its start time. The reference is the same command spawned directly by Node:
 * the floor any agent pays to start a process. Target: 20 ms or less.
 */
export async function startLatencyFigure(samples = 50): Promise<Figure> {
  const server = await startBenchServer();
  const latencies: number[] = [];
  try {
    const { client } = server;
    await readyPool(client, "latency", 1, 1);
    await client.addJob({ id: "latency", poolInfo: { poolId: "latency" } });
    for (let i = 0; i < samples + 3; i++) {
      const latency = await oneSample(client, String(i));
      // The first few warm up the server's and agent's code paths.
      if (i >= 3) latencies.push(latency);
    }
  } finally {
    await server.close();
  }
  const floor: number[] = [];
  for (let i = 0; i < samples; i++) floor.push(await directSpawn());
  const value = median(latencies);
  return {
    name: `add -> process start, idle node (median of ${samples})`,
    value: millis(value),
    reference: `direct spawn: ${millis(median(floor))}`,
    target: "<= 20 ms",
    pass: value <= 20,
    notes: [
      `start latency: min ${millis(Math.min(...latencies))}, max ${millis(Math.max(...latencies))}`,
    ],
  };
}

async function oneSample(client: BatchClient, taskId: string): Promise<number> {
  const added = nowMs();
  await client.addTask("latency", { id: taskId, commandLine: clockCommand });
  await poll(
    async () =>
      (await client.getTask("latency", taskId)).state === "completed" ? true : undefined,
    `task ${taskId} to complete`,
    { everyMs: 5, timeoutMs: 30_000 },
  );
  const file = await client.readTaskFile("latency", taskId, "stdout.txt");
  const started = startedAtMs(new TextDecoder().decode(file.content));
  // Let the agent go back to waiting for work, so the next task meets an idle node.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return started - added;
}

/** `date +%s%N` output as ms since the epoch. */
function startedAtMs(stdout: string): number {
  const ns = BigInt(stdout.trim());
  return Number(ns / 1000n) / 1000;
}

async function directSpawn(): Promise<number> {
  const spawned = nowMs();
  const child = spawn("/bin/date", ["+%s%N"], { stdio: ["ignore", "pipe", "ignore"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  await new Promise((resolve) => child.once("close", resolve));
  return startedAtMs(out) - spawned;
}
