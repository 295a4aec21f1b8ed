import type { Clock, Logger, RandomSource } from "../../core/index.js";
import type {
  CreateRunOptions,
  FactoryService,
  PreparedRun,
  RunInvoker,
  RunRequest,
} from "../../factory/index.js";
import type { Database } from "../../store/index.js";
import type { MissedFirePolicy } from "../definition/trigger-spec.js";

/**
 * What the scheduler needs of the pipeline engine: ADF's createRun and cancel, and the
 * batch path (prepare runs, store them with their fires in one transaction, wake the engine).
 */
export interface RunStarter {
  prepareRuns(requests: readonly RunRequest[]): Promise<PreparedRun[]>;
  runsStored(): void;
  createRun(
    factory: string,
    pipeline: string,
    body: unknown,
    options?: CreateRunOptions,
    invoker?: RunInvoker,
  ): Promise<{ readonly runId: string }>;
  cancelRun(
    factory: string,
    runId: string,
    options?: { readonly isRecursive?: boolean },
  ): Promise<void>;
}

/** One blob a listing found. */
export interface ListedBlob {
  readonly path: string;
  readonly size: number;
  readonly lastModified: Date;
  readonly etag?: string;
}

/**
 * The blobs of one storage account, as a storage event trigger polls them: its containers
 * and each container's files under a prefix (a `StorageConnector`'s `list` fits).
 */
export interface BlobEventSource {
  containers(): Promise<string[]>;
  list(
    container: string,
    prefix: string,
  ): AsyncIterable<ListedBlob | { readonly kind: "directory" }>;
}

export type { MissedFirePolicy } from "../definition/trigger-spec.js";

/** What {@link createTriggerScheduler} needs. */
export interface TriggerSchedulerDeps {
  readonly database: Database;
  readonly engine: RunStarter;
  /** Trigger definitions are read through it. */
  readonly factories: FactoryService;
  /** The storage a BlobEventsTrigger's `scope` names (default: none, event triggers idle). */
  readonly blobSource?: (factory: string, scope: string | undefined) => Promise<BlobEventSource>;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  readonly logger?: Logger;
  /** This scheduler's name in leases; default a fresh id. */
  readonly owner?: string;
  /** How often it looks for due fires; default 1 s. */
  readonly pollMs?: number;
  /** How long a claimed fire or window stays this scheduler's without renewal; default 30 s. */
  readonly leaseMs?: number;
  /** How many triggers one pass handles at once; default 16. */
  readonly passConcurrency?: number;
  /** How often storage event triggers list their blobs; default 5 s. */
  readonly blobPollMs?: number;
  /**
   * Schedule fires missed while Sluice was down: `skip` (default, as ADF: a fire older than
   * `missedFireGraceMs` is dropped) or `catchUp` (every missed fire runs, oldest first). A
   * trigger's own `sluice:missedFires=...` annotation wins over it.
   */
  readonly missedFires?: MissedFirePolicy;
  /** How late a schedule fire may be and still run under `skip`; default 60 s. */
  readonly missedFireGraceMs?: number;
}
