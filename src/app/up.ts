import { availableParallelism } from "node:os";
import { cp, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { SluiceError, isSluiceError, type Logger } from "../core/index.js";
import { loadFactory, type FactoryDefinition } from "../factory/index.js";
import type { MissedFirePolicy } from "../scheduler/index.js";
import { canonicalJson } from "../store/index.js";
import { lockDataDir } from "./data-dir-lock.js";
import { tokenPath } from "./data-dir.js";
import { startServer, type RunningServer } from "./server-app.js";

/** What `sluice up` starts. */
export interface UpOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly host?: string;
  /** Nodes of each pool the factory's AzureBatch linked services name; default the cores. */
  readonly nodes?: number;
  /** A factory folder (ADF git layout) or ARM template to validate, deploy and start. */
  readonly factoryPath?: string;
  /** Schedule fires missed while Sluice was down: `skip` (default, as ADF) or `catchUp`. */
  readonly missedFires?: MissedFirePolicy;
  /** Pipelines to run once, one after another, as soon as everything is up. */
  readonly runs?: readonly string[];
  readonly logger?: Logger;
}

/** A running `sluice up`. */
export interface Up {
  readonly server: RunningServer;
  /** The deployed factory's name, if one was given. */
  readonly factory?: string;
  /** Resolves when the `runs` asked for have ended (each with its status). */
  readonly runsDone: Promise<readonly { pipeline: string; runId: string; status: string }[]>;
  close(): Promise<void>;
}

/**
 * The server, its scheduler and local pools on the data directory, and a factory deployed
 * and started: what a new user needs in one command. Refuses a data directory another Sluice
 * uses. `say` gets the lines to print.
 */
