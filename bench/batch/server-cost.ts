// The Batch service's own CPU per task on the agents' hot path (not part of `npm run bench`):
// one node claims and completes N tasks in-process through the real HTTP routes (Fastify's
// inject, no sockets) over SQLite, `batch` completions per call, each call also claiming the
// slots it frees, as agents do. Prints CPU ms per task: steadier than rates on a shared
// machine, and free of agents and process spawning. `npx tsx bench/batch/server-cost.ts 5000 1`.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClaimResponse, CompleteManyResponse } from "../../src/api/index.js";
import { createBatchService } from "../../src/batch/index.js";
import { systemClock, systemRandom, silentLogger } from "../../src/core/index.js";
import { batchRoutes, createHttpServer } from "../../src/server/index.js";
import { openLocalStorage } from "../../src/storage/index.js";
import { openDatabase } from "../../src/store/index.js";

const count = Number(process.argv[2] ?? 5000);
const batch = Number(process.argv[3] ?? 1);
const folder = await mkdtemp(join(tmpdir(), "sluice-server-cost-"));
const database = await openDatabase({ kind: "sqlite", path: join(folder, "sluice.db") });
const service = createBatchService({
  database,
  clock: systemClock,
  random: systemRandom,
  logger: silentLogger,
  taskFiles: openLocalStorage(join(folder, "task-files")),
  localContainer: (name) => openLocalStorage(join(folder, "storage", name)),
});
const app = createHttpServer({ token: "t", routes: batchRoutes(service) });
await app.ready();
async function call<T>(url: string, body: unknown): Promise<T> {
  const response = await app.inject({
    method: "POST",
    url,
    headers: { authorization: "Bearer t", "content-type": "application/json" },
    payload: JSON.stringify(body),
  });
  if (response.statusCode >= 300)
    throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return (response.body === "" ? undefined : JSON.parse(response.body)) as T;
}
try {
  const slots = batch;
  await call("/pools", { id: "p", vmSize: "x", targetDedicatedNodes: 0, taskSlotsPerNode: slots });
  const { nodeId } = await call<{ nodeId: string }>("/sluice/agent/pools/p/nodes", {
    hostname: "h",
    agentVersion: "0",
    slots,
  });
  await call("/jobs", { id: "j", poolInfo: { poolId: "p" } });
  for (let i = 0; i < count; i += 100) {
    const value = Array.from({ length: Math.min(100, count - i) }, (_, k) => ({
      id: String(i + k),
      commandLine: "/bin/true",
    }));
    await call("/jobs/j/addtaskcollection", { value });
  }
  const ok = {
    result: "success",
    exitCode: 0,
    startTime: "2026-01-01T00:00:00Z",
    endTime: "2026-01-01T00:00:00Z",
  };
  let held = (
    await call<ClaimResponse>(`/sluice/agent/nodes/${nodeId}/claim`, {
      freeSlots: slots,
      waitMs: 0,
    })
  ).tasks;
  const cpu = process.cpuUsage();
  const start = performance.now();
  let done = 0;
  while (held.length > 0) {
    const answer = await call<CompleteManyResponse>(`/sluice/agent/nodes/${nodeId}/completions`, {
      completions: held.map((task) => ({ ...ok, claimToken: task.claimToken })),
      claimSlots: held.length,
    });
    done += held.length;
    held = answer.tasks;
  }
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - start;
  console.log(
    JSON.stringify({
      done,
      batch,
      wallMsPerTask: ms / done,
      cpuMsPerTask: (used.user + used.system) / 1000 / done,
    }),
  );
} finally {
  await service.stop();
  await app.close();
  await database.close();
  await rm(folder, { recursive: true, force: true });
}
