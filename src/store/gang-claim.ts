import { sql, type Kysely } from "kysely";
import type { JsonObject } from "../core/index.js";
import { jobNotBlockedOn, runningColumns } from "./claim-columns.js";
import { readClaimNode } from "./claim-node.js";
import { gangHold } from "./gang-hold.js";
import type { StoreSchema } from "./schema.js";
import type { StoreContext } from "./store-context.js";
import type { GangClaim, GangClaimRequest, GangDelivery } from "./subtask-store.js";
import type { ClaimStamp } from "./task-claim.js";
import { toTaskRecord } from "./task-row.js";

type Db = Kysely<StoreSchema>;

/** `SubtaskStore.claimGang`: see there. One write transaction. */
export function claimGang(
  context: StoreContext,
  request: GangClaimRequest,
  stamp: ClaimStamp,
): Promise<GangClaim> {
  return context.writeTransaction(async (trx) => {
    const node = await readClaimNode(context.dialect, trx, request.nodeId);
    if (node === undefined) return { node, deliveries: [], holding: false };
    const delivered = await pendingDeliveries(trx, request.nodeId);
    if (delivered.length > 0) return { node, deliveries: delivered, holding: false };
    await trx
      .deleteFrom("gang_reservations")
      .where("pool_id_key", "=", node.poolKey)
      .where("reserved_until", "<", stamp.now)
      .execute();
    const target = request.mayReserve(node)
      ? await firstFittingTask(trx, node.poolKey, request)
      : undefined;
    if (target === undefined) {
      await trx.deleteFrom("gang_reservations").where("node_id", "=", request.nodeId).execute();
      return { node, deliveries: [], holding: false };
    }
    await reserve(trx, request, node.poolKey, target, stamp.now);
    const members = await liveReservers(trx, target, request, stamp.now);
    if (members.length < target.instances) return { node, deliveries: [], holding: true };
    const chosen = members.slice(0, target.instances);
    const formed = await form(trx, { target, chosen, claimer: request.nodeId, request, stamp });
    return { node, deliveries: formed, holding: formed.length === 0 };
  });
}

interface Target {
  readonly pk: number;
  readonly jobKey: string;
  readonly taskKey: string;
  readonly poolKey: string;
  readonly instances: number;
}

/** Instances of formed runs the node has not been handed yet; marks them handed. */
async function pendingDeliveries(trx: Db, nodeId: string): Promise<GangDelivery[]> {
  const rows = await trx
    .selectFrom("subtasks")
    .select(["job_id_key", "task_id_key", "instance", "run_token"])
    .where("node_id", "=", nodeId)
    .where("delivered", "=", 0)
    .execute();
  const deliveries: GangDelivery[] = [];
  for (const row of rows) {
    await trx
      .updateTable("subtasks")
      .set({ delivered: 1 })
      .where("job_id_key", "=", row.job_id_key)
      .where("task_id_key", "=", row.task_id_key)
      .where("instance", "=", row.instance)
      .execute();
    const task = await trx
      .selectFrom("tasks")
      .selectAll()
      .where("job_id_key", "=", row.job_id_key)
      .where("id_key", "=", row.task_id_key)
      .where("state", "=", "running")
      .where("claim_token", "=", row.run_token)
      .executeTakeFirst();
    // A run that ended before the node came back for its instance: nothing to run.
    if (task === undefined) continue;
    const members = await runMembers(trx, row.job_id_key, row.task_id_key);
    deliveries.push({ task: toTaskRecord(task), instance: row.instance, members });
  }
  return deliveries;
}

async function runMembers(trx: Db, jobKey: string, taskKey: string): Promise<string[]> {
  const rows = await trx
    .selectFrom("subtasks")
    .select("node_id")
    .where("job_id_key", "=", jobKey)
    .where("task_id_key", "=", taskKey)
    .orderBy("instance")
    .execute();
  return rows.map((row) => row.node_id);
}

/**
 * The pool's first ready multi-instance task (job priority, then age) whose instances the
 * pool's schedulable nodes can hold. A task needing more nodes than the pool has waits, and
 * holds no node meanwhile (as in Batch, it stays active until the pool grows).
 */
async function firstFittingTask(
  trx: Db,
  poolKey: string,
  request: GangClaimRequest,
): Promise<Target | undefined> {
  const ready = await trx
    .selectFrom("tasks")
    .innerJoin("jobs", "jobs.id_key", "tasks.job_id_key")
    .select(["tasks.pk", "tasks.job_id_key", "tasks.id_key", "tasks.spec"])
    .where("tasks.pool_id_key", "=", poolKey)
    .where("tasks.state", "=", "active")
    // Literals, so the planners see the partial index tasks_gang applies.
    .where("tasks.unmet_dependencies", ">=", sql.lit(gangHold))
    .where("tasks.unmet_dependencies", "=", sql.lit(gangHold))
    .where("jobs.state", "=", "active")
    // As for other tasks: a job whose preparation task failed here under waitForSuccess.
    .where(jobNotBlockedOn(request.nodeId))
    .orderBy("jobs.priority", "desc")
    .orderBy("tasks.pk")
    .limit(100)
    .execute();
  if (ready.length === 0) return undefined;
  const nodes = await trx
    .selectFrom("nodes")
    .select(["state", "scheduling_state"])
    .where("pool_id_key", "=", poolKey)
    .execute();
  const capacity = nodes.filter((node) =>
    request.schedulable({ state: node.state, schedulingState: node.scheduling_state }),
  ).length;
  for (const row of ready) {
    const instances = request.instancesOf(JSON.parse(row.spec) as JsonObject);
    if (instances <= capacity) {
      return { pk: row.pk, jobKey: row.job_id_key, taskKey: row.id_key, poolKey, instances };
    }
  }
  return undefined;
}

