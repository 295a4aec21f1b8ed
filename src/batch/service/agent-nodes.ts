// The agent protocol's node side: register (join or rejoin a pool) and heartbeat (renew
// leases, learn what to cancel, report the start task, be told to reboot or leave).
import type { HeartbeatResponse, RegisterNodeResponse } from "../../api/index.js";
import type { NodeRecord, PoolRecord } from "../../store/index.js";
import { BatchError, notFound } from "../batch-error.js";
import { nextNodeState } from "../state/node-state.js";
import { validateHeartbeat, validateRegister } from "./agent-requests.js";
import { poolNodes, reconcilePoolById } from "./allocation.js";
import { parseClaimToken } from "./claim-token.js";
import { sweepLostGangs } from "./multi-instance-gang.js";
import { isSubtaskClaimToken } from "./multi-instance-token.js";
import { releaseAssignments } from "./job-release.js";
import { asJson, nodeInfoOf, omitKeys, poolSpecOf } from "./records.js";
import type { ServiceContext } from "./service-deps.js";
import { applyStartTaskResult, startTaskAssignment, startTaskBegun } from "./start-task.js";
import { inBatchTerms, isStoreNotFound } from "./store-errors.js";

/** A new node's id, in the shape of Batch's (`tvmps_<hex>_d`). */
function newNodeId(ctx: ServiceContext): string {
  const hex = Array.from(ctx.random.bytes(16), (byte) => byte.toString(16).padStart(2, "0"));
  return `tvmps_${hex.join("")}_d`;
}

