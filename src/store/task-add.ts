import type { Kysely, Selectable } from "kysely";
import { SluiceError } from "../core/index.js";
import { idKey, notFound } from "./record-keys.js";
import type { StoreSchema, TasksTable } from "./schema.js";
import { chunks, lockJob, type StoreContext } from "./store-context.js";
import { integerAtLeast } from "./store-arguments.js";
import { dependencyKeys } from "./task-dependency-ids.js";
import { toNewTaskRow, toTaskRecord, type NewTaskPlace } from "./task-row.js";
import type { AddTaskResult, NewTask } from "./task-types.js";

/** Most tasks one `addMany` call takes, as Batch's `addtaskcollection`. */
export const maxTasksPerAdd = 100;

/** When and with which etag the tasks of one call are stamped. */
export interface AddStamp {
  readonly now: number;
  readonly etag: string;
}

interface Wanted {
  readonly task: NewTask;
  readonly key: string;
  readonly deps: readonly string[];
}

/** `TaskStore.addMany`: see there. */
export async function addTasks(
  context: StoreContext,
  jobId: string,
  tasks: readonly NewTask[],
  stamp: AddStamp,
): Promise<AddTaskResult[]> {
  checkBatch(tasks);
  const wanted = tasks.map((task) => ({ task, key: idKey(task.id), deps: dependencyKeys(task) }));
  const jobKey = idKey(jobId);
  return context.writeTransaction(async (trx) => {
    // PostgreSQL: hold the job so no dependency completes between reading whether it is
    // satisfied and our edges being visible to its release (finishAttempt locks it "share").
    if (wanted.some((entry) => entry.deps.length > 0)) {
      await lockJob(context, trx, [jobKey], "update");
    }
    const job = await trx
      .selectFrom("jobs")
      .select("pool_id_key")
      .where("id_key", "=", jobKey)
      .executeTakeFirst();
    if (job === undefined) throw notFound("job", jobId);
    const fresh = await withoutDuplicates(trx, jobKey, wanted);
    const satisfied = await satisfiedKeys(
      trx,
      jobKey,
      fresh.flatMap((entry) => entry.deps),
    );
    const created = await insertTasks(trx, fresh, (deps) => ({
      jobKey,
      poolKey: job.pool_id_key,
      ...stamp,
      unmetDependencies: deps.filter((dep) => !satisfied.has(dep)).length,
    }));
    await insertEdges(
      trx,
      jobKey,
      fresh.filter((entry) => created.has(entry)),
      satisfied,
    );
    return wanted.map((entry): AddTaskResult => {
      const row = created.get(entry);
      return row === undefined
        ? { status: "duplicate", id: entry.task.id }
        : { status: "created", task: toTaskRecord(row) };
    });
  });
}

/** The entries whose id is taken neither in the job nor by an earlier entry of the call. */
async function withoutDuplicates(
  trx: Kysely<StoreSchema>,
  jobKey: string,
  wanted: readonly Wanted[],
): Promise<Wanted[]> {
  const taken = await existingKeys(
    trx,
    jobKey,
    wanted.map((entry) => entry.key),
  );
  const fresh: Wanted[] = [];
  for (const entry of wanted) {
    if (taken.has(entry.key)) continue;
    taken.add(entry.key);
    fresh.push(entry);
  }
  return fresh;
}

/** Inserts the entries' tasks; the rows actually inserted, by entry. */
async function insertTasks(
  trx: Kysely<StoreSchema>,
  fresh: readonly Wanted[],
  placeOf: (deps: readonly string[]) => NewTaskPlace,
): Promise<Map<Wanted, Selectable<TasksTable>>> {
  if (fresh.length === 0) return new Map();
  // ON CONFLICT DO NOTHING: a concurrent call that added the same id first makes ours a
  // duplicate instead of failing the whole batch.
  const inserted = await trx
    .insertInto("tasks")
    .values(fresh.map((entry) => toNewTaskRow(entry.task, placeOf(entry.deps))))
    .onConflict((conflict) => conflict.columns(["job_id_key", "id_key"]).doNothing())
    .returningAll()
    .execute();
  const byKey = new Map(inserted.map((row) => [row.id_key, row]));
  const created = new Map<Wanted, Selectable<TasksTable>>();
  for (const entry of fresh) {
    const row = byKey.get(entry.key);
    if (row !== undefined) created.set(entry, row);
  }
  return created;
}

/** Records each created task's dependencies, marking those already satisfied. */
async function insertEdges(
  trx: Kysely<StoreSchema>,
  jobKey: string,
  created: readonly Wanted[],
  satisfied: ReadonlySet<string>,
): Promise<void> {
  const edges = created.flatMap(({ key, deps }) =>
    deps.map((dep) => ({
      job_id_key: jobKey,
      task_id_key: key,
      depends_on_id_key: dep,
      satisfied: satisfied.has(dep) ? 1 : 0,
    })),
  );
  for (const part of chunks(edges, 100)) {
    await trx.insertInto("task_dependencies").values(part).execute();
  }
}

function checkBatch(tasks: readonly NewTask[]): void {
  if (tasks.length > maxTasksPerAdd) {
    throw new SluiceError(
      "InvalidArgument",
      `addMany was given ${tasks.length} tasks; at most ${maxTasksPerAdd} are allowed per call.`,
      { details: { field: "tasks", value: tasks.length, maximum: maxTasksPerAdd } },
    );
  }
  for (const [index, task] of tasks.entries()) {
    integerAtLeast(`tasks[${index}].requiredSlots`, task.requiredSlots ?? 1, 1);
  }
}

/** The keys among `keys` already taken in the job. */
async function existingKeys(
  trx: Kysely<StoreSchema>,
  jobKey: string,
  keys: readonly string[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await trx
    .selectFrom("tasks")
    .select("id_key")
    .where("job_id_key", "=", jobKey)
    .where("id_key", "in", keys)
    .execute();
  return new Set(rows.map((row) => row.id_key));
}

/** The keys among `keys` of tasks that completed and satisfy their dependents. */
async function satisfiedKeys(
  trx: Kysely<StoreSchema>,
  jobKey: string,
  keys: readonly string[],
): Promise<Set<string>> {
  const satisfied = new Set<string>();
  for (const part of chunks([...new Set(keys)])) {
    const rows = await trx
      .selectFrom("tasks")
      .select("id_key")
      .where("job_id_key", "=", jobKey)
      .where("satisfies_dependents", "=", 1)
      .where("id_key", "in", part)
      .execute();
    for (const row of rows) satisfied.add(row.id_key);
  }
  return satisfied;
}
