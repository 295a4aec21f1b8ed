import { rmSync } from "node:fs";
import { join } from "node:path";
import { backoffDelay, liveAgentAt, reapProcessGroups, writeServerUrl } from "../agent/index.js";
import {
  silentLogger,
  systemRandom,
  type Clock,
  type Logger,
  type RandomSource,
} from "../core/index.js";
import {
  cliAgentSpawner,
  terminateChild,
  watchAdopted,
  watchChild,
  type AgentChild,
  type SpawnAgent,
} from "./agent-process.js";
import { planPoolAgents, type PendingRestart } from "./pool-agent-plan.js";

/** A pool as the supervisor sees it. */
export interface SupervisedPool {
  readonly poolId: string;
  readonly targetDedicatedNodes: number;
  /** External pools get no local agents: their agents join from other machines. */
  readonly external: boolean;
  readonly deleting: boolean;
}

/** Options of {@link startLocalPoolSupervisor}. */
export interface LocalPoolSupervisorOptions {
  readonly listPools: () => Promise<readonly SupervisedPool[]>;
  readonly serverUrl: string;
  readonly token: string;
  /** Agents' roots are `<dataDir>/nodes/<pool>/<n>`. */
  readonly dataDir: string;
  /** Default: this same CLI's `sluice node` ({@link cliAgentSpawner}). */
  readonly spawnAgent?: SpawnAgent;
  readonly clock: Clock;
  /** Milliseconds between reconciliations; default 1,000. */
  readonly intervalMs?: number;
  /** SIGTERM to SIGKILL, in ms; default 15,000 (an agent gives its tasks 10 s). */
  readonly killGraceMs?: number;
  /** How long a deleted pool's agents may take to leave before they are stopped; default 30,000. */
  readonly deleteGraceMs?: number;
  /** Longest wait before restarting a crashed agent, in ms; default 30,000. */
  readonly maxRestartDelayMs?: number;
  readonly random?: RandomSource;
  /** Default: silent. */
  readonly logger?: Logger;
}

/** The running supervisor. */
export interface LocalPoolSupervisor {
  /** Process ids of the live agents, by pool. */
  agents(): ReadonlyMap<string, readonly number[]>;
  /** Runs one reconciliation now (also done every `intervalMs`). */
  reconcile(): Promise<void>;
  /** Stops reconciling and terminates every agent (SIGTERM, then SIGKILL); resolves when all exited. */
  stop(): Promise<void>;
}

interface PoolAgents {
  readonly children: Map<number, AgentChild>;
  readonly restarts: Map<number, PendingRestart & { failures: number }>;
  deletingSince?: number;
}

/** Where a data directory's server keeps its URL for its local agents. */
export function serverUrlFile(dataDir: string): string {
  return join(dataDir, "server-url");
}

/**
 * Keeps embedded pools' local agents running: every `intervalMs` it starts agents until each
 * non-external pool has `targetDedicatedNodes` live ones, restarts crashed ones with backoff
 * (at the same root, so they rejoin as their node), leaves surplus agents to the server (which
 * tells nodes to leave on a scale-down), and stops a deleted pool's agents if they have not
 * left within `deleteGraceMs`. Agents that outlived a killed server at their roots are adopted
 * until they exit (see `launch`).
 */
export function startLocalPoolSupervisor(options: LocalPoolSupervisorOptions): LocalPoolSupervisor {
  return new Supervisor(options).start();
}