async function findNode(ctx: ServiceContext, nodeId: string): Promise<NodeRecord | undefined> {
  try {
    return await ctx.nodes.get(nodeId);
  } catch (error) {
    if (isStoreNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Registers an agent in a pool (`PoolNotFound`; `PoolBeingDeleted` for a pool being
 * deleted). A known `nodeId` rejoins as itself: whatever it ran before is requeued, as its
 * agent restarted. The node waits for its start task when the pool has one.
 */
export async function registerNode(
  ctx: ServiceContext,
  poolId: string,
  body: unknown,
): Promise<RegisterNodeResponse> {
  const request = validateRegister(body);
  const pool = await inBatchTerms({ kind: "pool", id: poolId }, () => ctx.pools.get(poolId));
  if (pool.state === "deleting") {
    throw new BatchError(
      "PoolBeingDeleted",
      `Pool '${pool.id}' is being deleted; no node may join it.`,
    );
  }
  const known = request.nodeId === undefined ? undefined : await findNode(ctx, request.nodeId);
  if (known !== undefined && known.poolKey !== pool.id.toLowerCase()) {
    throw new BatchError(
      "OperationNotValidOnNode",
      `Node '${known.id}' belongs to another pool; an agent joins one pool.`,
      { PropertyName: "nodeId", PropertyValue: known.id },
    );
  }
  const slots = request.slots ?? pool.taskSlotsPerNode;
  const now = ctx.clock.now();
  const startTask = poolSpecOf(pool).startTask;
  const info = {
    ...(startTask === undefined ? nodeInfoOfOrEmpty(known) : startTaskBegun(known, now)),
    hostname: request.hostname,
    agentVersion: request.agentVersion,
    // Multi-instance tasks' AZ_BATCH_HOST_LIST; local agents all share the loopback.
    ipAddress: request.ipAddress ?? "127.0.0.1",
  };
  delete (info as { command?: string }).command;
  const node =
    known === undefined
      ? await ctx.nodes.register({
          id: request.nodeId ?? newNodeId(ctx),
          poolId: pool.id,
          state: nextNodeState(fresh, { kind: "registered", ...(startTask ? { startTask } : {}) }),
          schedulingState: "enabled",
          taskSlots: slots,
          info: asJson(info),
          lastBootTime: now,
          heartbeatExpiry: now + ctx.settings.leaseMs,
        })
      : await rejoin(ctx, known, pool, { slots, info, now });
  await reconcilePoolById(ctx, pool.id);
  if (node.state === "idle") ctx.signal.notify(pool.id);
  const attempt = (node.info as { startTaskRetries?: number }).startTaskRetries ?? 0;
  const assignment = startTaskAssignment(ctx, pool, node.id, attempt);
  return {
    nodeId: node.id,
    poolId: pool.id,
    slots: node.taskSlots,
    heartbeatIntervalMs: ctx.settings.heartbeatIntervalMs,
    leaseMs: ctx.settings.leaseMs,
    accountName: ctx.settings.accountName,
    ...(assignment === undefined ? {} : { startTask: assignment }),
  };
}

const fresh = { state: "creating", schedulingState: "enabled", runningTaskSlots: 0 } as const;

function nodeInfoOfOrEmpty(node: NodeRecord | undefined) {
  return node === undefined ? {} : nodeInfoOf(node);
}

async function rejoin(
  ctx: ServiceContext,
  node: NodeRecord,
  pool: PoolRecord,
  join: { slots: number; info: object; now: number },
): Promise<NodeRecord> {
  // The agent restarted: its old attempts are gone with its processes.
  if ((await ctx.tasks.requeue({ nodeId: node.id })).length > 0) ctx.signal.notify(pool.id);
  await sweepLostGangs(ctx, node.id);
  const startTask = poolSpecOf(pool).startTask;
  const view = { state: node.state, schedulingState: node.schedulingState, runningTaskSlots: 0 };
  const state = nextNodeState(view, { kind: "registered", ...(startTask ? { startTask } : {}) });
  await ctx.nodes.update(node.id, {
    state,
    stateTransitionTime: join.now,
    taskSlots: join.slots,
    info: asJson(join.info),
    lastBootTime: join.now,
  });
  return ctx.nodes.heartbeat(node.id, ctx.settings.leaseMs);
}

/**
 * A heartbeat: renews the node and the leases of the claims it lists; answers the claims
 * to cancel (terminated, requeued, lost) and a command: `reboot` when asked for, `leave`
 * for a node leaving the pool once nothing runs on it (the node is then removed).
 */
export async function heartbeatNode(
  ctx: ServiceContext,
  nodeId: string,
  body: unknown,
): Promise<HeartbeatResponse> {
  const request = validateHeartbeat(body);
  const found = await findNode(ctx, nodeId);
  if (found === undefined) throw notFound("node", nodeId);
  let node = await ctx.nodes.heartbeat(nodeId, ctx.settings.leaseMs);
  ctx.autoScale.noteUsage(node.poolKey, node.id, ctx.clock.now(), request);
  const cancelClaims = await renewClaims(ctx, node, request.runningClaims);
  const pool = await ctx.pools.get(node.poolKey);
  const result = request.startTask?.state === "completed" ? request.startTask.result : undefined;
  if (result !== undefined) await applyStartTaskResult(ctx, node, pool, result);
  node = await ctx.nodes.get(nodeId);
  if (node.state === "unusable") {
    const view = { state: node.state, schedulingState: node.schedulingState, runningTaskSlots: 0 };
    node = await ctx.nodes.update(node.id, {
      state: nextNodeState(view, { kind: "heartbeatRestored" }),
      stateTransitionTime: ctx.clock.now(),
    });
  }
  const command = await commandFor(ctx, node, pool);
  const releases = command === "leave" ? [] : await releaseAssignments(ctx, node);
  return { cancelClaims, command, ...(releases.length === 0 ? {} : { jobReleaseTasks: releases }) };
}

/** Renews the listed task claims; returns those the node must stop. */
async function renewClaims(
  ctx: ServiceContext,
  node: NodeRecord,
  claims: readonly string[],
): Promise<string[]> {
  const cancel: string[] = [];
  const byStoreToken = new Map<string, string>();
  for (const claim of claims) {
    const ref = parseClaimToken(claim);
    // A multi-instance subtask ends through its own long poll (multi-instance-gang.ts).
    if (ref === undefined) {
      if (!isSubtaskClaimToken(claim)) cancel.push(claim);
    } else if (ref.kind === "task") byStoreToken.set(ref.storeToken, claim);
    else if (ref.nodeId !== node.id) cancel.push(claim);
  }
  if (byStoreToken.size > 0) {
    const renewal = await ctx.tasks.renewLeases(
      node.id,
      [...byStoreToken.keys()],
      ctx.settings.leaseMs,
    );
    for (const token of renewal.invalid) cancel.push(byStoreToken.get(token) ?? token);
  }
  return cancel;
}

async function commandFor(
  ctx: ServiceContext,
  node: NodeRecord,
  pool: PoolRecord,
): Promise<HeartbeatResponse["command"]> {
  if (node.state === "leavingpool") {
    if (node.runningTasksCount > 0) return "none";
    await ctx.nodes.remove(node.id);
    await finishPoolDeletion(ctx, pool);
    await reconcilePoolById(ctx, pool.id);
    return "leave";
  }
  if (nodeInfoOf(node).command === "reboot") {
    await ctx.nodes.update(node.id, { info: omitKeys(node.info, ["command"]) });
    return "reboot";
  }
  return "none";
}

/** A pool being deleted goes once its last node has left. */
export async function finishPoolDeletion(ctx: ServiceContext, pool: PoolRecord): Promise<void> {
  if (pool.state !== "deleting") return;
  if ((await poolNodes(ctx, pool.id)).length > 0) return;
  try {
    await ctx.pools.delete(pool.id);
  } catch (error) {
    if (!isStoreNotFound(error)) throw error;
  }
}
