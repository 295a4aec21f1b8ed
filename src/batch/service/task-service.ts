// Tasks: add, addtaskcollection, list ($filter on state, paging), get, update, terminate,
// reactivate, delete, and their files.
import {
  taskStates,
  type CloudTask,
  type CloudTaskListSubtasksResult,
  type TaskAddCollectionResult,
  type TaskAddResult,
} from "../../api/index.js";
import type { TaskKey, TaskRecord, WriteOptions } from "../../store/index.js";
import { BatchError, alreadyExists } from "../batch-error.js";
import { toBatchTime } from "../duration.js";
import { jobStateAfter } from "../state/job-state.js";
import { reactivateTask } from "../state/task-state.js";
import {
  taskAddFailure,
  taskAddSuccess,
  validateTaskCollection,
} from "../validation/task-collection.js";
import { validateTaskAdd, validateTaskUpdate } from "../validation/validate-task.js";
import { settleJob, taskEndedCompletion } from "./job-lifecycle.js";
import {
  collectPages,
  listPage,
  parseStateFilter,
  type ListResult,
  type PagingOptions,
} from "./paging.js";
import { asJson, omitKeys } from "./records.js";
import type { ServiceContext } from "./service-deps.js";
import { batchErrorOf, inBatchTerms, isStoreConflict } from "./store-errors.js";
import { markGangWork, listSubtasks } from "./multi-instance-subtasks.js";
import { newTaskOf, taskTarget } from "./task-context.js";
import {
  deleteTaskFiles,
  listTaskFiles,
  readTaskFile,
  type ByteRange,
  type FileContent,
  type NodeFileView,
} from "./task-files.js";
import { toCloudTask } from "./views.js";

/** Task operations with Batch's semantics; reads return Batch's `CloudTask`. */
export interface TaskService {
  add(jobId: string, body: unknown): Promise<TaskRecord>;
  /** Up to 100 tasks; a result per task, in order (`success`, `clienterror`, `servererror`). */
  addCollection(jobId: string, body: unknown, baseUrl?: string): Promise<TaskAddCollectionResult>;
  /** `filter`: `state eq '<state>'`. */
  list(
    jobId: string,
    options?: PagingOptions & { filter?: string },
    baseUrl?: string,
  ): Promise<ListResult<CloudTask>>;
  get(jobId: string, taskId: string, baseUrl?: string): Promise<CloudTask>;
  /** `PUT`: replaces the task's constraints (absent = defaults). */
  update(jobId: string, taskId: string, body: unknown, options?: WriteOptions): Promise<TaskRecord>;
  terminate(jobId: string, taskId: string, options?: WriteOptions): Promise<void>;
  reactivate(jobId: string, taskId: string, options?: WriteOptions): Promise<void>;
  delete(jobId: string, taskId: string, options?: WriteOptions): Promise<void>;
  listFiles(jobId: string, taskId: string, baseUrl?: string): Promise<NodeFileView[]>;
  /** A task file or a byte range of it (`FileNotFound` for any name but stdout.txt/stderr.txt). */
  readFile(jobId: string, taskId: string, name: string, range?: ByteRange): Promise<FileContent>;
  /** Batch's "List Subtasks" of a multi-instance task (none for another task). */
  listSubtasks(
    jobId: string,
    taskId: string,
    baseUrl?: string,
  ): Promise<CloudTaskListSubtasksResult>;
}

