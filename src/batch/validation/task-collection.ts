// `addtaskcollection`: the envelope is checked as a whole (at most 100 tasks), then each task
// on its own, so one bad task fails alone with a `clienterror` result, as in Batch.
import { BatchError, isBatchError } from "../batch-error.js";
import type { TaskAddParameter, TaskAddResult } from "../../api/index.js";
import { checkSchema, invalidValue, type SchemaOptions } from "./schema.js";
import { maxTasksPerCollection } from "./schemas-job.js";
import { validateTaskAdd, type TaskValidationContext } from "./validate-task.js";

/** One entry of a validated collection: the task, or the error that refused it. */
export type TaskCollectionEntry =
  | { readonly ok: true; readonly taskId: string; readonly task: TaskAddParameter }
  | { readonly ok: false; readonly taskId: string; readonly error: BatchError };

/**
 * Validates an `addtaskcollection` body. The body itself must be `{ value: [...] }` with 1 to
 * 100 tasks, or the whole request fails (a thrown BatchError). Each task is then validated on
 * its own; a task whose id repeats an earlier one in the collection (regardless of case)
 * gets `TaskExists`. Ids already in the job are the store's to find.
 */
export function validateTaskCollection(
  body: unknown,
  context: TaskValidationContext = {},
  options: SchemaOptions = {},
): TaskCollectionEntry[] {
  const envelope = checkSchema(
    {
      kind: "object",
      typeName: "TaskAddCollectionParameter",
      fields: { value: { kind: "array", items: { kind: "any" } } },
      required: ["value"],
    },
    body,
    "",
    options,
  ) as { value: unknown[] };
  if (envelope.value.length > maxTasksPerCollection) {
    throw new BatchError(
      "RequestBodyTooLarge",
      `The collection has ${envelope.value.length} tasks; at most ${maxTasksPerCollection} may be added per request.`,
      {
        PropertyName: "value",
        PropertyValue: String(envelope.value.length),
        Reason: `At most ${maxTasksPerCollection} tasks per addtaskcollection request.`,
      },
    );
  }
  if (envelope.value.length === 0) throw invalidValue("value", [], "must hold at least one task");
  const seen = new Set<string>();
  return envelope.value.map((raw, index) => {
    const taskId = rawId(raw, index);
    try {
      const task = validateTaskAdd(raw, context, options);
      const key = task.id.toLowerCase();
      if (seen.has(key)) {
        return {
          ok: false,
          taskId,
          error: new BatchError(
            "TaskExists",
            `Task id '${task.id}' appears more than once in the collection (ids are unique regardless of case).`,
          ),
        };
      }
      seen.add(key);
      return { ok: true, taskId, task };
    } catch (error) {
      if (!isBatchError(error)) throw error;
      return { ok: false, taskId, error: prefixed(error, `value[${index}]`) };
    }
  });
}

function rawId(raw: unknown, index: number): string {
  const id = typeof raw === "object" && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id : `value[${index}]`;
}

/** The same error, with its property name placed inside the collection. */
function prefixed(error: BatchError, prefix: string): BatchError {
  const name = error.values.PropertyName;
  if (name === undefined) return error;
  const at = name === "(body)" ? prefix : `${prefix}.${name}`;
  return new BatchError(error.batchCode, error.message.replace(`'${name}'`, `'${at}'`), {
    ...error.values,
    PropertyName: at,
  });
}

/** The per-task result for a task the store added. */
export function taskAddSuccess(
  taskId: string,
  fields: { eTag?: string; lastModified?: string; location?: string } = {},
): TaskAddResult {
  return { status: "success", taskId, ...fields };
}

/**
 * The per-task result for a task that was not added: `clienterror` for a 4xx error (the
 * client must fix the task), `servererror` otherwise (it may retry).
 */
export function taskAddFailure(taskId: string, error: BatchError): TaskAddResult {
  return {
    status: error.status < 500 ? "clienterror" : "servererror",
    taskId,
    error: error.toBody(),
  };
}
