import { sql, type Kysely } from "kysely";
import {
  budgetSpent,
  jobAllowance,
  pickClaims,
  type ClaimBudget,
  type ClaimCandidate,
} from "./claim-plan.js";
import { jobNotBlockedOn, runningColumns } from "./claim-columns.js";
import { readClaimNode } from "./claim-node.js";
import { readPoolLoad } from "./claim-pool-load.js";
import { postgresClaimCandidates } from "./postgres/claim-candidates.js";
import { idKey } from "./record-keys.js";
import type { StoreSchema } from "./schema.js";
import { sqliteClaimCandidates, type CandidateRequest } from "./sqlite/claim-candidates.js";
import { lockJob, type StoreContext } from "./store-context.js";
import { integerAtLeast } from "./store-arguments.js";
import { toTaskRecord } from "./task-row.js";
import type { TaskRecord } from "./task-store.js";
import type { ClaimRequest, NodeClaim, NodeClaimRequest } from "./task-types.js";

/** When the claim happens, and the random parts it stamps. */
export interface ClaimStamp {
  readonly now: number;
  readonly etag: string;
  /** Random hex; each task's claim token is this and its row number. */
  readonly tokenBase: string;
}

interface ActiveJob {
  readonly id_key: string;
  readonly priority: number;
  readonly max_parallel_tasks: number;
}

/**
 * `TaskStore.claim`: one write transaction that picks ready tasks of the pool's active
 * jobs, highest priority first, oldest first, and moves them to running on the node; with a
 * `slotLimit`, at most the slots it allows given the pool's load, read in the same transaction.
 * SQLite: the transaction holds the write lock (`BEGIN IMMEDIATE`). PostgreSQL: candidates
 * are locked `FOR UPDATE SKIP LOCKED`, and the rows of jobs with max_parallel_tasks are
 * locked before their running tasks are counted, so two claimers never overshoot the cap.
 */
export async function claimTasks(
  context: StoreContext,
  request: ClaimRequest,
  stamp: ClaimStamp,
): Promise<TaskRecord[]> {
  const freeSlots = integerAtLeast("freeSlots", request.freeSlots, 0);
  const maxTasks = integerAtLeast("maxTasks", request.maxTasks, 0);
  const leaseMs = integerAtLeast("leaseMs", request.leaseMs, 1);
  if (freeSlots === 0 || maxTasks === 0) return [];
  const claim = { ...request, poolKey: idKey(request.poolId), freeSlots, maxTasks, leaseMs };
  return context.writeTransaction((trx) => claimIn(context, trx, claim, stamp));
}

/**
 * `TaskStore.claimForNode`: {@link claimTasks} for the pool of the node, which is read (with
 * its pool) in the same transaction and admitted by `request.admit`. On PostgreSQL the node
 * is read again, locked, before the tasks are marked, and must still be admitted.
 */
export async function claimForNode(
  context: StoreContext,
  request: NodeClaimRequest,
  stamp: ClaimStamp,
): Promise<NodeClaim> {
  const freeSlots = integerAtLeast("freeSlots", request.freeSlots, 0);
  const maxTasks = integerAtLeast("maxTasks", request.maxTasks, 0);
  const leaseMs = integerAtLeast("leaseMs", request.leaseMs, 1);
  return context.writeTransaction(async (trx) => {
    const node = await readClaimNode(context.dialect, trx, request.nodeId);
    if (node === undefined) return { node, tasks: [] };
    const admission = request.admit(node);
    const slots = Math.min(freeSlots, Math.floor(admission.slots));
    if (!(slots > 0) || maxTasks === 0) return { node, tasks: [] };
    const stillAdmitted = async (): Promise<boolean> => {
      if (context.dialect !== "postgres") return true;
      const locked = await readClaimNode(context.dialect, trx, request.nodeId, true);
      return locked !== undefined && request.admit(locked).slots > 0;
    };
    const claim: Claim = {
      poolKey: node.poolKey,
      nodeId: node.id,
      freeSlots: slots,
      maxTasks,
      leaseMs,
      ...(admission.slotLimit === undefined ? {} : { slotLimit: admission.slotLimit }),
      stillAdmitted,
    };
    return { node, tasks: await claimIn(context, trx, claim, stamp) };
  });
}

/** A validated claim. */
interface Claim {
  readonly poolKey: string;
  readonly nodeId: string;
  readonly freeSlots: number;
  readonly maxTasks: number;
  readonly leaseMs: number;
  readonly slotLimit?: ClaimRequest["slotLimit"];
  /** Asked once tasks are picked, before they are marked; false claims nothing. */
  readonly stillAdmitted?: () => Promise<boolean>;
}