export function createTaskService(ctx: ServiceContext): TaskService {
  const ref = (key: TaskKey) => ({ kind: "task", id: key.taskId }) as const;
  const read = (key: TaskKey) => inBatchTerms(ref(key), () => ctx.tasks.get(key));
  const readJob = (jobId: string) =>
    inBatchTerms({ kind: "job", id: jobId }, () => ctx.jobs.get(jobId));
  const ifMatchOf = (options?: WriteOptions): WriteOptions =>
    options?.ifMatch === undefined ? {} : { ifMatch: options.ifMatch };
  return {
    listSubtasks: (jobId, taskId, baseUrl = "") => listSubtasks(ctx, { jobId, taskId }, baseUrl),
    async add(jobId, body) {
      const target = await taskTarget(ctx, jobId);
      const task = validateTaskAdd(body, target.validation);
      const [result] = await inBatchTerms({ kind: "job", id: jobId }, () =>
        ctx.tasks.addMany(target.job.id, [newTaskOf(task)]),
      );
      if (result === undefined || result.status === "duplicate")
        throw alreadyExists("task", task.id);
      if (task.multiInstanceSettings !== undefined) markGangWork(ctx, target.job.poolKey);
      ctx.signal.notify(target.job.poolKey);
      return result.task;
    },
    async addCollection(jobId, body, baseUrl = "") {
      const target = await taskTarget(ctx, jobId);
      const entries = validateTaskCollection(body, target.validation);
      const valid = entries.flatMap((entry) => (entry.ok ? [newTaskOf(entry.task)] : []));
      const added =
        valid.length === 0
          ? []
          : await inBatchTerms({ kind: "job", id: jobId }, () =>
              ctx.tasks.addMany(target.job.id, valid),
            );
      if (valid.some((task) => task.gang === true)) markGangWork(ctx, target.job.poolKey);
      if (added.some((result) => result.status === "created"))
        ctx.signal.notify(target.job.poolKey);
      let next = 0;
      const value = entries.map((entry): TaskAddResult => {
        if (!entry.ok) return taskAddFailure(entry.taskId, entry.error);
        const result = added[next++];
        if (result === undefined || result.status === "duplicate") {
          return taskAddFailure(entry.taskId, alreadyExists("task", entry.taskId));
        }
        return taskAddSuccess(entry.taskId, {
          eTag: result.task.etag,
          lastModified: toBatchTime(result.task.lastModified),
          location: `${baseUrl}/jobs/${target.job.id}/tasks/${result.task.id}`,
        });
      });
      return { value };
    },
    async list(jobId, options = {}, baseUrl = "") {
      const state = parseStateFilter(options.filter, taskStates);
      const job = await readJob(jobId);
      const page = await listPage(() =>
        ctx.tasks.list(job.id, {
          ...(options.maxResults === undefined ? {} : { maxResults: options.maxResults }),
          ...(options.continuationToken === undefined
            ? {}
            : { continuationToken: options.continuationToken }),
          ...(state === undefined ? {} : { state }),
        }),
      );
      return collectPages(page, (task) => toCloudTask(task, job, baseUrl));
    },
    async get(jobId, taskId, baseUrl = "") {
      const job = await readJob(jobId);
      return toCloudTask(await read({ jobId, taskId }), job, baseUrl);
    },
    async update(jobId, taskId, body, options) {
      const update = validateTaskUpdate(body);
      const task = await read({ jobId, taskId });
      const spec = omitKeys(task.spec, ["constraints"]);
      const constraints =
        update.constraints === undefined ? {} : asJson({ constraints: update.constraints });
      return inBatchTerms(ref({ jobId, taskId }), () =>
        ctx.tasks.update(
          { jobId, taskId },
          { spec: { ...spec, ...constraints } },
          ifMatchOf(options),
        ),
      );
    },
    async terminate(jobId, taskId, options) {
      const task = await read({ jobId, taskId });
      if (task.state === "completed") {
        throw new BatchError("TaskCompleted", `Task '${task.id}' is already completed.`);
      }
      try {
        await ctx.tasks.terminate({ jobId, taskId }, taskEndedCompletion, ifMatchOf(options));
      } catch (error) {
        if (options?.ifMatch === undefined && isStoreConflict(error)) {
          throw new BatchError("TaskCompleted", `Task '${task.id}' completed meanwhile.`);
        }
        throw batchErrorOf(error, ref({ jobId, taskId }));
      }
      ctx.signal.notify(task.poolKey);
      await settleJob(ctx, jobId, task);
    },
    async reactivate(jobId, taskId, options) {
      const job = await readJob(jobId);
      jobStateAfter(job.id, job.state, "addTask");
      const task = await read({ jobId, taskId });
      // Batch's rules first (TaskNotCompleted, TaskSucceeded); the store then resets it.
      const executionInfo = {
        retryCount: task.retryCount,
        requeueCount: task.requeueCount,
        ...(task.result === null ? {} : { result: task.result }),
      };
      reactivateTask({ state: task.state, executionInfo }, task.id);
      await inBatchTerms(ref({ jobId, taskId }), () =>
        ctx.tasks.reactivate({ jobId, taskId }, ifMatchOf(options)),
      );
      ctx.signal.notify(task.poolKey);
    },
    async delete(jobId, taskId, options) {
      const task = await read({ jobId, taskId });
      await inBatchTerms(ref({ jobId, taskId }), () =>
        ctx.tasks.delete({ jobId, taskId }, ifMatchOf(options)),
      );
      await deleteTaskFiles(ctx, jobId, taskId);
      ctx.signal.notify(task.poolKey);
      await settleJob(ctx, jobId, task);
    },
    async listFiles(jobId, taskId, baseUrl = "") {
      const task = await read({ jobId, taskId });
      return listTaskFiles(ctx, jobId, taskId, `${baseUrl}/jobs/${jobId}/tasks/${task.id}`);
    },
    async readFile(jobId, taskId, name, range) {
      await read({ jobId, taskId });
      return readTaskFile(ctx, jobId, taskId, name, range);
    },
  };
}
