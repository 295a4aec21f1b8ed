import { join, resolve } from "node:path";
import type {
  AgentClient,
  HeartbeatRequest,
  HeartbeatResponse,
  TaskAssignment,
} from "../../client/index.js";
import { silentLogger, systemRandom, type Logger } from "../../core/index.js";
import {
  validateAgentOptions,
  type AgentContext,
  type AgentEvent,
  type AgentOptions,
} from "./agent-options.js";
import { removeAgentPid, writeAgentPid } from "./agent-pid-file.js";
import { backoffDelay } from "./backoff.js";
import {
  executeSafely,
  notRunOutcome,
  type Execution,
  type ExecutionContext,
} from "./execute-assignment.js";
import { executeMultiInstance } from "./multi-instance-run.js";
import { CompletionBatcher } from "./completion-batcher.js";
import { JobNodeTasks } from "./job-node-tasks.js";
import { createNodeDirectories } from "../runner/run-task.js";
import { SpawnHelper } from "../runner/spawn-helper.js";
import { Notifier } from "./notifier.js";
import { ResourceSampler } from "./resource-usage.js";
import { agentClientFor } from "./server-url-file.js";
import { OrphanWatch } from "./orphan-watch.js";
import { ServerSession } from "./server-session.js";
import { TaskSlots } from "./task-slots.js";

/**
 * Runs a node agent until `context.signal` aborts (graceful: no new claims, running tasks get
 * `shutdownGraceMs` to finish, then are cancelled and left for the server to requeue) or the
 * server says `leave`. Registers (rejoining as the node in `nodeIdFile`), runs the pool's start
 * task, heartbeats, claims while slots are free, and survives an unreachable server by retrying
 * with backoff while its tasks keep running. Rejects when the server refuses the node (no
 * such pool, bad token) or options are invalid (`InvalidArgument`).
 */
export async function runAgent(options: AgentOptions, context: AgentContext): Promise<void> {
  validateAgentOptions(options);
  await new NodeAgent(options, context).run();
}

type StartTaskReport = NonNullable<HeartbeatRequest["startTask"]>;

class NodeAgent {
  private readonly logger: Logger;
  private readonly client: AgentClient;
  private readonly session: ServerSession;
  private readonly slots: TaskSlots;
  private readonly changes = new Notifier();
  private readonly heartbeatDue = new Notifier();
  private readonly sampler: ResourceSampler;
  /** Aborted on shutdown, `leave` or a fatal error: no more claims. */
  private readonly stopClaiming = new AbortController();
  /** Aborted when the agent is done: heartbeats and retries end. */
  private readonly finished = new AbortController();
  private readonly execution: ExecutionContext;
  /** Job preparation and release tasks (outside the task slots). */
  private readonly jobTasks: JobNodeTasks;
  private readonly completions: CompletionBatcher;
  private claimAbort: AbortController | undefined;
  private rebooting: Promise<void> | undefined;
  private startTaskReport: StartTaskReport | undefined;
  private startTaskAbort = new AbortController();
  private startTaskRunning = false;
  private graceTimer: NodeJS.Timeout | undefined;
  private readonly orphanWatch: OrphanWatch;
  private cancelledAll = false;
  private leaving = false;
  private fatal: unknown;
  private spawnHelper: SpawnHelper | undefined;

