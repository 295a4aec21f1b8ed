// Compute nodes as the REST API sees them: list, get, reboot, task scheduling, node files.
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
import { toComputeNode, toNodeFile, type NodeFile } from "./views.js";
import { validateNodeReboot } from "./body.js";
import {
  nodeFileEntries,
  pageByName,
  parseNodeFileFilter,
  parseRecursive,
  selectNodeFiles,
  type NodeFileEntry,
} from "./node-file-listing.js";
import { heldNodeFile, heldNodeFiles, readHeldFile } from "./node-files.js";
import { disableNodeScheduling, enableNodeScheduling } from "./node-scheduling.js";
import type { ByteRange, FileContent } from "./task-files.js";

/** Options of {@link NodeService.listFiles}. */
export interface NodeFileListOptions extends PagingOptions {
  /** Default false: only the node's root directory. Text (a query parameter) must be true or false. */
  readonly recursive?: boolean | string;
  /** `startswith(name,'<prefix>')`. */
  readonly filter?: string;
}

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
  /** `nodeDisableSchedulingOption` requeue (default), terminate or taskcompletion. */
  disableScheduling(poolId: string, nodeId: string, body: unknown): Promise<void>;
  enableScheduling(poolId: string, nodeId: string): Promise<void>;
  /**
   * The node's files the server holds (start task and task logs, in Batch's node layout),
   * with the directories above them; files agents never sent are not listed.
   */
  listFiles(
    poolId: string,
    nodeId: string,
    options?: NodeFileListOptions,
    baseUrl?: string,
  ): Promise<ListResult<NodeFile>>;
  /** A node file's (or directory's) properties, or `FileNotFound`. */
  fileProperties(poolId: string, nodeId: string, path: string): Promise<NodeFileEntry>;
  /** A node file's bytes (or `range` of them) and properties; a directory reads as empty. */
  readFile(
    poolId: string,
    nodeId: string,
    path: string,
    range?: ByteRange,
  ): Promise<{ entry: NodeFileEntry; content: FileContent }>;
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

/** States a node shows from its running tasks and scheduling rather than its stored state. */
const shownStates: ReadonlySet<string> = new Set(["idle", "running", "offline"]);

export function createNodeService(ctx: ServiceContext): NodeService {
  const poolOf = (poolId: string) =>
    inBatchTerms({ kind: "pool", id: poolId }, () => ctx.pools.get(poolId));
  const both = async (poolId: string, nodeId: string) => {
    const pool = await poolOf(poolId);
    return { pool, node: await nodeOfPool(ctx, pool, nodeId) };
  };
  return {
    async disableScheduling(poolId, nodeId, body) {
      const { pool, node } = await both(poolId, nodeId);
      await disableNodeScheduling(ctx, pool, node, body);
    },
    async enableScheduling(poolId, nodeId) {
      const { pool, node } = await both(poolId, nodeId);
      await enableNodeScheduling(ctx, pool, node);
    },
    async listFiles(poolId, nodeId, options = {}, baseUrl = "") {
      const prefix = parseNodeFileFilter(options.filter);
      const recursive =
        typeof options.recursive === "string"
          ? parseRecursive(options.recursive)
          : (options.recursive ?? false);
      const { pool, node } = await both(poolId, nodeId);
      const entries = nodeFileEntries(await heldNodeFiles(ctx, pool, node, prefix));
      const selected = selectNodeFiles(entries, {
        recursive,
        ...(prefix === undefined ? {} : { prefix }),
      });
      const page = pageByName(selected, options);
      const nodeUrl = `${baseUrl}/pools/${pool.id}/nodes/${node.id}`;
      return { ...page, value: page.value.map((entry) => toNodeFile(entry, nodeUrl)) };
    },
    async fileProperties(poolId, nodeId, path) {
      const { pool, node } = await both(poolId, nodeId);
      return (await heldNodeFile(ctx, pool, node, path)).entry;
    },
    async readFile(poolId, nodeId, path, range) {
      const { pool, node } = await both(poolId, nodeId);
      const held = await heldNodeFile(ctx, pool, node, path);
      return { entry: held.entry, content: await readHeldFile(ctx, held, range) };
    },
    async list(poolId, options = {}, baseUrl = "") {
      const pool = await poolOf(poolId);
      const state = parseStateFilter(options.filter, computeNodeStates);
      const page = await listPage(() =>
        ctx.nodes.listByPool(pool.id, {
          ...(options.maxResults === undefined ? {} : { maxResults: options.maxResults }),
          ...(options.continuationToken === undefined
            ? {}
            : { continuationToken: options.continuationToken }),
          ...(state === undefined || shownStates.has(state) ? {} : { state }),
        }),
      );
      const nodes = await collectPages(page, (node) => toComputeNode(node, pool, baseUrl));
      // idle/running/offline are shown from running counts and scheduling, so they are
      // filtered after reading.
      return state !== undefined && shownStates.has(state)
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
