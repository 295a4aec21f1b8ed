// The claim path's multi-instance part: before the one-by-one claim, a node of a pool with
// multi-instance work hands itself to the gang claim (store/gang-claim.ts), which holds it
// for the pool's first multi-instance task until enough nodes have joined, then starts the
// task on all of them at once. Pools without such work pay one cached look per second.
import type { MultiInstanceAssignment, TaskAssignment } from "../../api/index.js";
import type { JsonObject } from "../../core/index.js";
import type {
  ClaimNode,
  GangDelivery,
  JobRecord,
  NodeRecord,
  PoolRecord,
  TaskRecord,
} from "../../store/index.js";
import { canRunTasks } from "../state/node-state.js";
import { resourceAssignments } from "./assignment.js";
import { subtaskClaimToken } from "./multi-instance-token.js";
import { multiInstancePoolProblem } from "../validation/multi-instance-rules.js";
import { nodeInfoOf, poolSpecOf, taskSpecOf } from "./records.js";
import type { ServiceContext } from "./service-deps.js";
import { isStoreNotFound } from "./store-errors.js";
import { packagesFor } from "./task-packages.js";

/** Builds a claimed task's assignment (agent-claims' `assignmentOf`). */
export type AssignmentBuilder = (
  task: TaskRecord,
  job: JobRecord,
  pool: Pick<PoolRecord, "id">,
) => TaskAssignment;

/** The port Batch's `AZ_BATCH_MASTER_NODE` names (its documented example). */
export const masterNodePort = 6000;

/** `numberOfInstances` of a task's spec (default 1). */
export function instancesOf(spec: JsonObject): number {
  const settings = spec.multiInstanceSettings as { numberOfInstances?: number } | undefined;
  return settings?.numberOfInstances ?? 1;
}

/**
 * Multi-instance work for the node: instances handed to it, or none while it is held for a
 * task still gathering nodes. Undefined when the pool has no such work for it: the caller
 * claims ordinary tasks.
 */
export async function claimGangWork(
  ctx: ServiceContext,
  nodeId: string,
  freeSlots: number,
  build: AssignmentBuilder,
): Promise<{ node: ClaimNode; tasks: TaskAssignment[] } | undefined> {
  const poolKey = await ctx.gangHints.poolOf(nodeId, () => nodePoolKey(ctx, nodeId));
  if (poolKey === undefined) return undefined;
  const now = ctx.clock.now();
  const ask = () => ctx.subtasks.poolHasGangWork(poolKey);
  if (!(await ctx.gangHints.mayHaveWork(poolKey, now, ask))) return undefined;
  const pool = await ctx.pools.get(poolKey);
  const fit =
    multiInstancePoolProblem({
      enableInterNodeCommunication: poolSpecOf(pool).enableInterNodeCommunication === true,
      taskSlotsPerNode: pool.taskSlotsPerNode,
    }) === undefined;
  const { settings } = ctx;
  const claim = await ctx.subtasks.claimGang({
    nodeId,
    leaseMs: settings.leaseMs,
    reservationMs: Math.min(
      settings.leaseMs,
      Math.max(5 * settings.claimRecheckMs, 2 * settings.heartbeatIntervalMs),
    ),
    mayReserve: (node) => fit && mayJoin(node, freeSlots),
    schedulable: (node) => canRunTasks(nodeView(node)),
    instancesOf,
  });
  if (claim.node === undefined) return undefined;
  if (claim.deliveries.length === 0 && !claim.holding) return undefined;
  if (claim.deliveries.length > 0) ctx.signal.notify(pool.id);
  const tasks: TaskAssignment[] = [];
  for (const delivery of claim.deliveries) {
    tasks.push(await instanceAssignment(ctx, delivery, pool, build));
  }
  return { node: claim.node, tasks };
}

async function nodePoolKey(ctx: ServiceContext, nodeId: string): Promise<string | undefined> {
  try {
    return (await ctx.nodes.get(nodeId)).poolKey;
  } catch (error) {
    if (isStoreNotFound(error)) return undefined;
    throw error;
  }
}

const nodeView = (node: { state: string; schedulingState: string }) => ({
  state: node.state as NodeRecord["state"],
  schedulingState: node.schedulingState as NodeRecord["schedulingState"],
  runningTaskSlots: 0,
});

/** A node joins a multi-instance task only with nothing running (one task per node). */
function mayJoin(node: ClaimNode, freeSlots: number): boolean {
  if (node.poolState === "deleting" || !canRunTasks(nodeView(node))) return false;
  return node.runningSlots === 0 && Math.min(freeSlots, node.slots) > 0;
}

/** The assignment of one instance: the primary runs the task; a subtask only coordinates. */
async function instanceAssignment(
  ctx: ServiceContext,
  delivery: GangDelivery,
  pool: PoolRecord,
  build: AssignmentBuilder,
): Promise<TaskAssignment> {
  const { task, instance } = delivery;
  const job = await ctx.jobs.get(task.jobKey);
  const spec = taskSpecOf(task);
  const hostList = await Promise.all(delivery.members.map((id) => nodeAddress(ctx, id)));
  const multiInstance: MultiInstanceAssignment = {
    instance,
    numberOfInstances: delivery.members.length,
    coordinationCommandLine: spec.multiInstanceSettings?.coordinationCommandLine ?? "",
    commonResourceFiles: resourceAssignments(spec.multiInstanceSettings?.commonResourceFiles),
    hostList,
    masterNode: `${hostList[0] ?? "127.0.0.1"}:${masterNodePort}`,
  };
  const base = build(task, job, { id: pool.id });
  const packages = await packagesFor(ctx, pool.id, task);
  const withPackages = packages.length ? { ...base, applicationPackages: packages } : base;
  if (instance === 0) return { ...withPackages, multiInstance };
  // As in Batch: only the primary downloads the task's resource files and uploads its outputs.
  return {
    ...withPackages,
    claimToken: subtaskClaimToken({
      runToken: task.claimToken ?? "",
      jobId: job.id,
      taskId: task.id,
      instance,
    }),
    commandLine: multiInstance.coordinationCommandLine,
    resourceFiles: [],
    outputFiles: [],
    multiInstance,
  };
}

/** The address a node registered with; loopback by default (local agents). */
async function nodeAddress(ctx: ServiceContext, nodeId: string): Promise<string> {
  try {
    const info = nodeInfoOf(await ctx.nodes.get(nodeId)) as { ipAddress?: string };
    return info.ipAddress ?? "127.0.0.1";
  } catch (error) {
    if (isStoreNotFound(error)) return "127.0.0.1";
    throw error;
  }
}
