// Compute nodes as the REST API sees them: list, get, reboot.
import { computeNodeStates, type ComputeNode } from "../../api/index.js";
import type { NodeRecord, PoolRecord } from "../../store/index.js";
import { BatchError, notFound } from "../batch-error.js";
import {
  collectPages,
  listPage,
  parseStateFilter,
  type ListResult,
  type PagingOptions,
} from "./paging.js";
import type { ServiceContext } from "./service-deps.js";
import { inBatchTerms, isStoreNotFound } from "./store-errors.js";
import { toComputeNode } from "./views.js";
import { validateNodeReboot } from "./body.js";

/** Node operations; reads return Batch's `ComputeNode`. */
export interface NodeService {
  /** `filter`: `state eq '<state>'`. */
  list(
    poolId: string,
    options?: PagingOptions & { filter?: string },
    baseUrl?: string,
  ): Promise<ListResult<ComputeNode>>;
  get(poolId: string, nodeId: string, baseUrl?: string): Promise<ComputeNode>;
  /** The agent restarts at its next heartbeat; running tasks are requeued (default). */
  reboot(poolId: string, nodeId: string, body: unknown): Promise<void>;
}

/** The node `nodeId` of the pool, or NodeNotFound. */
export async function nodeOfPool(
  ctx: ServiceContext,
  pool: PoolRecord,
  nodeId: string,
): Promise<NodeRecord> {
  try {
    const node = await ctx.nodes.get(nodeId);
    if (node.poolKey === pool.id.toLowerCase()) return node;
  } catch (error) {
    if (!isStoreNotFound(error)) throw error;
  }
  throw notFound("node", nodeId);
}

export function createNodeService(ctx: ServiceContext): NodeService {
  const poolOf = (poolId: string) =>
    inBatchTerms({ kind: "pool", id: poolId }, () => ctx.pools.get(poolId));
  return {
    async list(poolId, options = {}, baseUrl = "") {
      const pool = await poolOf(poolId);
      const state = parseStateFilter(options.filter, computeNodeStates);
      const page = await listPage(() =>
        ctx.nodes.listByPool(pool.id, {
          ...(options.maxResults === undefined ? {} : { maxResults: options.maxResults }),
          ...(options.continuationToken === undefined
            ? {}
            : { continuationToken: options.continuationToken }),
          ...(state === undefined || state === "running" || state === "idle" ? {} : { state }),
        }),
      );
      const nodes = await collectPages(page, (node) => toComputeNode(node, pool, baseUrl));
      // idle/running are shown from running counts, so they are filtered after reading.
      return state === "running" || state === "idle"
        ? { ...nodes, value: nodes.value.filter((node) => node.state === state) }
        : nodes;
    },
    async get(poolId, nodeId, baseUrl = "") {
      const pool = await poolOf(poolId);
      return toComputeNode(await nodeOfPool(ctx, pool, nodeId), pool, baseUrl);
    },
    async reboot(poolId, nodeId, body) {
      const { nodeRebootOption } = validateNodeReboot(body);
      const pool = await poolOf(poolId);
      const node = await nodeOfPool(ctx, pool, nodeId);
      if (node.state === "leavingpool" || node.state === "rebooting") {
        throw new BatchError(
          "OperationNotValidOnNode",
          `Node '${node.id}' is ${node.state}; it cannot be rebooted now.`,
        );
      }
      await ctx.nodes.update(node.id, {
        state: "rebooting",
        stateTransitionTime: ctx.clock.now(),
        info: { ...node.info, command: "reboot" },
      });
      if ((nodeRebootOption ?? "requeue") === "requeue") {
        if ((await ctx.tasks.requeue({ nodeId: node.id })).length > 0) ctx.signal.notify(pool.id);
      }
    },
  };
}
