// `GET /nodecounts` (Account - List Pool Node Counts): each pool's nodes counted by the state
// Batch shows. Sluice nodes are all dedicated, so `lowPriority` counts are zero.
import type { ComputeNodeState, NodeCounts } from "../../api/index.js";
import type { NodeRecord, PoolRecord } from "../../store/index.js";
import { BatchError } from "../batch-error.js";
import { poolNodes } from "./allocation.js";
import { collectPages, listPage, type ListResult, type PagingOptions } from "./paging.js";
import type { ServiceContext } from "./service-deps.js";
import { isStoreNotFound } from "./store-errors.js";
import { toComputeNode } from "./views.js";

/** One pool's counts (Batch's `PoolNodeCounts`). */
export interface PoolNodeCounts {
  readonly poolId: string;
  readonly dedicated: NodeCounts;
  readonly lowPriority: NodeCounts;
}

/** Options of `GET /nodecounts`: `maxresults` 1..10 (default 10), `poolId eq '<id>'`. */
export interface NodeCountsOptions extends PagingOptions {
  readonly filter?: string;
}

/** Batch's page size limit for node counts. */
export const maxNodeCountsPage = 10;

type CountKey = Exclude<keyof NodeCounts, "total">;

/** Where each node state is counted. */
const countKeyOf: Readonly<Record<ComputeNodeState, CountKey>> = {
  idle: "idle",
  rebooting: "rebooting",
  reimaging: "reimaging",
  running: "running",
  unusable: "unusable",
  creating: "creating",
  starting: "starting",
  waitingforstarttask: "waitingForStartTask",
  starttaskfailed: "startTaskFailed",
  unknown: "unknown",
  leavingpool: "leavingPool",
  offline: "offline",
  preempted: "preempted",
};

function zeroCounts(): Record<keyof NodeCounts, number> {
  const counts = { total: 0 } as Record<keyof NodeCounts, number>;
  for (const key of Object.values(countKeyOf)) counts[key] = 0;
  return counts;
}

/** The counts of `nodes` by the state each shows. Pure. */
export function countNodes(
  pool: PoolRecord,
  nodes: readonly NodeRecord[],
): Record<keyof NodeCounts, number> {
  const counts = zeroCounts();
  for (const node of nodes) {
    const key = countKeyOf[toComputeNode(node, pool, "").state];
    counts[key] += 1;
    counts.total += 1;
  }
  return counts;
}

/** Reads `poolId eq '<id>'`; undefined for no filter. */
export function parsePoolIdFilter(filter: string | undefined): string | undefined {
  if (filter === undefined || filter.trim() === "") return undefined;
  const match = /^\s*poolId\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filter);
  if (match === null) {
    throw new BatchError(
      "InvalidQueryParameterValue",
      `$filter "${filter}" is not supported for node counts: use poolId eq '<pool id>'.`,
      {
        PropertyName: "$filter",
        PropertyValue: filter,
        Reason: "Only poolId eq '<id>' is supported.",
      },
    );
  }
  return (match[1] ?? "").replaceAll("''", "'");
}

function checkPageSize(maxResults: number | undefined): void {
  if (maxResults === undefined || maxResults <= maxNodeCountsPage) return;
  throw new BatchError(
    "InvalidQueryParameterValue",
    `maxresults '${maxResults}' is not valid for node counts: give an integer from 1 to ${maxNodeCountsPage}.`,
    { PropertyName: "maxresults", PropertyValue: String(maxResults) },
  );
}

/** Each pool's node counts, a page of pools at a time. */
export async function listPoolNodeCounts(
  ctx: ServiceContext,
  options: NodeCountsOptions = {},
): Promise<ListResult<PoolNodeCounts>> {
  const poolId = parsePoolIdFilter(options.filter);
  checkPageSize(options.maxResults);
  const countsOf = async (pool: PoolRecord): Promise<PoolNodeCounts> => ({
    poolId: pool.id,
    dedicated: countNodes(pool, await poolNodes(ctx, pool.id)),
    lowPriority: zeroCounts(),
  });
  if (poolId !== undefined) {
    try {
      return { value: [await countsOf(await ctx.pools.get(poolId))] };
    } catch (error) {
      if (isStoreNotFound(error)) return { value: [] };
      throw error;
    }
  }
  const page = await listPage(() =>
    ctx.pools.list({
      maxResults: options.maxResults ?? maxNodeCountsPage,
      ...(options.continuationToken === undefined
        ? {}
        : { continuationToken: options.continuationToken }),
    }),
  );
  return collectPages(page, countsOf);
}
