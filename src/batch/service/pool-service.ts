// Pools: add, get, list, patch, updateproperties, delete, resize, stopresize, removenodes;
// node counts.
import type { CloudPool, PoolAddParameter } from "../../api/index.js";
import type { JsonObject } from "../../core/index.js";
import type { PoolRecord, WriteOptions } from "../../store/index.js";
import { BatchError, notFound } from "../batch-error.js";
import { startResize, stopResize } from "../state/pool-allocation.js";
import {
  validateNodeRemove,
  validatePoolAdd,
  validatePoolPatch,
  validatePoolResize,
  validatePoolUpdateProperties,
} from "../validation/validate-pool.js";
import { listPoolNodeCounts, type NodeCountsOptions, type PoolNodeCounts } from "./node-counts.js";
import { liveNodeCount, markLeaving, poolNodes, reconcilePool } from "./allocation.js";
import { collectPages, listPage, type ListResult, type PagingOptions } from "./paging.js";
import { asJson, omitKeys, withPoolInternal } from "./records.js";
import { runAutoScale } from "./autoscale-run.js";
import type { ServiceContext } from "./service-deps.js";
import { inBatchTerms } from "./store-errors.js";
import { toCloudPool } from "./views.js";

/** Pool operations with Batch's semantics; reads return Batch's `CloudPool`. */
export interface PoolService {
  add(body: unknown): Promise<PoolRecord>;
  get(poolId: string, baseUrl?: string): Promise<CloudPool>;
  list(options?: PagingOptions, baseUrl?: string): Promise<ListResult<CloudPool>>;
  patch(poolId: string, body: unknown, options?: WriteOptions): Promise<PoolRecord>;
  /**
   * `POST /pools/{id}/updateproperties`: replaces `startTask`, `certificateReferences`,
   * `applicationPackageReferences`, `metadata` and `targetNodeCommunicationMode`; those absent
   * (or given empty) are cleared. A new start task runs on nodes as they next join or reboot.
   */
  updateProperties(poolId: string, body: unknown, options?: WriteOptions): Promise<PoolRecord>;
  /** `GET /nodecounts`: per pool, its nodes counted by state. */
  nodeCounts(options?: NodeCountsOptions): Promise<ListResult<PoolNodeCounts>>;
  /** The pool goes `deleting`; its nodes are told to leave; the sweep removes it after. */
  delete(poolId: string, options?: WriteOptions): Promise<void>;
  resize(poolId: string, body: unknown, options?: WriteOptions): Promise<PoolRecord>;
  stopResize(poolId: string, options?: WriteOptions): Promise<PoolRecord>;
  removeNodes(poolId: string, body: unknown, options?: WriteOptions): Promise<PoolRecord>;
}

const ref = (id: string) => ({ kind: "pool", id }) as const;

/** The pool properties `updateproperties` replaces as a whole. */
const replacedProperties = [
  "startTask",
  "certificateReferences",
  "applicationPackageReferences",
  "metadata",
  "targetNodeCommunicationMode",
] as const;

/** The spec after `updateproperties`: the replaced properties as given, empty lists left out. */
function replacedSpec(pool: PoolRecord, update: object): JsonObject {
  const kept = omitKeys(pool.spec, [...replacedProperties]);
  const given = Object.entries(asJson(update)).filter(
    ([, value]) => !(Array.isArray(value) && value.length === 0),
  );
  return { ...kept, ...Object.fromEntries(given) };
}

function ifMatchOf(options: WriteOptions | undefined): WriteOptions {
  return options?.ifMatch === undefined ? {} : { ifMatch: options.ifMatch };
}

/** The spec a new pool keeps: its Batch properties but the ones stored as columns. */
function specOf(pool: PoolAddParameter) {
  return asJson(omitKeys(pool, ["id", "targetDedicatedNodes", "taskSlotsPerNode"]));
}

