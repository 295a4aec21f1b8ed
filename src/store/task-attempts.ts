import type { ExpressionBuilder, Kysely, Updateable } from "kysely";
import type { WriteOptions } from "./pool-store.js";
import { idKey } from "./record-keys.js";
import type { StoreSchema, TasksTable } from "./schema.js";
import { lockJob, type StoreContext } from "./store-context.js";
import { settleDependents } from "./task-dependents.js";
import { taskRejection } from "./task-errors.js";
import { toTaskRecord } from "./task-row.js";
import type { AttemptOutcome, Completion, TaskRecord } from "./task-store.js";
import type { CompletionResult, TaskKey } from "./task-types.js";

/** The time and etag a write stamps. */
export interface WriteStamp {
  readonly now: number;
  readonly etag: string;
}

/** Columns every state change sets: the old state becomes the previous one. */
function transition(state: string, stamp: WriteStamp) {
  return (eb: ExpressionBuilder<StoreSchema, "tasks">) => ({
    previous_state: eb.ref("state"),
    previous_state_transition_time: eb.ref("state_transition_time"),
    state,
    state_transition_time: stamp.now,
    etag: stamp.etag,
    last_modified: stamp.now,
  });
}

/** Columns of a completion; the attempt's claim ends, the node it ran on stays recorded. */
function completedColumns(completion: Completion, stamp: WriteStamp): Updateable<TasksTable> {
  return {
    end_time: stamp.now,
    exit_code: completion.exitCode,
    result: completion.result,
    failure_info: completion.failureInfo === null ? null : JSON.stringify(completion.failureInfo),
    satisfies_dependents: completion.dependencyAction === "satisfy" ? 1 : 0,
    claim_token: null,
    lease_expiry: null,
  };
}

/** `TaskStore.finishAttempt`: see there. */
export function finishAttempt(
  context: StoreContext,
  key: TaskKey,
  claimToken: string,
  outcome: AttemptOutcome,
  stamp: WriteStamp,
): Promise<CompletionResult> {
  const jobKey = idKey(key.jobId);
  const taskKey = idKey(key.taskId);
  return context.writeTransaction(async (trx) => {
    // Job before task, as every writer locks them, so releasing dependents never deadlocks.
    const job = await readJobState(context, trx, jobKey);
    const columns: Updateable<TasksTable> =
      outcome.kind === "completed"
        ? completedColumns(outcome, stamp)
        : { claim_token: null, lease_expiry: null, node_id: null, last_retry_time: stamp.now };
    const row = await trx
      .updateTable("tasks")
      .set(transition(outcome.kind === "completed" ? "completed" : "active", stamp))
      .set(columns)
      .$if(outcome.kind === "retry", (query) =>
        query.set((eb) => ({ retry_count: eb("retry_count", "+", 1) })),
      )
      .where("job_id_key", "=", jobKey)
      .where("id_key", "=", taskKey)
      .where("state", "=", "running")
      .where("claim_token", "=", claimToken)
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) {
      throw await taskRejection(trx, key, { state: "running under this claim token" });
    }
    const task = toTaskRecord(row);
    if (outcome.kind === "retry") {
      return { task, releasedDependents: [], blockedDependents: [], ...job };
    }
    if (row.node_id !== null) await countOnNode(trx, row.node_id, outcome.result === "success");
    const dependents =
      outcome.noDependents === true
        ? { releasedDependents: [], blockedDependents: [] }
        : await settleDependents(trx, jobKey, taskKey, outcome.dependencyAction);
    return { task, ...dependents, ...job };
  });
}

/**
 * The job's state for a completion, read first in its transaction; on PostgreSQL the row is
 * locked `FOR SHARE` (job before task, as every writer locks them, so releasing dependents
 * never deadlocks, and a job state change either precedes this completion or sees it).
 */
async function readJobState(
  context: StoreContext,
  trx: Kysely<StoreSchema>,
  jobKey: string,
): Promise<Pick<CompletionResult, "job">> {
  const query = trx
    .selectFrom("jobs")
    .select(["state", "on_all_tasks_complete"])
    .where("id_key", "=", jobKey);
  const row = await (context.dialect === "postgres" ? query.forShare() : query).executeTakeFirst();
  return row === undefined
    ? {}
    : { job: { state: row.state, onAllTasksComplete: row.on_all_tasks_complete } };
}

/** Batch's per-node totals: tasks completed there, and of those, succeeded. */
async function countOnNode(trx: Kysely<StoreSchema>, nodeId: string, succeeded: boolean) {
  await trx
    .updateTable("nodes")
    .set((eb) => ({
      total_tasks_run: eb("total_tasks_run", "+", 1),
      total_tasks_succeeded: eb("total_tasks_succeeded", "+", succeeded ? 1 : 0),
    }))
    .where("id", "=", nodeId)
    .execute();
}

/** `TaskStore.terminate`: see there. */
export function terminateTask(
  context: StoreContext,
  key: TaskKey,
  completion: Completion,
  options: WriteOptions,
  stamp: WriteStamp,
): Promise<CompletionResult> {
  const jobKey = idKey(key.jobId);
  const taskKey = idKey(key.taskId);
  return context.writeTransaction(async (trx) => {
    if (completion.dependencyAction === "satisfy") await lockJob(context, trx, [jobKey], "share");
    const row = await trx
      .updateTable("tasks")
      .set(transition("completed", stamp))
      .set(completedColumns(completion, stamp))
      .where("job_id_key", "=", jobKey)
      .where("id_key", "=", taskKey)
      .where("state", "!=", "completed")
      .$if(options.ifMatch !== undefined, (query) => query.where("etag", "=", options.ifMatch!))
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) {
      throw await taskRejection(trx, key, { ifMatch: options.ifMatch, state: "not completed" });
    }
    const dependents = await settleDependents(trx, jobKey, taskKey, completion.dependencyAction);
    return { task: toTaskRecord(row), ...dependents };
  });
}

/**
 * `TaskStore.reactivate`: completed -> active with Batch's reset (retry count 0, no exit
 * code, failure info or result). Dependents it already released stay released.
 */
export async function reactivateTask(
  context: StoreContext,
  key: TaskKey,
  options: WriteOptions,
  stamp: WriteStamp,
): Promise<TaskRecord> {
  const row = await context.db
    .updateTable("tasks")
    .set(transition("active", stamp))
    .set({
      retry_count: 0,
      last_retry_time: null,
      end_time: null,
      exit_code: null,
      result: null,
      failure_info: null,
      satisfies_dependents: 0,
      node_id: null,
      claim_token: null,
      lease_expiry: null,
    })
    .where("job_id_key", "=", idKey(key.jobId))
    .where("id_key", "=", idKey(key.taskId))
    .where("state", "=", "completed")
    .$if(options.ifMatch !== undefined, (query) => query.where("etag", "=", options.ifMatch!))
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) {
    throw await taskRejection(context.db, key, { ifMatch: options.ifMatch, state: "completed" });
  }
  return toTaskRecord(row);
}
