/**
 * The node agent protocol: how a `sluice node` agent joins a pool and runs its tasks, over
 * HTTP with the server's bearer token, also on one machine. Sluice's own paths live under
 * `/sluice/` so they never collide with Batch's REST paths.
 *
 * The flow: register -> (heartbeat every `heartbeatIntervalMs`) + (claim, long-polling for
 * work; run each assignment; append its stdout/stderr; complete it). A claim is a lease: the
 * agent renews it by listing the task in each heartbeat; a node that stops heartbeating
 * loses its leases and the server requeues those tasks. A completion for a lease the server
 * already gave away is refused with 409 `LeaseLost`, and the agent drops that result.
 *
 * Job preparation tasks ride on claimed tasks (`TaskAssignment.jobPreparationTask`); job
 * release tasks on heartbeats (`HeartbeatResponse.jobReleaseTasks`). Both complete through
 * `complete`, with their own claim tokens. Every addition is optional: older agents and
 * servers ignore what they do not know.
 */

const segment = encodeURIComponent;

/** Paths of the agent protocol. */
export const agentPaths = {
  /** POST {@link RegisterNodeRequest} -> {@link RegisterNodeResponse}. */
  register: (poolId: string): string => `/sluice/agent/pools/${segment(poolId)}/nodes`,
  /** POST {@link HeartbeatRequest} -> {@link HeartbeatResponse}. */
  heartbeat: (nodeId: string): string => `/sluice/agent/nodes/${segment(nodeId)}/heartbeat`,
  /** POST {@link ClaimRequest} -> {@link ClaimResponse}; waits up to `waitMs` for work. */
  claim: (nodeId: string): string => `/sluice/agent/nodes/${segment(nodeId)}/claim`,
  /**
   * POST {@link CompleteTaskRequest} -> 204, or 409 `LeaseLost`; with `claimSlots`, 200 and a
   * {@link ClaimResponse} (work claimed at once for the slots the completion frees).
   */
  complete: (nodeId: string, claimToken: string): string =>
    `/sluice/agent/nodes/${segment(nodeId)}/claims/${segment(claimToken)}/complete`,
  /**
   * POST {@link CompleteManyRequest} -> {@link CompleteManyResponse}: several completions and
   * the next claim in one call. Servers that predate it answer 404; agents then complete
   * one claim per call.
   */
  completeMany: (nodeId: string): string => `/sluice/agent/nodes/${segment(nodeId)}/completions`,
  /**
   * PUT raw bytes appended at `?offset=N` (the file's length the agent already sent) to a
   * task's `stdout.txt` / `stderr.txt`, so `GET jobs/{job}/tasks/{task}/files/stdout.txt`
   * shows output while the task runs. Body `application/octet-stream`. A mismatched offset
   * gets 409 with the server's length as the error body's `values` entry `CurrentLength`.
   */
  taskFile: (nodeId: string, claimToken: string, name: TaskLogName): string =>
    `/sluice/agent/nodes/${segment(nodeId)}/claims/${segment(claimToken)}/files/${name}`,
  /**
   * GET (with Range) / PUT / DELETE a blob of the server's embedded local storage, and GET
   * with `?list&prefix=` to list: how agents on any machine reach `autoStorageContainerName`
   * and `sluice://` containers. A listing answers {@link StorageListResponse}.
   */
  /**
   * POST {@link GangRequest} -> {@link GangResponse}: an instance of a multi-instance task
   * reports its coordination command's end and waits (up to `waitMs`) for the task's next
   * phase. Its claim token is the task's (primary) or the subtask's.
   */
  gang: (nodeId: string, claimToken: string): string =>
    `/sluice/agent/nodes/${segment(nodeId)}/claims/${segment(claimToken)}/gang`,
  storage: (container: string, path = ""): string =>
    `/sluice/storage/${segment(container)}/${path.split("/").map(segment).join("/")}`,
} as const;

export type TaskLogName = "stdout.txt" | "stderr.txt";

/** `GET storage(container)?list&prefix=P`: every file whose path starts with P, by path. */
export interface StorageListResponse {
  readonly files: readonly { readonly path: string; readonly size: number }[];
}

export interface RegisterNodeRequest {
  /** A stable id kept in the agent's root dir, so a restarted agent rejoins as itself. */
  readonly nodeId?: string;
  /** Task slots this node offers (the pool's `taskSlotsPerNode` when omitted). */
  readonly slots?: number;
  readonly hostname: string;
  readonly agentVersion: string;
  /** The address other nodes reach this one at (`AZ_BATCH_HOST_LIST`); default 127.0.0.1. */
  readonly ipAddress?: string;
}

