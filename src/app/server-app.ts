import { join } from "node:path";
import {
  createBatchService,
  type BatchService,
  type BatchServiceSettings,
} from "../batch/index.js";
import {
  SluiceError,
  silentLogger,
  systemClock,
  systemRandom,
  type Clock,
  type Logger,
} from "../core/index.js";
import { createFactoryService, type PipelineEngine } from "../factory/index.js";
import { batchRoutes, createHttpServer, factoryRoutes, webUiRoutes } from "../server/index.js";
import { createSharedAccessSigner, openLocalStorage } from "../storage/index.js";
import { openDatabase, type Database, type DatabaseConfig } from "../store/index.js";
import { loadOrCreateStorageKey, loadOrCreateToken } from "./data-dir.js";
import { createFactoryRuntime } from "./factory-runtime.js";
import { guardStartedTriggers, type MissedFirePolicy } from "../scheduler/index.js";
import { triggerChecks } from "./trigger-checks.js";
import { startLocalPoolSupervisor, type SupervisedPool } from "./local-pool-supervisor.js";
import { routeRecorder, type RegisteredRoute } from "./route-recorder.js";

/** What `sluice server` needs. */
export interface ServerConfig {
  readonly dataDir: string;
  /** Default 127.0.0.1: nothing is reachable from other machines unless asked. */
  readonly host?: string;
  /** Default 7070; 0 picks a free port. */
  readonly port?: number;
  /** `sqlite` (default: `<dataDir>/sluice.db`) or a `postgres://` URL. */
  readonly db?: string;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Spawn local agents for embedded pools (default true). Tests of the API alone turn it off. */
  readonly localPools?: boolean;
  /**
   * Schedule fires missed while no server ran: `skip` (default, as ADF) or `catchUp` (each
   * runs, oldest first). See docs/triggers.md.
   */
  readonly missedFires?: MissedFirePolicy;
  /** Folder of the built web UI; default the package's web/dist. */
  readonly webRoot?: string;
  /** Batch service tunables (leases, autoscale sample period and shortest interval...). */
  readonly batchSettings?: BatchServiceSettings;
}

/** A running server. */
export interface RunningServer {
  readonly url: string;
  readonly token: string;
  /** The Batch service behind the API, for in-process callers (the local pool supervisor). */
  readonly batch: BatchService;
  /** The pipeline engine driving this server's runs. */
  readonly engine: PipelineEngine;
  /** Process ids of the local agents the server runs, by pool (empty without local pools). */
  localAgents(): ReadonlyMap<string, readonly number[]>;
  /** Every route the HTTP server serves but `GET /health` (docs/openapi.json describes them). */
  routes(): readonly RegisteredRoute[];
  close(): Promise<void>;
}

/** Reads `--db`: `sqlite` or a PostgreSQL URL. */
export function databaseConfig(db: string | undefined, dataDir: string): DatabaseConfig {
  if (db === undefined || db === "sqlite")
    return { kind: "sqlite", path: join(dataDir, "sluice.db") };
  if (/^postgres(ql)?:\/\//.test(db)) return { kind: "postgres", url: db };
  throw new SluiceError(
    "InvalidArgument",
    `--db must be 'sqlite' or a postgres:// URL, but it is '${db}'.`,
    {
      details: { field: "db", value: db },
    },
  );
}

/** The Batch service over the store, with task files and embedded storage in the data directory. */
function batchService(database: Database, config: ServerConfig, logger: Logger): BatchService {
  return createBatchService({
    database,
    clock: config.clock ?? systemClock,
    random: systemRandom,
    logger,
    taskFiles: openLocalStorage(join(config.dataDir, "task-files")),
    localContainer: (name) => openLocalStorage(join(config.dataDir, "storage", name)),
    ...(config.batchSettings === undefined ? {} : { settings: config.batchSettings }),
  });
}

/** Every pool, as the local pool supervisor needs it. */
async function supervisedPools(batch: BatchService): Promise<SupervisedPool[]> {
  const pools: SupervisedPool[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await batch.pools.list(continuationToken ? { continuationToken } : {});
    for (const pool of page.value) {
      pools.push({
        poolId: pool.id ?? "",
        targetDedicatedNodes: pool.targetDedicatedNodes ?? 0,
        external: pool.sluiceExternalNodes === true,
        deleting: pool.state === "deleting",
      });
    }
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return pools;
}

/** The composition root of the server: store, services, HTTP, local agents. Migrations run at open. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const logger = config.logger ?? silentLogger;
  const database = await openDatabase(databaseConfig(config.db, config.dataDir));
  const token = await loadOrCreateToken(config.dataDir);
  const batch = batchService(database, config, logger);
  // A deploy or PUT that would change a started trigger is refused, as ADF does.
  const factories = guardStartedTriggers(
    createFactoryService({
      database,
      clock: config.clock ?? systemClock,
      random: systemRandom,
      extraChecks: triggerChecks,
    }),
    database,
  );
  const clock = config.clock ?? systemClock;
  const signer = createSharedAccessSigner(await loadOrCreateStorageKey(config.dataDir));
  let url = "";
  const runtime = createFactoryRuntime({
    database,
    dataDir: config.dataDir,
    clock: config.clock ?? systemClock,
    random: systemRandom,
    logger,
    serverUrl: () => url,
    batch,
    factories,
    ...(config.missedFires === undefined ? {} : { missedFires: config.missedFires }),
    // Tasks of Custom activities reach the embedded storage with this, not the token.
    localSasUri: () =>
      `${url}/sluice/storage?${signer.sign({ permissions: ["r", "w", "d", "l"], expiresOn: clock.now() + 7 * 86_400_000 })}`,
  });
  const routes: RegisteredRoute[] = [];
  const http = createHttpServer({
    token,
    logger,
    sharedAccess: (query, access) => signer.allows(query, access, clock.now()),
    routes: [
      routeRecorder(routes),
      ...batchRoutes(batch),
      factoryRoutes(factories, { logger, view: runtime.resourceView }),
      ...runtime.routes,
      webUiRoutes(config.webRoot === undefined ? {} : { root: config.webRoot }),
    ],
  });
  try {
    await http.listen({ host: config.host ?? "127.0.0.1", port: config.port ?? 7070 });
  } catch (error) {
    await database.close();
    throw error;
  }
  batch.start();
  const address = http.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host ?? "127.0.0.1";
  url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  runtime.engine.start();
  runtime.scheduler.start();
  const supervisor =
    config.localPools === false
      ? undefined
      : startLocalPoolSupervisor({
          listPools: () => supervisedPools(batch),
          serverUrl: url,
          token,
          dataDir: config.dataDir,
          clock: config.clock ?? systemClock,
          logger,
        });
  return {
    url,
    token,
    batch,
    engine: runtime.engine,
    localAgents: () => supervisor?.agents() ?? new Map(),
    routes: () => routes,
    // Agents first (they finish or hand back their tasks), then the service, which ends
    // waiting claims that would otherwise hold the HTTP server open until their polls run out.
    close: async () => {
      // The scheduler stops firing first; its windows' leases run out for the next start.
      await runtime.scheduler.stop();
      // The engine lets go of its runs first: they resume from the store at the next start.
      await runtime.engine.stop();
      await supervisor?.stop();
      await batch.stop();
      http.server.closeAllConnections();
      await http.close();
      await database.close();
    },
  };
}