async function claimIn(
  context: StoreContext,
  trx: Kysely<StoreSchema>,
  request: Claim,
  stamp: ClaimStamp,
): Promise<TaskRecord[]> {
  const jobs = await activeJobs(trx, request.poolKey, request.nodeId);
  const slots = await slotLimit(trx, request, jobs);
  if (slots <= 0) return [];
  let budget: ClaimBudget = {
    slots,
    tasks: request.maxTasks,
    jobCapacity: await jobCapacity(context, trx, jobs),
  };
  const picked: ClaimCandidate[] = [];
  for (const level of priorityLevels(jobs)) {
    if (budgetSpent(budget)) break;
    const requests: CandidateRequest[] = level
      .map((job) => ({ jobKey: job.id_key, limit: jobAllowance(budget, job.id_key) }))
      .filter((wanted) => wanted.limit > 0);
    if (requests.length === 0) continue;
    const candidates = await fetchCandidates(context, trx, requests, budget.slots);
    const step = pickClaims(candidates, budget);
    picked.push(...step.picked);
    budget = step.left;
  }
  if (picked.length === 0 || !(await (request.stillAdmitted?.() ?? true))) return [];
  return markRunning(trx, picked, request.nodeId, request.leaseMs, stamp);
}

/** The pool's active jobs the node may run, highest priority first, then oldest. */
function activeJobs(trx: Kysely<StoreSchema>, poolKey: string, nodeId: string) {
  return trx
    .selectFrom("jobs")
    .select(["id_key", "priority", "max_parallel_tasks"])
    .where("pool_id_key", "=", poolKey)
    .where("state", "=", "active")
    .where(jobNotBlockedOn(nodeId))
    .orderBy("priority", "desc")
    .orderBy("creation_time")
    .orderBy("id_key")
    .execute();
}

/** The claim's slots: its free slots, capped by the request's `slotLimit` over the pool's load. */
async function slotLimit(
  trx: Kysely<StoreSchema>,
  request: Claim,
  jobs: readonly ActiveJob[],
): Promise<number> {
  const freeSlots = request.freeSlots;
  if (request.slotLimit === undefined || jobs.length === 0) return freeSlots;
  const load = await readPoolLoad(
    trx,
    request.poolKey,
    jobs.map((job) => job.id_key),
  );
  const limit = await request.slotLimit(load);
  return Number.isFinite(limit) ? Math.min(freeSlots, Math.max(0, Math.floor(limit))) : freeSlots;
}

/** The active jobs grouped by priority, highest first (they arrive sorted). */
function priorityLevels(jobs: readonly ActiveJob[]): ActiveJob[][] {
  const levels: ActiveJob[][] = [];
  for (const job of jobs) {
    const level = levels.at(-1);
    if (level !== undefined && level[0]?.priority === job.priority) level.push(job);
    else levels.push([job]);
  }
  return levels;
}

/** For each job with max_parallel_tasks, how many more tasks may start. */
async function jobCapacity(
  context: StoreContext,
  trx: Kysely<StoreSchema>,
  jobs: readonly ActiveJob[],
): Promise<Map<string, number>> {
  const capped = jobs.filter((job) => job.max_parallel_tasks >= 0);
  const capacity = new Map<string, number>();
  if (capped.length === 0) return capacity;
  // Locked before counting: on PostgreSQL a concurrent claimer waits here until we commit,
  // then counts the tasks we started.
  await lockJob(
    context,
    trx,
    capped.map((job) => job.id_key),
    "update",
  );
  const running = await trx
    .selectFrom("tasks")
    .select(["job_id_key", (eb) => eb.fn.countAll<number>().as("running")])
    .where(
      "job_id_key",
      "in",
      capped.map((job) => job.id_key),
    )
    .where("state", "in", ["running", "preparing"])
    .groupBy("job_id_key")
    .execute();
  const counts = new Map(running.map((row) => [row.job_id_key, Number(row.running)]));
  for (const job of capped) {
    capacity.set(job.id_key, Math.max(0, job.max_parallel_tasks - (counts.get(job.id_key) ?? 0)));
  }
  return capacity;
}

function fetchCandidates(
  context: StoreContext,
  trx: Kysely<StoreSchema>,
  requests: readonly CandidateRequest[],
  freeSlots: number,
): Promise<ClaimCandidate[]> {
  return context.dialect === "postgres"
    ? postgresClaimCandidates(trx, requests, freeSlots)
    : sqliteClaimCandidates(trx, requests, freeSlots);
}

/** Moves the picked tasks to running on the node, in one statement; returns them in pick order. */
async function markRunning(
  trx: Kysely<StoreSchema>,
  picked: readonly ClaimCandidate[],
  nodeId: string,
  leaseMs: number,
  stamp: ClaimStamp,
): Promise<TaskRecord[]> {
  if (picked.length === 0) return [];
  const rows = await trx
    .updateTable("tasks")
    .set((eb) => ({
      ...runningColumns(eb, { nodeId, now: stamp.now, leaseMs, etag: stamp.etag }),
      // One random draw per claim, made unique per task by its row number.
      claim_token: sql<string>`CAST(${stamp.tokenBase} AS TEXT) || '-' || CAST(pk AS TEXT)`,
    }))
    .where(
      "pk",
      "in",
      picked.map((candidate) => candidate.pk),
    )
    .where("state", "=", "active")
    .returningAll()
    .execute();
  const order = new Map(picked.map((candidate, index) => [candidate.pk, index]));
  return rows.sort((a, b) => (order.get(a.pk) ?? 0) - (order.get(b.pk) ?? 0)).map(toTaskRecord);
}