  constructor(
    private readonly options: AgentOptions,
    private readonly context: AgentContext,
  ) {
    this.logger = context.logger ?? silentLogger;
    this.client = agentClientFor(options);
    const root = resolve(options.root);
    this.session = new ServerSession({
      client: this.client,
      poolId: options.poolId,
      ...(options.slots === undefined ? {} : { slots: options.slots }),
      nodeIdFile: options.nodeIdFile ?? join(root, "node-id"),
      random: context.random ?? systemRandom,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 5000,
      emit: (event) => this.emit(event),
    });
    this.sampler = new ResourceSampler(root);
    this.slots = new TaskSlots(() => this.session.registration?.slots ?? 0);
    this.execution = {
      client: this.client,
      clock: context.clock,
      logger: this.logger,
      nodeRootDir: root,
      serverUrl: options.serverUrl,
      nodeId: () => this.session.nodeId,
      accountName: () => this.session.registration?.accountName ?? "sluice",
      logIntervalMs: options.logIntervalMs ?? 1000,
      launcher: () => this.spawnHelper?.launch,
      nodeDirectoriesReady: true,
      ...(context.agentEnvironment === undefined
        ? {}
        : { agentEnvironment: context.agentEnvironment }),
    };
    this.orphanWatch = new OrphanWatch({
      now: () => context.clock.now(),
      // After the node lease the server requeues the node's tasks: nothing is worth waiting for.
      graceMs: () => options.orphanGraceMs ?? this.session.registration?.leaseMs ?? 60_000,
      giveUp: () =>
        this.cancelEverything("the server that started this agent is gone and not back"),
    });
    this.completions = new CompletionBatcher(this.client, () => this.session.nodeId);
    this.jobTasks = new JobNodeTasks({
      execute: (task, signal) => this.safeExecute(task, signal),
      complete: async (task, outcome, retryCount) =>
        (await this.report(task, retryCount > 0 ? { ...outcome, retryCount } : outcome, false))
          .reported,
      started: (task) => this.emit({ kind: "taskStarted", task }),
      ended: (task, outcome, reported) => this.emit({ kind: "taskEnded", task, outcome, reported }),
    });
  }

  async run(): Promise<void> {
    const onSignal = (): void => this.shutdown();
    const onOrphaned = (): void => this.orphan();
    this.context.signal.addEventListener("abort", onSignal, { once: true });
    this.context.orphaned?.addEventListener("abort", onOrphaned, { once: true });
    // An agent orphaned before it registered has nothing running: it just goes.
    const registering = AbortSignal.any(
      [this.context.signal, this.context.orphaned].filter((signal) => signal !== undefined),
    );
    try {
      if (registering.aborted) return;
      createNodeDirectories(this.execution.nodeRootDir);
      writeAgentPid(this.execution.nodeRootDir);
      const spawner =
        this.options.spawner ??
        (process.env.SLUICE_AGENT_SPAWNER === "direct" ? "direct" : "helper");
      if (spawner === "helper") this.spawnHelper = await SpawnHelper.start();
      if (!(await this.session.register(registering))) return;
      const heartbeats = this.heartbeatLoop();
      if (this.session.registration?.startTask) await this.runStartTask();
      await this.claimLoop();
      await this.drain();
      this.finished.abort();
      await heartbeats;
      if (this.fatal !== undefined) throw this.fatal;
    } finally {
      this.spawnHelper?.close();
      clearTimeout(this.graceTimer);
      this.orphanWatch.dispose();
      this.finished.abort();
      this.context.signal.removeEventListener("abort", onSignal);
      this.context.orphaned?.removeEventListener("abort", onOrphaned);
      removeAgentPid(this.execution.nodeRootDir);
    }
  }

  /** SIGTERM / SIGINT: no new claims; what runs gets the grace period, then is cancelled. */
  private shutdown(): void {
    this.stop("signal");
    const graceMs = this.options.shutdownGraceMs ?? 10_000;
    this.graceTimer ??= setTimeout(
      () => this.cancelEverything("the node agent is shutting down"),
      graceMs,
    );
  }

  /**
   * The server that started this agent is gone (killed): claim nothing more, but let running
   * tasks finish and report them once the server is back, so a restarted server re-attaches
   * to them instead of running them again; then exit (see {@link OrphanWatch} for how long).
   */
  private orphan(): void {
    if (this.orphanWatch.orphan()) this.stop("orphaned");
  }

  /** Ends every run now; their results are dropped and the server requeues them. */
  private cancelEverything(reason: string): void {
    this.cancelledAll = true;
    this.slots.cancelAll(reason);
    this.jobTasks.cancelAll(reason);
    this.startTaskAbort.abort(new Error(reason));
    // Completions still being retried give up too: the agent is going.
    this.finished.abort();
    this.changes.notify();
  }