export function createPoolService(ctx: ServiceContext): PoolService {
  const withNodes = async (pool: PoolRecord, baseUrl = ""): Promise<CloudPool> =>
    toCloudPool(pool, liveNodeCount(await poolNodes(ctx, pool.id)), baseUrl);
  const active = async (poolId: string): Promise<PoolRecord> => {
    const pool = await inBatchTerms(ref(poolId), () => ctx.pools.get(poolId));
    if (pool.state === "deleting") {
      throw new BatchError("PoolBeingDeleted", `Pool '${pool.id}' is being deleted.`);
    }
    return pool;
  };
  return {
    async add(body) {
      const pool = validatePoolAdd(body, {
        minAutoScaleEvaluationIntervalMs: ctx.settings.minAutoScaleEvaluationIntervalMs,
      });
      // As Batch: a pool's package references must resolve (a version, or a default one).
      if (pool.applicationPackageReferences?.length) {
        await ctx.applications.resolve(pool.applicationPackageReferences);
      }
      const target = pool.targetDedicatedNodes ?? 0;
      const created = await inBatchTerms(ref(pool.id), () =>
        ctx.pools.create({
          id: pool.id,
          state: "active",
          allocationState: target > 0 ? "resizing" : "steady",
          targetDedicatedNodes: target,
          taskSlotsPerNode: pool.taskSlotsPerNode ?? 1,
          nodeFillType: pool.taskSchedulingPolicy?.nodeFillType ?? "spread",
          spec: specOf(pool),
        }),
      );
      await ctx.autoScale.forget(created.id);
      // An autoscale pool's first target is its formula's, evaluated at once (as in Batch).
      return pool.enableAutoScale === true ? runAutoScale(ctx, created) : created;
    },
    async get(poolId, baseUrl) {
      return withNodes(await inBatchTerms(ref(poolId), () => ctx.pools.get(poolId)), baseUrl);
    },
    async list(options = {}, baseUrl) {
      const page = await listPage(() => ctx.pools.list(options));
      return collectPages(page, (pool) => withNodes(pool, baseUrl));
    },
    async patch(poolId, body, options) {
      const patch = validatePoolPatch(body);
      const pool = await active(poolId);
      return inBatchTerms(ref(poolId), () =>
        ctx.pools.update(pool.id, { spec: { ...pool.spec, ...asJson(patch) } }, ifMatchOf(options)),
      );
    },
    async updateProperties(poolId, body, options) {
      const update = validatePoolUpdateProperties(body);
      const pool = await active(poolId);
      return inBatchTerms(ref(poolId), () =>
        ctx.pools.update(pool.id, { spec: replacedSpec(pool, update) }, ifMatchOf(options)),
      );
    },
    nodeCounts: (options) => listPoolNodeCounts(ctx, options),
    async delete(poolId, options) {
      const pool = await inBatchTerms(ref(poolId), () => ctx.pools.get(poolId));
      if (pool.state === "deleting") return;
      const now = ctx.clock.now();
      await inBatchTerms(ref(poolId), () =>
        ctx.pools.update(
          pool.id,
          { state: "deleting", stateTransitionTime: now, targetDedicatedNodes: 0 },
          ifMatchOf(options),
        ),
      );
      for (const node of await poolNodes(ctx, pool.id)) await markLeaving(ctx, node, "requeue");
    },
    async resize(poolId, body, options) {
      const resize = validatePoolResize(body);
      const pool = await active(poolId);
      const allocationState = startResize({
        id: pool.id,
        allocationState: pool.allocationState,
        enableAutoScale: (pool.spec as { enableAutoScale?: boolean }).enableAutoScale === true,
      });
      // A resize without an option clears the last one's.
      const internal = { nodeDeallocationOption: resize.nodeDeallocationOption };
      const updated = await inBatchTerms(ref(poolId), () =>
        ctx.pools.update(
          pool.id,
          {
            allocationState,
            allocationStateTransitionTime: ctx.clock.now(),
            targetDedicatedNodes: resize.targetDedicatedNodes ?? pool.targetDedicatedNodes,
            spec: withPoolInternal(pool, internal),
          },
          ifMatchOf(options),
        ),
      );
      await reconcilePool(ctx, updated);
      return ctx.pools.get(pool.id);
    },
    async stopResize(poolId, options) {
      const pool = await active(poolId);
      const allocationState = stopResize({ id: pool.id, allocationState: pool.allocationState });
      const updated = await inBatchTerms(ref(poolId), () =>
        ctx.pools.update(
          pool.id,
          { allocationState, allocationStateTransitionTime: ctx.clock.now() },
          ifMatchOf(options),
        ),
      );
      await reconcilePool(ctx, updated);
      return ctx.pools.get(pool.id);
    },
    async removeNodes(poolId, body, options) {
      const remove = validateNodeRemove(body);
      const pool = await active(poolId);
      startResize({ id: pool.id, allocationState: pool.allocationState });
      const nodes = await poolNodes(ctx, pool.id);
      const chosen = remove.nodeList.map((nodeId) => {
        const node = nodes.find((candidate) => candidate.id === nodeId);
        if (node === undefined) throw notFound("node", nodeId);
        return node;
      });
      const leaving = chosen.filter((node) => node.state !== "leavingpool").length;
      const updated = await inBatchTerms(ref(poolId), () =>
        ctx.pools.update(
          pool.id,
          {
            allocationState: "resizing",
            allocationStateTransitionTime: ctx.clock.now(),
            targetDedicatedNodes: Math.max(0, liveNodeCount(nodes) - leaving),
          },
          ifMatchOf(options),
        ),
      );
      for (const node of chosen) await markLeaving(ctx, node, remove.nodeDeallocationOption);
      await reconcilePool(ctx, updated);
      return ctx.pools.get(pool.id);
    },
  };
}
