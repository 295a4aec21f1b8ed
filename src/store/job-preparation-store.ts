import type { JsonObject } from "../core/index.js";

/** A job's preparation and release tasks on one node, as stored. Times are ms since the epoch. */
export interface JobPreparationRecord {
  /** The job's id as the user wrote it (kept after the job is deleted, for its release task). */
  readonly jobId: string;
  readonly jobKey: string;
  readonly nodeId: string;
  readonly poolKey: string;
  /** The current (or last) preparation run's token; null before the first. */
  readonly prepToken: string | null;
  readonly prepState: "running" | "completed" | null;
  /** When the current (or last) run was handed out. */
  readonly prepStart: number | null;
  /** The node may not run the job's tasks (the preparation failed with `waitForSuccess`). */
  readonly blocked: boolean;
  /** Batch's `jobPreparationTaskExecutionInfo` (empty before the first run). */
  readonly prepInfo: JsonObject;
  readonly releaseToken: string | null;
  /** `pending` until handed to the node, then Batch's `running` / `completed`. */
  readonly releaseState: "pending" | "running" | "completed" | null;
  /** The job's `jobReleaseTask` when the release was requested (the job may be gone since). */
  readonly releaseSpec: JsonObject | null;
  /** Batch's `jobReleaseTaskExecutionInfo`, once handed out. */
  readonly releaseInfo: JsonObject | null;
}

/** What {@link JobPreparationStore.begin} does, decided by the caller from the stored run. */
export type PreparationDecision = "run" | "join" | "ready" | "blocked";

/** A node just claimed tasks of a job that has a preparation task. */
export interface BeginPreparation {
  readonly jobId: string;
  readonly nodeId: string;
  readonly poolId: string;
  /** The store claim tokens of those tasks (running on the node). */
  readonly taskTokens: readonly string[];
  /** The token of a new run, used when the decision is `run`. */
  readonly token: string;
  /** Batch's information of a new run (state running, startTime, retryCount 0...). */
  readonly info: JsonObject;
  /** Called in the transaction with the stored run (undefined: never handed out here). */
  readonly decide: (current: JobPreparationRecord | undefined) => PreparationDecision;
}

/** How a preparation run ended, and what becomes of the job's tasks waiting on the node. */
export interface FinishPreparation {
  readonly info: JsonObject;
  /** `run`: the waiting tasks start; `requeue`: they go back to the queue (not a retry). */
  readonly tasks: "run" | "requeue";
  /** Keep the job's tasks off the node from now on. */
  readonly blocked: boolean;
}

/**
 * Job preparation and release tasks per (job, node). Dumb but atomic, like the task store:
 * the Batch service decides with Batch's rules; each method is one transaction, and moves the
 * node's tasks of the job between `running`, `preparing` and the queue with the run.
 */
export interface JobPreparationStore {
  /**
   * Records the decision for tasks just claimed: `run` starts a new run (`token`) and makes
   * the tasks `preparing`; `join` makes them `preparing` behind the run in progress; `ready`
   * leaves them running; `blocked` requeues them. Returns the decision and the stored run.
   */
  begin(request: BeginPreparation): Promise<{
    decision: PreparationDecision;
    record: JobPreparationRecord;
  }>;
  /**
   * Completes the run holding `token`, and starts or requeues the node's `preparing` tasks
   * of the job. `StoreConflict`, changing nothing, when that run is no longer the current one.
   */
  finish(
    key: { jobId: string; nodeId: string },
    token: string,
    outcome: FinishPreparation,
  ): Promise<JobPreparationRecord>;
  /**
   * Asks every node that was handed the job's preparation task to run `spec` (the job's
   * release task), once: rows already asked are left. Returns how many nodes were asked.
   */
  requestRelease(jobId: string, spec: JsonObject, token: string): Promise<number>;
  /** The node's release tasks not completed yet; pending ones become running with `info`. */
  releasesOn(nodeId: string, info: JsonObject): Promise<JobPreparationRecord[]>;
  /** Completes the release holding `token`; `StoreConflict` when it is not running there. */
  finishRelease(
    key: { jobId: string; nodeId: string },
    token: string,
    info: JsonObject,
  ): Promise<JobPreparationRecord>;
  /** The job's rows, by node id. */
  listByJob(jobId: string): Promise<JobPreparationRecord[]>;
}
