// The Batch service: Batch's data-plane operations and the node agent protocol over the
// stores, with the pure rules of src/batch deciding every state. The REST routes
// (src/server/routes) are thin over it.
import type {
  ClaimResponse,
  CompleteManyResponse,
  GangResponse,
  HeartbeatResponse,
  RegisterNodeResponse,
} from "../../api/index.js";
import { claimWork } from "./agent-claims.js";
import type { ApplicationPackages } from "./application-packages.js";
import { createAutoScaleService, type AutoScaleService } from "./autoscale-service.js";
import { appendLog, completeClaim, completeMany } from "./agent-complete.js";
import { heartbeatNode, registerNode } from "./agent-nodes.js";
import {
  listPreparationStatus,
  type JobPreparationAndReleaseTaskStatus,
} from "./job-prep-status.js";
import { createJobScheduleService, type JobScheduleService } from "./job-schedule-service.js";
import { createJobService, type JobService } from "./job-service.js";
import type { ListResult } from "./paging.js";
import { createLocalStorageAccess, type LocalStorageAccess } from "./local-storage-access.js";
import { gangStep } from "./multi-instance-gang.js";
import { createNodeService, type NodeService } from "./node-service.js";
import { createPoolService, type PoolService } from "./pool-service.js";
import {
  createServiceContext,
  type BatchServiceDeps,
  type ResolvedSettings,
} from "./service-deps.js";
import { sweep, type SweepReport } from "./sweeper.js";
import { createTaskService, type TaskService } from "./task-service.js";

/** The node agent protocol (`src/api/agent-protocol.ts`) as service calls. */
export interface AgentService {
  register(poolId: string, body: unknown): Promise<RegisterNodeResponse>;
  heartbeat(nodeId: string, body: unknown): Promise<HeartbeatResponse>;
  /** Long-polls up to `waitMs`; `abort` ends the wait early (the client went away). */
  claim(nodeId: string, body: unknown, abort?: AbortSignal): Promise<ClaimResponse>;
  /**
   * 409 `LeaseLost` for a claim the node no longer holds. Resolves to the work claimed
   * afterwards when the body asks for it (`claimSlots`), otherwise to undefined.
   */
  complete(nodeId: string, claimToken: string, body: unknown): Promise<ClaimResponse | undefined>;
  /** Several completions and the next claim in one call; a result per completion. */
  completeMany(nodeId: string, body: unknown): Promise<CompleteManyResponse>;
  /** Returns the file's new length. */
  appendLog(
    nodeId: string,
    claimToken: string,
    name: string,
    offset: string | undefined,
    bytes: Uint8Array,
  ): Promise<number>;
  /** A multi-instance task's instance reports its coordination and waits for the next phase. */
  gang(
    nodeId: string,
    claimToken: string,
    body: unknown,
    abort?: AbortSignal,
  ): Promise<GangResponse>;
}

/** The Batch service. */
export interface BatchService {
  readonly pools: PoolService;
  /** Pool autoscale: enable, disable, evaluate, and the periodic runs `start()` drives. */
  readonly autoScale: AutoScaleService;
  readonly nodes: NodeService;
  readonly jobs: JobService;
  /** Job schedules; their jobs are created by the sweep (and at once when due on a write). */
  readonly jobSchedules: JobScheduleService;
  readonly tasks: TaskService;
  readonly agent: AgentService;
  /** `GET jobs/{job}/jobpreparationandreleasetaskstatus`; `JobNotFound`. */
  preparationStatus(
    jobId: string,
    baseUrl?: string,
  ): Promise<ListResult<JobPreparationAndReleaseTaskStatus>>;
  /** The embedded local storage (`/sluice/storage/...`). */
  readonly storage: LocalStorageAccess;
  /** Application packages: uploaded zips by version, resolved for pools and tasks. */
  readonly applications: ApplicationPackages;
  readonly settings: ResolvedSettings;
  /** One background sweep now (node loss, lease expiry, allocation, job time limits). */
  sweep(): Promise<SweepReport>;
  /**
   * Runs {@link sweep} every `sweepIntervalMs` until {@link stop}, and as often the autoscale
   * tick (samples every `autoScaleSamplePeriodMs`, formulas when their interval is due).
   */
  start(): void;
  /** Stops the sweeps, ends waiting claims, and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * Builds the Batch service over a store `Database`. Nothing runs in the background until
 * `start()`. Settings default to a 60 s lease, 5 s heartbeats, account name "sluice",
 * a sweep every second.
 */
export function createBatchService(deps: BatchServiceDeps): BatchService {
  const ctx = createServiceContext(deps);
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let sweeping = false;
  const autoScale = createAutoScaleService(ctx);
  const runSweep = (): void => {
    if (sweeping) return;
    sweeping = true;
    running = sweep(ctx)
      .catch((error: unknown) => ctx.logger.error("batch sweep failed", { error: String(error) }))
      .then(() => autoScale.tick())
      .catch((error: unknown) => ctx.logger.error("autoscale failed", { error: String(error) }))
      .finally(() => (sweeping = false));
  };
  const jobs = createJobService(ctx);
  return {
    pools: createPoolService(ctx),
    autoScale,
    nodes: createNodeService(ctx),
    jobs,
    jobSchedules: createJobScheduleService(ctx, jobs),
    tasks: createTaskService(ctx),
    agent: {
      register: (poolId, body) => registerNode(ctx, poolId, body),
      heartbeat: (nodeId, body) => heartbeatNode(ctx, nodeId, body),
      claim: (nodeId, body, abort) => claimWork(ctx, nodeId, body, abort),
      complete: (nodeId, token, body) => completeClaim(ctx, nodeId, token, body),
      completeMany: (nodeId, body) => completeMany(ctx, nodeId, body),
      appendLog: (nodeId, token, name, offset, bytes) =>
        appendLog(ctx, nodeId, token, name, offset, bytes),
      gang: (nodeId, token, body, abort) => gangStep(ctx, nodeId, token, body, abort),
    },
    preparationStatus: (jobId, baseUrl = "") => listPreparationStatus(ctx, jobId, baseUrl),
    storage: createLocalStorageAccess(ctx),
    applications: ctx.applications,
    settings: ctx.settings,
    sweep: () => sweep(ctx),
    start() {
      if (timer !== undefined) return;
      timer = setInterval(runSweep, ctx.settings.sweepIntervalMs);
      timer.unref();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      ctx.signal.close();
      await running;
    },
  };
}