export interface RegisterNodeResponse {
  readonly nodeId: string;
  readonly poolId: string;
  readonly slots: number;
  /** Send a heartbeat at least this often. */
  readonly heartbeatIntervalMs: number;
  /** A claim not renewed by a heartbeat within this time is given away. */
  readonly leaseMs: number;
  /** `AZ_BATCH_ACCOUNT_NAME` for tasks. */
  readonly accountName: string;
  /** The pool's start task, to run before claiming work (with `waitForSuccess`). */
  readonly startTask?: TaskAssignment;
}

export interface HeartbeatRequest {
  /** Claim tokens of the tasks running on this node now: renews their leases. */
  readonly runningClaims: readonly string[];
  /** The start task's progress, when the pool has one. */
  readonly startTask?: {
    readonly state: "running" | "completed";
    readonly result?: TaskRunOutcome;
  };
  /** Samples for autoscale: CPU percent (0..100) and memory in use, in bytes. */
  readonly cpuPercent?: number;
  readonly memoryBytes?: number;
  /** Bytes in use on the disk holding the node root (`$DiskBytes`). */
  readonly diskBytes?: number;
  /** The machine's disk and network traffic per second since its previous heartbeat. */
  readonly ioPerSecond?: NodeIoRates;
}

/** Per-second traffic of a node (`$DiskReadBytes` ... `$NetworkOutBytes`, per second). */
export interface NodeIoRates {
  readonly diskReadBytes: number;
  readonly diskWriteBytes: number;
  readonly diskReadOps: number;
  readonly diskWriteOps: number;
  readonly networkInBytes: number;
  readonly networkOutBytes: number;
}

export interface HeartbeatResponse {
  /** Claims to stop now (task terminated, job disabled with requeue, lease lost). */
  readonly cancelClaims: readonly string[];
  /** What the node should do besides its tasks. */
  readonly command: "none" | "reboot" | "leave";
  /**
   * Job release tasks to run on this node (kind `jobReleaseTask`): a job whose preparation
   * task ran here ended. Listed at every heartbeat until completed: run each claim token
   * once, complete it like a task. Absent from servers that predate it.
   */
  readonly jobReleaseTasks?: readonly TaskAssignment[];
}

export interface ClaimRequest {
  /** Slots free on the node right now. */
  readonly freeSlots: number;
  /** How long the server may hold the request open waiting for work. Default 20,000. */
  readonly waitMs?: number;
}

export interface ClaimResponse {
  readonly tasks: readonly TaskAssignment[];
}

/** Where a resource file comes from, resolved by the server from Batch's fields. */
export type ResourceFileOrigin =
  | { readonly httpUrl: string }
  | { readonly storageContainerUrl: string; readonly blobPrefix?: string }
  /** A container of the server's embedded local storage (`autoStorageContainerName`). */
  | { readonly sluiceContainer: string; readonly blobPrefix?: string }
  /** One file of the embedded local storage (an `httpUrl` naming `/sluice/storage/<c>/<path>`). */
  | { readonly sluiceFile: string; readonly path: string };

export interface ResourceFileAssignment {
  readonly source: ResourceFileOrigin;
  /** Relative to the task's working directory; for a container, the folder to fill. */
  readonly filePath?: string;
  /** Octal, e.g. "0770". */
  readonly fileMode?: string;
}

export type OutputFileTarget =
  | { readonly containerUrl: string; readonly path?: string }
  | { readonly sluiceContainer: string; readonly path?: string };

export interface OutputFileAssignment {
  readonly filePattern: string;
  readonly destination: OutputFileTarget;
  readonly uploadCondition: "tasksuccess" | "taskfailure" | "taskcompletion";
}

/** One task for a node to run, as the agent's runner needs it. */
export interface TaskAssignment {
  readonly claimToken: string;
  readonly kind: "task" | "startTask" | "jobPreparationTask" | "jobReleaseTask";
  readonly poolId: string;
  readonly jobId?: string;
  readonly taskId?: string;
  readonly commandLine: string;
  /** Job's common settings, then the task's. */
  readonly environmentSettings: readonly { readonly name: string; readonly value: string }[];
  readonly resourceFiles: readonly ResourceFileAssignment[];
  readonly outputFiles: readonly OutputFileAssignment[];
  /** Absent: no limit. */
  readonly maxWallClockTimeMs?: number;
  readonly requiredSlots: number;
  /** ISO 8601; renew by heartbeat before then. */
  readonly leaseExpiry: string;
  /** The id of the job's preparation task, for `AZ_BATCH_JOB_PREP_DIR`. */
  readonly jobPreparationTaskId?: string;
  /**
   * The job's preparation task (kind `jobPreparationTask`), on a task the node must not start
   * before it: the task is `preparing`. Tasks carrying the same claim token share one run.
   * Once that run is completed (as a task is), the task starts, unless the run failed and
   * `waitForSuccess` holds: then the server has requeued it and the node drops it.
   */
  readonly jobPreparationTask?: TaskAssignment;
  /** On a preparation task: whether tasks wait for its success. Default true. */
  readonly waitForSuccess?: boolean;
  /** On a preparation task: runs again on this node after a failure, up to this (-1: always). Default 0. */
  readonly maxTaskRetryCount?: number;
  /**
   * The application packages the task (and its pool) reference: the node installs each
   * before the task runs and points `variables` at its folder. A reference the server could
   * not resolve carries `problem`, and the task fails with a pre-processing error.
   */
  readonly applicationPackages?: readonly AssignedPackage[];
  /**
   * The task's Batch `userIdentity` (job manager/preparation/release and start tasks too);
   * absent: the non-admin auto-user. Honoured by agents that isolate tasks (run as root).
   */
  readonly userIdentity?: {
    readonly userName?: string;
    readonly autoUser?: { readonly scope?: string; readonly elevationLevel?: string };
  };
  /** Set when the task is an instance of a multi-instance task. */
  readonly multiInstance?: MultiInstanceAssignment;
}