class Supervisor implements LocalPoolSupervisor {
  private readonly pools = new Map<string, PoolAgents>();
  /** Agent roots launched since this supervisor started. */
  private readonly launchedRoots = new Set<string>();
  private readonly spawnAgent: SpawnAgent;
  private readonly logger: Logger;
  /** Ledger cleanups in progress (task processes of agents that exited). */
  private readonly reaps = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: LocalPoolSupervisorOptions) {
    this.logger = options.logger ?? silentLogger;
    this.spawnAgent = options.spawnAgent ?? cliAgentSpawner();
  }

  start(): this {
    // Agents that outlived a killed server follow it here if it came back on another port.
    writeServerUrl(serverUrlFile(this.options.dataDir), this.options.serverUrl).catch(
      (error: unknown) =>
        this.logger.warn("cannot write the server URL for local agents", { error: String(error) }),
    );
    const tick = (): void => {
      void this.reconcile().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs ?? 1000);
      });
    };
    tick();
    return this;
  }

  agents(): ReadonlyMap<string, readonly number[]> {
    const result = new Map<string, number[]>();
    for (const [poolId, pool] of this.pools) {
      const pids = [...pool.children.values()].filter((c) => c.alive).map((c) => c.pid ?? -1);
      if (pids.length > 0) result.set(poolId, pids);
    }
    return result;
  }

  reconcile(): Promise<void> {
    // One reconciliation at a time: a slow listPools never overlaps the next tick.
    this.running = this.running.then(() => (this.stopped ? undefined : this.reconcileNow()));
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    const grace = this.options.killGraceMs ?? 15_000;
    const all = [...this.pools.values()].flatMap((pool) => [...pool.children.values()]);
    await Promise.all(all.map((entry) => terminateChild(entry, grace)));
    await Promise.all([...this.reaps]);
  }

  private async reconcileNow(): Promise<void> {
    let listed: readonly SupervisedPool[];
    try {
      listed = await this.options.listPools();
    } catch (error) {
      this.logger.warn("cannot list pools; agents are left as they are", { error: String(error) });
      return;
    }
    const now = this.options.clock.now();
    const seen = new Set<string>();
    for (const pool of listed) {
      if (pool.external) continue;
      seen.add(pool.poolId);
      const agents = this.poolAgents(pool.poolId);
      if (pool.deleting) this.retire(pool.poolId, agents, now);
      else this.fill(pool, agents, now);
    }
    // A pool gone from the list was deleted: its agents get the same grace.
    for (const [poolId, agents] of this.pools) {
      if (!seen.has(poolId)) this.retire(poolId, agents, now);
    }
  }

  private poolAgents(poolId: string): PoolAgents {
    let agents = this.pools.get(poolId);
    if (agents === undefined) {
      agents = { children: new Map(), restarts: new Map() };
      this.pools.set(poolId, agents);
    }
    return agents;
  }

  private fill(pool: SupervisedPool, agents: PoolAgents, now: number): void {
    delete agents.deletingSince;
    const live = [...agents.children.values()].filter((c) => c.alive).map((c) => c.index);
    const plan = planPoolAgents(
      pool.targetDedicatedNodes,
      live,
      [...agents.restarts.values()],
      now,
    );
    for (const index of plan.dropRestarts) agents.restarts.delete(index);
    for (const index of plan.start) this.launch(pool.poolId, agents, index);
  }

  private retire(poolId: string, agents: PoolAgents, now: number): void {
    agents.restarts.clear();
    agents.deletingSince ??= now;
    if (now - agents.deletingSince < (this.options.deleteGraceMs ?? 30_000)) return;
    for (const entry of agents.children.values()) {
      void terminateChild(entry, this.options.killGraceMs ?? 15_000);
    }
    if (![...agents.children.values()].some((c) => c.alive)) this.pools.delete(poolId);
  }

  /** Starts an agent now (synchronously, so the next reconciliation sees it) and watches it. */
  private launch(poolId: string, agents: PoolAgents, index: number): void {
    const restart = agents.restarts.get(index);
    agents.restarts.delete(index);
    const root = join(this.options.dataDir, "nodes", poolId, String(index));
    const orphan = liveAgentAt(root);
    if (orphan !== undefined) return this.adopt(poolId, agents, index, orphan);
    // A crashed agent rejoins as itself, and so does the first agent at each root after the
    // server starts (a server killed mid-job gets its nodes back, and their unfinished tasks
    // are requeued at once instead of when their leases run out). An index used before that
    // left the pool starts as a new node, so it never revives a node that is leaving.
    if (restart === undefined && this.launchedRoots.has(root))
      rmSync(join(root, "node-id"), { force: true });
    this.launchedRoots.add(root);
    const { serverUrl, token, dataDir } = this.options;
    const urlFile = serverUrlFile(dataDir);
    const child = this.spawnAgent({
      poolId,
      index,
      root,
      serverUrl,
      token,
      serverUrlFile: urlFile,
    });
    const entry = watchChild(index, child, this.options.clock.now());
    agents.children.set(index, entry);
    this.logger.info("agent started", { poolId, index, pid: child.pid });
    void entry.exited.then(({ code, signal }) => {
      if (agents.children.get(index) === entry) agents.children.delete(index);
      this.logger.info("agent exited", { poolId, index, code, signal });
      const reaped = this.reap(poolId, root);
      if (code === 0 || this.stopped || agents.deletingSince !== undefined) return;
      this.scheduleRestart(agents, entry, restart?.failures ?? 0, reaped);
    });
  }

  /**
   * Takes on an agent an earlier server started at this index's root, still running because
   * that server was killed: it finishes and reports its tasks, then exits by itself (see
   * `AgentContext.orphaned`). Starting a second agent there instead would rejoin as the same
   * node, and the server requeues a rejoining node's tasks: they would run twice (and the new
   * agent would end the old one's task processes). Letting the old agent keep serving would
   * need a way to hand it back to a supervisor; waiting is simpler: it holds the index (so no
   * other agent takes it), is stopped with the others, and once it has exited, a fresh agent
   * starts at its root at once, rejoining as its node.
   */
  private adopt(poolId: string, agents: PoolAgents, index: number, pid: number): void {
    const entry = watchAdopted(index, pid, this.options.clock.now());
    agents.children.set(index, entry);
    this.logger.info("agent from before the restart still running; waiting for it", {
      poolId,
      index,
      pid,
    });
    const root = join(this.options.dataDir, "nodes", poolId, String(index));
    void entry.exited.then(() => {
      if (agents.children.get(index) === entry) agents.children.delete(index);
      this.logger.info("agent from before the restart exited", { poolId, index, pid });
      const reaped = this.reap(poolId, root);
      if (this.stopped || agents.deletingSince !== undefined) return;
      // A restart (it keeps the node id), due as soon as the old agent's leftovers are gone.
      const pending = { index, dueAt: Number.POSITIVE_INFINITY, failures: 0 };
      agents.restarts.set(index, pending);
      void reaped.then(() => {
        if (agents.restarts.get(index) === pending)
          agents.restarts.set(index, { ...pending, dueAt: this.options.clock.now() });
      });
    });
  }

  /**
   * Ends the task process groups an exited agent left running (it may have been killed with
   * SIGKILL, which it cannot clean up after), from the ledger under its root.
   */
  private reap(poolId: string, root: string): Promise<void> {
    const reaping = reapProcessGroups(root).then(
      (groups) => {
        if (groups.length > 0)
          this.logger.warn("ended orphaned task processes", { poolId, groups });
      },
      (error: unknown) =>
        this.logger.error("cannot end an exited agent's task processes", {
          poolId,
          root,
          error: String(error),
        }),
    );
    this.reaps.add(reaping);
    void reaping.finally(() => this.reaps.delete(reaping));
    return reaping;
  }

  /**
   * A crashed agent restarts at its root after a backoff that grows while it keeps crashing,
   * and never before its orphaned task processes are ended (`reaped`).
   */
  private scheduleRestart(
    agents: PoolAgents,
    entry: AgentChild,
    earlier: number,
    reaped: Promise<void>,
  ): void {
    const now = this.options.clock.now();
    const failures = now - entry.startedAt > 30_000 ? 1 : earlier + 1;
    const random = (this.options.random ?? systemRandom).next();
    const delay = backoffDelay(failures - 1, random, {
      initialMs: 500,
      maxMs: this.options.maxRestartDelayMs ?? 30_000,
    });
    // Held back (but counted, so no new agent takes the index) until the cleanup is done.
    const pending = { index: entry.index, dueAt: Number.POSITIVE_INFINITY, failures };
    agents.restarts.set(entry.index, pending);
    void reaped.then(() => {
      if (agents.restarts.get(entry.index) === pending)
        agents.restarts.set(entry.index, { ...pending, dueAt: now + delay });
    });
  }
}