  private emit(event: AgentEvent): void {
    if (event.kind === "serverUnreachable") this.orphanWatch.serverAway();
    if (event.kind === "serverReachable") this.orphanWatch.serverBack();
    this.logger.info(event.kind, { ...event });
    this.context.onEvent?.(event);
  }

  private stop(reason: "signal" | "leave" | "orphaned"): void {
    if (this.stopClaiming.signal.aborted) return;
    this.emit({ kind: "stopping", reason });
    this.stopClaiming.abort();
    this.claimAbort?.abort();
    this.changes.notify();
  }

  private fail(error: unknown): void {
    this.fatal ??= error;
    this.stop("signal");
    this.cancelEverything("the server refused this node");
  }

  private async claimLoop(): Promise<void> {
    for (let failures = 0; !this.stopClaiming.signal.aborted;) {
      if (this.rebooting !== undefined) {
        await this.rebooting;
        continue;
      }
      const freeSlots = this.slots.free();
      if (freeSlots <= 0) {
        await this.changes.wait(this.stopClaiming.signal);
        continue;
      }
      this.claimAbort = new AbortController();
      const signal = AbortSignal.any([this.claimAbort.signal, this.stopClaiming.signal]);
      try {
        const waitMs = this.options.claimWaitMs ?? 20_000;
        const { tasks } = await this.client.claim(
          this.session.nodeId,
          { freeSlots, waitMs },
          signal,
        );
        this.session.markReachable();
        failures = 0;
        // Tasks that arrive as the node stops or reboots are left to their lease: the server requeues them.
        if (signal.aborted) continue;
        for (const task of tasks) this.startRun(task);
      } catch (error) {
        if (signal.aborted) continue;
        await this.session
          .recover(error, failures++, this.finished.signal)
          .catch((refused) => this.fail(refused));
      }
    }
  }

  private startRun(task: TaskAssignment): void {
    this.emit({ kind: "taskStarted", task });
    this.slots
      .add(task, async (signal) => {
        // A task behind its job's preparation task waits for it; if the node may not run the
        // job, the server has requeued the task: it is dropped here.
        const prep = task.jobPreparationTask;
        if (prep !== undefined && !(await this.jobTasks.prepare(prep))) {
          this.emit({
            kind: "taskEnded",
            task,
            outcome: notRunOutcome(this.context.clock.now()),
            reported: "cancelled",
          });
          return;
        }
        const execution = await this.safeExecute(task, signal);
        if (execution.cancelled) {
          this.emit({ kind: "taskEnded", task, outcome: execution.outcome, reported: "cancelled" });
          return;
        }
        const { reported, next } = await this.report(task, execution.outcome);
        this.emit({ kind: "taskEnded", task, outcome: execution.outcome, reported });
        // Work claimed with the completion starts before this task's slots are released, so
        // the claim loop never asks for those slots as well.
        for (const claimed of next) this.startRun(claimed);
      })
      .finally(() => this.changes.notify());
  }

  private safeExecute(task: TaskAssignment, signal: AbortSignal): Promise<Execution> {
    if (task.multiInstance !== undefined) {
      return executeMultiInstance(task, task.multiInstance, this.execution, signal);
    }
    return executeSafely(task, this.execution, signal);
  }

  /**
   * Completes a run, retrying while the server is unreachable; a lost lease drops the result.
   * The first try also claims work for the slots the task frees (`next`), unless the node
   * is stopping or rebooting; a retry does not, as its first try may have claimed already.
   */
  private async report(
    task: TaskAssignment,
    outcome: Parameters<AgentClient["complete"]>[2],
    claim = true,
  ): Promise<{ reported: "completed" | "leaseLost" | "unreported"; next: TaskAssignment[] }> {
    for (let attempt = 0; !this.finished.signal.aborted; attempt++) {
      const claimSlots =
        claim && attempt === 0 && this.mayClaim() ? Math.max(1, task.requiredSlots) : 0;
      try {
        const { result, tasks } = await this.completions.complete(
          task.claimToken,
          outcome,
          claimSlots,
          this.finished.signal,
        );
        this.session.markReachable();
        // Tasks that arrive as the node stops or reboots are left to their lease, as in claimLoop.
        return { reported: result, next: this.mayClaim() ? [...tasks] : [] };
      } catch (error) {
        try {
          await this.session.recover(error, attempt, this.finished.signal);
        } catch (refused) {
          this.logger.warn("completion refused", {
            claimToken: task.claimToken,
            error: String(refused),
          });
          return { reported: "unreported", next: [] };
        }
      }
    }
    return { reported: "unreported", next: [] };
  }