async function reserve(
  trx: Db,
  request: GangClaimRequest,
  poolKey: string,
  target: Target,
  now: number,
): Promise<void> {
  const mine = await trx
    .selectFrom("gang_reservations")
    .selectAll()
    .where("node_id", "=", request.nodeId)
    .executeTakeFirst();
  const same = mine?.job_id_key === target.jobKey && mine.task_id_key === target.taskKey;
  const until = now + request.reservationMs;
  if (mine !== undefined && same) {
    await trx
      .updateTable("gang_reservations")
      .set({ reserved_until: until })
      .where("node_id", "=", request.nodeId)
      .execute();
    return;
  }
  if (mine !== undefined) {
    await trx.deleteFrom("gang_reservations").where("node_id", "=", request.nodeId).execute();
  }
  await trx
    .insertInto("gang_reservations")
    .values({
      node_id: request.nodeId,
      pool_id_key: poolKey,
      job_id_key: target.jobKey,
      task_id_key: target.taskKey,
      reserved_at: now,
      reserved_until: until,
    })
    .execute();
}

/** Nodes reserved for the task, still schedulable, oldest reservation first. */
async function liveReservers(
  trx: Db,
  target: Target,
  request: GangClaimRequest,
  now: number,
): Promise<string[]> {
  const rows = await trx
    .selectFrom("gang_reservations as r")
    .innerJoin("nodes as n", "n.id", "r.node_id")
    .select(["r.node_id", "n.state", "n.scheduling_state"])
    .where("r.job_id_key", "=", target.jobKey)
    .where("r.task_id_key", "=", target.taskKey)
    .where("r.reserved_until", ">=", now)
    .orderBy("r.reserved_at")
    .orderBy("r.node_id")
    .execute();
  return rows
    .filter((row) =>
      request.schedulable({ state: row.state, schedulingState: row.scheduling_state }),
    )
    .map((row) => row.node_id);
}

interface Formation {
  readonly target: Target;
  readonly chosen: readonly string[];
  readonly claimer: string;
  readonly request: GangClaimRequest;
  readonly stamp: ClaimStamp;
}

/**
 * Starts the task on the chosen nodes (the first, the longest waiting, is the master): the
 * task runs on it under a new claim token, one subtask row per instance; the claimer's own
 * instance is handed to it now, the others at their nodes' next claims.
 */
async function form(trx: Db, formation: Formation): Promise<GangDelivery[]> {
  const { target, chosen, claimer, stamp } = formation;
  const runToken = `${stamp.tokenBase}-${target.pk}`;
  const row = await startTask(trx, formation, runToken);
  // Another server started (or someone ended) the task meanwhile.
  if (row === undefined) return [];
  await trx
    .deleteFrom("subtasks")
    .where("job_id_key", "=", target.jobKey)
    .where("task_id_key", "=", target.taskKey)
    .execute();
  await trx
    .insertInto("subtasks")
    .values(
      chosen.map((nodeId, instance) => ({
        job_id_key: target.jobKey,
        task_id_key: target.taskKey,
        instance,
        pool_id_key: target.poolKey,
        run_token: runToken,
        node_id: nodeId,
        delivered: nodeId === claimer ? 1 : 0,
        state: "running",
        state_transition_time: stamp.now,
        start_time: stamp.now,
      })),
    )
    .execute();
  await trx
    .deleteFrom("gang_reservations")
    .where((eb) =>
      eb.or([
        eb.and([eb("job_id_key", "=", target.jobKey), eb("task_id_key", "=", target.taskKey)]),
        eb("node_id", "in", chosen),
      ]),
    )
    .execute();
  const task = toTaskRecord(row);
  return chosen.flatMap((nodeId, instance) =>
    nodeId === claimer ? [{ task, instance, members: chosen }] : [],
  );
}

/** The task, running on the master under the run's claim token; undefined if no longer active. */
function startTask(trx: Db, formation: Formation, runToken: string) {
  const { target, chosen, claimer, request, stamp } = formation;
  return trx
    .updateTable("tasks")
    .set((eb) => ({
      ...runningColumns(eb, {
        nodeId: chosen[0] ?? claimer,
        now: stamp.now,
        leaseMs: request.leaseMs,
        etag: stamp.etag,
      }),
      claim_token: runToken,
    }))
    .where("pk", "=", target.pk)
    .where("state", "=", "active")
    .returningAll()
    .executeTakeFirst();
}
