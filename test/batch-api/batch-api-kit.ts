// A Batch API under test: the real HTTP server with the Batch routes over a real store
// (SQLite or PostgreSQL) and real local folders, a manual clock for leases and heartbeats.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import {
  createBatchService,
  type BatchService,
  type BatchServiceSettings,
} from "../../src/batch/index.js";
import { ManualClock, seededRandom, silentLogger } from "../../src/core/index.js";
import { batchRoutes, createHttpServer } from "../../src/server/index.js";
import { openLocalStorage } from "../../src/storage/index.js";
import type { Database } from "../../src/store/index.js";

export const token = "test-token";
export const start = Date.UTC(2026, 0, 1);

/** A running Batch API. */
export interface BatchApi {
  readonly app: FastifyInstance;
  readonly service: BatchService;
  readonly clock: ManualClock;
  readonly database: Database;
  /** Sends a request in-process with the token; `body` objects go as JSON, strings as given. */
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Empties the Batch tables of `database`. */
export async function emptyTables(database: Database): Promise<void> {
  await database.db.deleteFrom("job_schedules").execute();
  await database.db.deleteFrom("jobs").execute();
  await database.db.deleteFrom("pools").execute();
}

/** Starts the API over `database` (emptied first). */
export async function startBatchApi(
  database: Database,
  settings: BatchServiceSettings = {},
): Promise<BatchApi> {
  await emptyTables(database);
  const folder = await mkdtemp(join(tmpdir(), "sluice-batch-api-"));
  const clock = new ManualClock(start);
  const service = createBatchService({
    database,
    clock,
    random: seededRandom(11),
    logger: silentLogger,
    taskFiles: openLocalStorage(join(folder, "task-files")),
    localContainer: (name) => openLocalStorage(join(folder, "storage", name)),
    settings: { leaseMs: 30_000, heartbeatIntervalMs: 1_000, claimRecheckMs: 200, ...settings },
  });
  const app = createHttpServer({ token, routes: batchRoutes(service) });
  await app.ready();
  return {
    app,
    service,
    clock,
    database,
    call: (method, path, body, headers = {}) =>
      app.inject({
        method: method as "GET",
        url: path,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined
            ? {}
            : {
                "content-type": typeof body === "string" ? "application/json" : "application/json",
              }),
          ...headers,
        },
        ...(body === undefined
          ? {}
          : { payload: typeof body === "string" ? body : JSON.stringify(body) }),
      }),
    close: async () => {
      await service.stop();
      await app.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** The JSON body of a response. */
export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return JSON.parse(response.body) as T;
}

/** A pool of external nodes with `slots` per node. */
export async function addPool(api: BatchApi, id = "pool", extra: Record<string, unknown> = {}) {
  const response = await api.call("POST", "/pools?api-version=2022-10-01.16.0", {
    id,
    vmSize: "standard_d2s_v3",
    sluiceExternalNodes: true,
    targetDedicatedNodes: 1,
    ...extra,
  });
  if (response.statusCode !== 201) throw new Error(`pool add: ${response.body}`);
}

export async function addJob(api: BatchApi, id = "job", extra: Record<string, unknown> = {}) {
  const response = await api.call("POST", "/jobs", { id, poolInfo: { poolId: "pool" }, ...extra });
  if (response.statusCode !== 201) throw new Error(`job add: ${response.body}`);
}

export async function addTasks(api: BatchApi, jobId: string, tasks: readonly object[]) {
  for (let index = 0; index < tasks.length; index += 100) {
    const response = await api.call("POST", `/jobs/${jobId}/addtaskcollection`, {
      value: tasks.slice(index, index + 100),
    });
    const results = json<{ value: { status: string }[] }>(response).value;
    if (results.some((result) => result.status !== "success")) throw new Error(response.body);
  }
}
