import type { Kysely } from "kysely";
import { systemClock, systemRandom, type Clock, type RandomSource } from "../core/index.js";
import { decodeNumericContinuationToken, pageSize, toPage, type Page } from "./page.js";
import type { WriteOptions } from "./pool-store.js";
import { idKey, newEtag, notFound } from "./record-keys.js";
import type { StoreSchema } from "./schema.js";
import type { StoreDeps } from "./sql-pool-store.js";
import type { StoreContext } from "./store-context.js";
import { integerAtLeast } from "./store-arguments.js";
import { addTasks } from "./task-add.js";
import { finishAttempt, reactivateTask, terminateTask, type WriteStamp } from "./task-attempts.js";
import { claimForNode, claimTasks } from "./task-claim.js";
import { countTasks } from "./task-counts.js";
import { taskNotFound, taskRejection } from "./task-errors.js";
import { renewLeases, requeueTasks, tasksOnNode } from "./task-leases.js";
import { toTaskRecord } from "./task-row.js";
import type {
  AttemptOutcome,
  Completion,
  TaskListOptions,
  TaskRecord,
  TaskStore,
} from "./task-store.js";
import type {
  AddTaskResult,
  ClaimRequest,
  CompletionResult,
  LeaseRenewal,
  NewTask,
  NodeClaim,
  NodeClaimRequest,
  RequeueSelector,
  TaskCounts,
  TaskKey,
  TaskPatch,
} from "./task-types.js";

/**
 * The {@link TaskStore} for both dialects. Pass a `Database`, or `joinTransaction(...)` to
 * make its writes part of an open transaction. `deps.random` draws etags and claim tokens.
 */
export function createTaskStore(context: StoreContext, deps: StoreDeps = {}): TaskStore {
  return new SqlTaskStore(context, deps.clock ?? systemClock, deps.random ?? systemRandom);
}

class SqlTaskStore implements TaskStore {
  constructor(
    private readonly context: StoreContext,
    private readonly clock: Clock,
    private readonly random: RandomSource,
  ) {}

  addMany(jobId: string, tasks: readonly NewTask[]): Promise<AddTaskResult[]> {
    return addTasks(this.context, jobId, tasks, this.stamp());
  }

  async get(key: TaskKey): Promise<TaskRecord> {
    const row = await findTask(this.context.db, key).selectAll().executeTakeFirst();
    if (row === undefined) throw taskNotFound(key);
    return toTaskRecord(row);
  }

  async list(jobId: string, options: TaskListOptions = {}): Promise<Page<TaskRecord>> {
    const size = pageSize(options);
    const jobKey = idKey(jobId);
    let query = this.context.db
      .selectFrom("tasks")
      .selectAll()
      .where("job_id_key", "=", jobKey)
      .orderBy("pk")
      .limit(size + 1);
    if (options.state !== undefined) query = query.where("state", "=", options.state);
    if (options.continuationToken !== undefined) {
      query = query.where("pk", ">", decodeNumericContinuationToken(options.continuationToken));
    }
    const rows = await query.execute();
    if (rows.length === 0 && !(await this.jobExists(jobKey))) throw notFound("job", jobId);
    return toPage(rows, size, (row) => String(row.pk), toTaskRecord);
  }

  async update(key: TaskKey, patch: TaskPatch, options: WriteOptions = {}): Promise<TaskRecord> {
    const now = this.clock.now();
    const row = await this.context.db
      .updateTable("tasks")
      .set({
        ...(patch.spec === undefined ? {} : { spec: JSON.stringify(patch.spec) }),
        ...(patch.requiredSlots === undefined
          ? {}
          : { required_slots: integerAtLeast("requiredSlots", patch.requiredSlots, 1) }),
        etag: newEtag(this.random),
        last_modified: now,
      })
      .where("job_id_key", "=", idKey(key.jobId))
      .where("id_key", "=", idKey(key.taskId))
      .$if(options.ifMatch !== undefined, (query) => query.where("etag", "=", options.ifMatch!))
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) throw await this.rejection(key, options);
    return toTaskRecord(row);
  }

  async delete(key: TaskKey, options: WriteOptions = {}): Promise<void> {
    // Its own dependency edges go by ON DELETE CASCADE; edges naming it stay, as a task
    // with its id may be added again.
    const result = await this.context.db
      .deleteFrom("tasks")
      .where("job_id_key", "=", idKey(key.jobId))
      .where("id_key", "=", idKey(key.taskId))
      .$if(options.ifMatch !== undefined, (query) => query.where("etag", "=", options.ifMatch!))
      .executeTakeFirst();
    if (result.numDeletedRows === 0n) throw await this.rejection(key, options);
  }

  claim(request: ClaimRequest): Promise<TaskRecord[]> {
    const tokenBase = newEtag(this.random).slice(2).toLowerCase();
    return claimTasks(this.context, request, { ...this.stamp(), tokenBase });
  }

  claimForNode(request: NodeClaimRequest): Promise<NodeClaim> {
    const tokenBase = newEtag(this.random).slice(2).toLowerCase();
    return claimForNode(this.context, request, { ...this.stamp(), tokenBase });
  }

  renewLeases(
    nodeId: string,
    claimTokens: readonly string[],
    leaseMs: number,
  ): Promise<LeaseRenewal> {
    return renewLeases(this.context.db, nodeId, claimTokens, leaseMs, this.clock.now());
  }

  finishAttempt(
    key: TaskKey,
    claimToken: string,
    outcome: AttemptOutcome,
  ): Promise<CompletionResult> {
    return finishAttempt(this.context, key, claimToken, outcome, this.stamp());
  }

  listOnNode(nodeId: string): Promise<TaskRecord[]> {
    return tasksOnNode(this.context.db, nodeId);
  }

  requeue(selector: RequeueSelector): Promise<TaskRecord[]> {
    return requeueTasks(this.context.db, selector, this.stamp());
  }

  terminate(
    key: TaskKey,
    completion: Completion,
    options: WriteOptions = {},
  ): Promise<CompletionResult> {
    return terminateTask(this.context, key, completion, options, this.stamp());
  }

  reactivate(key: TaskKey, options: WriteOptions = {}): Promise<TaskRecord> {
    return reactivateTask(this.context, key, options, this.stamp());
  }

  countByState(jobId: string): Promise<TaskCounts> {
    return countTasks(this.context.db, jobId);
  }

  private stamp(): WriteStamp {
    return { now: this.clock.now(), etag: newEtag(this.random) };
  }

  private async jobExists(jobKey: string): Promise<boolean> {
    const job = await this.context.db
      .selectFrom("jobs")
      .select("id_key")
      .where("id_key", "=", jobKey)
      .executeTakeFirst();
    return job !== undefined;
  }

  private rejection(key: TaskKey, options: WriteOptions) {
    return taskRejection(this.context.db, key, { ifMatch: options.ifMatch, state: "any state" });
  }
}

function findTask(db: Kysely<StoreSchema>, key: TaskKey) {
  return db
    .selectFrom("tasks")
    .where("job_id_key", "=", idKey(key.jobId))
    .where("id_key", "=", idKey(key.taskId));
}