  private mayClaim(): boolean {
    return !this.stopClaiming.signal.aborted && this.rebooting === undefined;
  }

  private async runStartTask(): Promise<void> {
    const task = this.session.registration?.startTask;
    if (task === undefined) return;
    this.startTaskAbort = new AbortController();
    if (this.cancelledAll) return;
    this.startTaskRunning = true;
    this.startTaskReport = { state: "running" };
    this.heartbeatDue.notify();
    this.emit({ kind: "taskStarted", task });
    try {
      const execution = await this.safeExecute(task, this.startTaskAbort.signal);
      this.startTaskReport = { state: "completed", result: execution.outcome };
      const reported = execution.cancelled ? "cancelled" : "completed";
      this.emit({ kind: "taskEnded", task, outcome: execution.outcome, reported });
    } finally {
      this.startTaskRunning = false;
      this.heartbeatDue.notify();
      this.changes.notify();
    }
  }

  private async heartbeatLoop(): Promise<void> {
    for (let failures = 0; !this.finished.signal.aborted;) {
      let delay = this.session.registration?.heartbeatIntervalMs ?? 1000;
      try {
        const response = await this.client.heartbeat(
          this.session.nodeId,
          this.heartbeatBody(),
          this.finished.signal,
        );
        this.session.markReachable();
        failures = 0;
        this.obey(response);
      } catch (error) {
        if (this.finished.signal.aborted) return;
        delay = Math.min(delay, backoffDelay(failures, 0.5, { maxMs: delay }));
        await this.session
          .recover(error, failures++, this.finished.signal)
          .catch((refused) => this.fail(refused));
        continue;
      }
      await this.heartbeatDue.wait(this.finished.signal, delay);
    }
  }

  private heartbeatBody(): HeartbeatRequest {
    return {
      runningClaims: this.slots.claims(),
      ...(this.startTaskReport === undefined ? {} : { startTask: this.startTaskReport }),
      ...this.sampler.sample(),
    };
  }

  private obey(response: HeartbeatResponse): void {
    for (const claim of response.cancelClaims)
      this.slots.cancel(claim, "the server cancelled the task");
    if (!this.cancelledAll)
      for (const task of response.jobReleaseTasks ?? []) this.jobTasks.release(task);
    if (response.command === "leave" && !this.leaving) {
      this.leaving = true;
      this.emit({ kind: "command", command: "leave" });
      this.stop("leave");
    }
    if (response.command === "reboot" && this.rebooting === undefined) {
      this.emit({ kind: "command", command: "reboot" });
      this.rebooting = this.reboot().finally(() => {
        this.rebooting = undefined;
        this.changes.notify();
      });
    }
  }

  /** Batch's reboot: running tasks end (the server requeues them) and the start task runs again. */
  private async reboot(): Promise<void> {
    this.claimAbort?.abort();
    this.startTaskAbort.abort(new Error("the node is rebooting"));
    await this.slots.cancelAndWait("the node is rebooting");
    if (!this.stopClaiming.signal.aborted) await this.runStartTask();
  }

  /**
   * After claiming stops: waits for running tasks to end. On `leave` the server cancels what
   * must not finish; on shutdown the grace timer cancels what is still running.
   */
  private async drain(): Promise<void> {
    await this.rebooting;
    while (this.slots.busy() || this.startTaskRunning) await this.changes.wait();
    await this.jobTasks.settled();
  }
}
