// Typed readings of the JSON the service keeps in store records: the Batch properties a
// pool, job or task was created with, and Sluice's own bookkeeping beside them.
import type {
  ComputeNodeDeallocationOption,
  JobAddParameter,
  PoolAddParameter,
  StartTaskInformation,
  TaskAddParameter,
} from "../../api/index.js";
import type { JsonObject } from "../../core/index.js";
import type { JobRecord, NodeRecord, PoolRecord, TaskRecord } from "../../store/index.js";

/** The spec key holding Sluice's bookkeeping; views leave it out. */
export const internalKey = "$sluice";

/** A job's Batch properties (all but its id). */
export type JobSpec = Omit<JobAddParameter, "id">;
/** A task's Batch properties (all but its id). */
export type TaskSpec = Omit<TaskAddParameter, "id">;
/** A pool's Batch properties (all but its id and the columns kept apart). */
export type PoolSpec = Omit<PoolAddParameter, "id">;

/** What a pool keeps besides its Batch properties. */
export interface PoolInternal {
  /** The `nodeDeallocationOption` of the resize (or removal) in progress. */
  readonly nodeDeallocationOption?: ComputeNodeDeallocationOption;
  /** When `enableautoscale` last succeeded (ms): Batch allows one every 30 seconds. */
  readonly lastEnableAutoScale?: number;
}

/** What a node keeps besides its counters. */
export interface NodeInfo {
  readonly hostname?: string;
  readonly agentVersion?: string;
  readonly startTaskInfo?: StartTaskInformation;
  /** A command for the agent's next heartbeat. */
  readonly command?: "reboot";
  /** How the node's running tasks are handled as it leaves the pool. */
  readonly deallocation?: ComputeNodeDeallocationOption;
}

export const jobSpecOf = (job: JobRecord): JobSpec => job.spec as unknown as JobSpec;
export const taskSpecOf = (task: TaskRecord): TaskSpec => task.spec as unknown as TaskSpec;
export const poolSpecOf = (pool: PoolRecord): PoolSpec => pool.spec as unknown as PoolSpec;
export const nodeInfoOf = (node: NodeRecord): NodeInfo => node.info as NodeInfo;

export function poolInternalOf(pool: PoolRecord): PoolInternal {
  return (pool.spec[internalKey] ?? {}) as PoolInternal;
}

/** A JSON object from a typed value (the store keeps specs as JSON). */
export function asJson(value: object): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

/** The pool spec with its bookkeeping changed by `changes` (a key set to undefined is cleared). */
export function withPoolInternal(
  pool: PoolRecord,
  changes: { readonly [K in keyof PoolInternal]?: PoolInternal[K] | undefined },
): JsonObject {
  return { ...pool.spec, [internalKey]: asJson({ ...poolInternalOf(pool), ...changes }) };
}

/** `value` without `keys`. */
export function omitKeys<T extends object, K extends keyof T>(
  value: T,
  keys: readonly K[],
): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}