export async function startUp(options: UpOptions, say: (line: string) => void): Promise<Up> {
  const definition = options.factoryPath ? await loadFactory(options.factoryPath) : undefined;
  const lock = await lockDataDir(options.dataDir);
  let server: RunningServer;
  try {
    server = await startServer({
      dataDir: options.dataDir,
      port: options.port,
      ...(options.host ? { host: options.host } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.missedFires ? { missedFires: options.missedFires } : {}),
    });
  } catch (error) {
    await lock.release();
    throw error;
  }
  // Aborted on close: the runs asked for are no longer followed (they resume at the next
  // start), so nothing reads the store once it is closed.
  const following = new AbortController();
  let runsDone: Up["runsDone"] = Promise.resolve([]);
  const close = async (): Promise<void> => {
    following.abort();
    await runsDone.catch(() => undefined);
    await server.close();
    await lock.release();
  };
  try {
    say(`Sluice is up at ${server.url}  (web UI: ${server.url}/ui/)`);
    say(`Token: ${tokenPath(options.dataDir)}  (data: ${options.dataDir})`);
    const factory = definition ? await setUpFactory(server, definition, options, say) : undefined;
    if (factory) runsDone = runInOrder(server, factory, options.runs ?? [], say, following.signal);
    // A run that cannot start is reported, not left to crash the process (and its agents).
    runsDone.catch((error: unknown) =>
      say(`error: ${isSluiceError(error) ? error.message : String(error)}`),
    );
    return { server, ...(factory ? { factory } : {}), runsDone, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function setUpFactory(
  server: RunningServer,
  definition: FactoryDefinition,
  options: UpOptions,
  say: (line: string) => void,
): Promise<string> {
  const path = resolve(options.factoryPath ?? ".");
  const name = definition.factory?.name ?? basename(path);
  await seedStorage(path, options.dataDir, say);
  await stopChangedTriggers(server, name, definition, say);
  await call(server, "POST", `/factories/${encodeURIComponent(name)}/sluice/deploy`, definition);
  say(
    `Deployed factory '${name}': ${definition.pipelines.length} pipelines, ${definition.datasets.length} datasets, ${definition.linkedServices.length} linked services, ${definition.triggers.length} triggers`,
  );
  const nodes = options.nodes ?? availableParallelism();
  for (const pool of poolNames(definition)) {
    const created = await ensurePool(server, pool, nodes);
    say(
      created ? `Pool '${pool}': ${nodes} local nodes starting` : `Pool '${pool}': already there`,
    );
  }
  for (const trigger of definition.triggers) {
    const started = await call(
      server,
      "POST",
      `/factories/${encodeURIComponent(name)}/triggers/${encodeURIComponent(trigger.name)}/start`,
    ).then(
      () => "started",
      (error: unknown) => `not started: ${isSluiceError(error) ? error.message : String(error)}`,
    );
    say(`Trigger '${trigger.name}': ${started}`);
  }
  return name;
}

/**
 * Stops the started triggers whose definition changed in the folder, so the deploy may
 * apply the change (a started trigger cannot be changed, as in ADF) and the start loop
 * restarts them. Unchanged ones keep running, with their schedule position: stopping them
 * would lose fires missed while Sluice was down that catch-up would still run.
 */
async function stopChangedTriggers(
  server: RunningServer,
  factory: string,
  definition: FactoryDefinition,
  say: (line: string) => void,
): Promise<void> {
  const base = `/factories/${encodeURIComponent(factory)}/triggers`;
  for (const trigger of definition.triggers) {
    const path = `${base}/${encodeURIComponent(trigger.name)}`;
    const stored = (await call(server, "GET", path).catch(() => undefined)) as
      { properties?: Record<string, unknown> } | undefined;
    if (stored?.properties?.runtimeState !== "Started") continue;
    if (sameTrigger(stored.properties, trigger.properties)) continue;
    await call(server, "POST", `${path}/stop`);
    say(`Trigger '${trigger.name}': changed in the folder; stopped to apply the change`);
  }
}

function sameTrigger(stored: Record<string, unknown>, given: unknown): boolean {
  const comparable = (value: unknown): string => {
    const rest: Record<string, unknown> = { ...((value ?? {}) as Record<string, unknown>) };
    delete rest.runtimeState;
    return canonicalJson(rest as Parameters<typeof canonicalJson>[0], "trigger properties");
  };
  return comparable(stored) === comparable(given);
}

// A factory folder's `storage/<container>/...` (a Sluice convention, ignored by ADF) is copied
// into the embedded storage: the scripts and files its Custom activities use.
async function seedStorage(factoryPath: string, dataDir: string, say: (line: string) => void) {
  const source = join(factoryPath, "storage");
  const isFolder = await stat(source).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder) return;
  await cp(source, join(dataDir, "storage"), { recursive: true, force: true });
  say(`Copied ${source} into the embedded storage`);
}

function poolNames(definition: FactoryDefinition): string[] {
  const names = new Set<string>();
  for (const service of definition.linkedServices) {
    const properties = service.properties as {
      type?: unknown;
      typeProperties?: { poolName?: unknown };
    };
    const pool = properties.typeProperties?.poolName;
    if (String(properties.type).toLowerCase() === "azurebatch" && typeof pool === "string")
      names.add(pool);
  }
  return [...names];
}

async function ensurePool(server: RunningServer, pool: string, nodes: number): Promise<boolean> {
  try {
    await server.batch.pools.get(pool);
    return false;
  } catch (error) {
    if (
      !isSluiceError(error) ||
      (error.details as { batchCode?: unknown } | undefined)?.batchCode !== "PoolNotFound"
    ) {
      throw error;
    }
  }
  await server.batch.pools.add({ id: pool, vmSize: "local", targetDedicatedNodes: nodes });
  return true;
}

async function runInOrder(
  server: RunningServer,
  factory: string,
  pipelines: readonly string[],
  say: (line: string) => void,
  signal: AbortSignal,
): Promise<{ pipeline: string; runId: string; status: string }[]> {
  const results: { pipeline: string; runId: string; status: string }[] = [];
  for (const pipeline of pipelines) {
    if (signal.aborted) break;
    const { runId } = await server.engine.createRun(factory, pipeline, {});
    say(
      `Run ${runId} of '${pipeline}' started; follow it with: sluice runs show ${runId} --factory ${factory}`,
    );
    const ended = await server.engine.waitForEnd(runId, signal);
    if (signal.aborted) break;
    say(
      `Run ${runId} of '${pipeline}': ${ended.status}${ended.message ? ` (${ended.message})` : ""}`,
    );
    results.push({ pipeline, runId, status: ended.status });
    if (ended.status !== "Succeeded") break;
  }
  return results;
}

async function call(
  server: RunningServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new SluiceError(
      "InvalidArgument",
      error?.message ?? `${method} ${path}: HTTP ${response.status}`,
      {
        details: { status: response.status, code: error?.code },
      },
    );
  }
  return parsed;
}
