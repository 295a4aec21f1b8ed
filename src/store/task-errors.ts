import type { Kysely } from "kysely";
import { SluiceError } from "../core/index.js";
import { etagConflict, idKey } from "./record-keys.js";
import type { StoreSchema } from "./schema.js";
import type { TaskKey } from "./task-types.js";

/** The error for a task (or its job) that does not exist. */
export function taskNotFound(key: TaskKey): SluiceError {
  return new SluiceError(
    "StoreNotFound",
    `There is no task with id "${key.taskId}" in job "${key.jobId}".`,
    { details: { kind: "task", id: key.taskId, jobId: key.jobId } },
  );
}

/** Why a conditional task write matched no row, given what the write required. */
export async function taskRejection(
  db: Kysely<StoreSchema>,
  key: TaskKey,
  required: { ifMatch?: string | undefined; state: string },
): Promise<SluiceError> {
  const row = await db
    .selectFrom("tasks")
    .select(["etag", "state"])
    .where("job_id_key", "=", idKey(key.jobId))
    .where("id_key", "=", idKey(key.taskId))
    .executeTakeFirst();
  if (row === undefined) return taskNotFound(key);
  if (required.ifMatch !== undefined && required.ifMatch !== row.etag) {
    return etagConflict("task", key.taskId, required.ifMatch, row.etag);
  }
  return new SluiceError(
    "StoreConflict",
    `The task "${key.taskId}" of job "${key.jobId}" is ${row.state}; this write needs it ${required.state}. Read it again and decide.`,
    {
      details: {
        kind: "task",
        id: key.taskId,
        jobId: key.jobId,
        state: row.state,
        required: required.state,
      },
    },
  );
}