/**
 * An instance of a multi-instance task (Batch's MPI tasks). Every instance downloads
 * `commonResourceFiles` into the task directory (`AZ_BATCH_TASK_SHARED_DIR`) and runs
 * `coordinationCommandLine`, then reports it (`agentPaths.gang`). The primary (instance 0,
 * claimed with the task's own token) then runs the task's command line once every instance
 * has coordinated; a subtask holds its node until the task ends, then completes its claim.
 */
export interface MultiInstanceAssignment {
  readonly instance: number;
  readonly numberOfInstances: number;
  readonly coordinationCommandLine: string;
  readonly commonResourceFiles: readonly ResourceFileAssignment[];
  /** The instances' node addresses, the master's first. */
  readonly hostList: readonly string[];
  /** `address:port` of the master node. */
  readonly masterNode: string;
}

/** Phases of a multi-instance task's run, as its instances see them. */
export type GangPhase = "coordinating" | "running" | "ended";

export interface GangRequest {
  /** The instance's coordination command ended so (sent once). */
  readonly coordination?: TaskRunOutcome;
  /** Answer once the phase is another than this (or at `waitMs`). Default: at once. */
  readonly waitWhile?: GangPhase;
  /** Default 20,000. */
  readonly waitMs?: number;
}

export interface GangResponse {
  readonly phase: GangPhase;
}

/** An application package a node installs for a task. */
export interface AssignedPackage {
  readonly applicationId: string;
  /** Absent when `problem` is set. */
  readonly version?: string;
  /** The variables holding the package's folder (`AZ_BATCH_APP_PACKAGE_...`). */
  readonly variables: readonly string[];
  readonly problem?: string;
}

/** How a run ended, as the agent's runner reports it. */
export interface TaskRunOutcome {
  readonly startTime: string;
  readonly endTime: string;
  readonly exitCode?: number;
  readonly result: "success" | "failure";
  /** What kind of failure, for retries and exit conditions: only `exitCode` is retried. */
  readonly failureKind?: "preProcessingError" | "exitCode" | "timeout" | "aborted";
  readonly failureInfo?: {
    readonly category: "usererror" | "servererror";
    readonly code: string;
    readonly message: string;
  };
  /** Set when an output file upload failed (Batch's `fileUploadError` exit condition). */
  readonly fileUploadError?: boolean;
}

/**
 * A completion. With `claimSlots` (> 0), once the completion is stored the server also claims
 * ready work for up to that many slots of the node, without waiting, and answers with a
 * {@link ClaimResponse}: a busy agent then needs one round trip per task, not two. An agent
 * asks only for the slots this task frees, so its long-poll claim for its other free slots
 * never overlaps it. Servers that predate the field ignore it and answer 204.
 */
export interface CompleteTaskRequest extends TaskRunOutcome {
  readonly claimSlots?: number;
  /** For a preparation task: the runs that failed on the node before this one. Default 0. */
  readonly retryCount?: number;
}

/** One completion of a {@link CompleteManyRequest}. */
export interface CompletionItem extends TaskRunOutcome {
  readonly claimToken: string;
  /** For a preparation task: the runs that failed on the node before this one. Default 0. */
  readonly retryCount?: number;
}

/**
 * Completions gathered while the agent's previous call was on its way, and, with `claimSlots`
 * (> 0), a claim (no wait) for the slots they free. Each is stored on its own: a stale claim
 * is answered `leaseLost` without affecting the others.
 */
export interface CompleteManyRequest {
  /** 1 to 256 completions. */
  readonly completions: readonly CompletionItem[];
  readonly claimSlots?: number;
}

export interface CompleteManyResponse {
  /** One result per completion, in order. */
  readonly results: readonly {
    readonly claimToken: string;
    readonly result: "completed" | "leaseLost";
  }[];
  /** Work claimed for `claimSlots`. */
  readonly tasks: readonly TaskAssignment[];
}
