// A compute node's files as the server holds them. Agents may run on other machines, so the
// server answers from what agents sent it: the start task's stdout.txt/stderr.txt, and those of
// the tasks whose latest attempt ran on the node, named in Batch's node layout
// (`startup/stdout.txt`, `workitems/<job>/job-1/<task>/stdout.txt`). Files an agent never sent
// (a task's `wd/`, `shared/`, ...) are not listed.
import { Readable } from "node:stream";
import type { TaskLogName } from "../../api/index.js";
import type { JobRecord, NodeRecord, PoolRecord, TaskRecord } from "../../store/index.js";
import { BatchError } from "../batch-error.js";
import { parseBatchTime } from "../duration.js";
import { normalizeId } from "../ids.js";
import {
  defaultJobPreparationTaskId,
  defaultJobReleaseTaskId,
} from "../validation/validate-job.js";
import { nodeFileEntries, type HeldFile, type NodeFileEntry } from "./node-file-listing.js";
import { jobSpecOf, nodeInfoOf } from "./records.js";
import type { ServiceContext } from "./service-deps.js";
import { isStoreNotFound } from "./store-errors.js";
import {
  isTaskLogName,
  resolveRange,
  startTaskFilePath,
  taskFilePath,
  type ByteRange,
  type FileContent,
} from "./task-files.js";

/** A node file the server can read: its entry and where its bytes are kept. */
export interface HeldNodeFile {
  readonly entry: NodeFileEntry;
  /** Path in the `taskFiles` storage; undefined for a directory. */
  readonly storagePath?: string;
}

function fileNotFound(nodeId: string, path: string): BatchError {
  return new BatchError(
    "FileNotFound",
    `Node '${nodeId}' has no file '${path}' on the server: it holds the start task's startup/stdout.txt and startup/stderr.txt and, for tasks that ran on the node, workitems/<jobId>/job-1/<taskId>/stdout.txt and stderr.txt, once the agent has sent them.`,
    { PropertyName: "filePath", PropertyValue: path },
  );
}

/** True when an entry named `name` or below it could start with `prefix`, or the reverse. */
const overlaps = (name: string, prefix: string | undefined): boolean =>
  prefix === undefined || name.startsWith(prefix) || prefix.startsWith(name);

/** Every file the server holds for the node whose name may start with `prefix`. */
export async function heldNodeFiles(
  ctx: ServiceContext,
  pool: PoolRecord,
  node: NodeRecord,
  prefix?: string,
): Promise<HeldFile[]> {
  const files: HeldFile[] = [];
  if (overlaps("startup/", prefix)) files.push(...(await startupFiles(ctx, node)));
  if (!overlaps("workitems/", prefix)) return files;
  files.push(...(await jobTaskFiles(ctx, node, prefix)));
  for (const { job, tasks } of await tasksOfNode(ctx, pool, node.id, prefix)) {
    for await (const stored of ctx.taskFiles.list(`jobs/${normalizeId(job.id)}/`)) {
      if (stored.kind !== "file") continue;
      const [, , taskKey = "", name = ""] = stored.path.split("/");
      const task = tasks.get(taskKey);
      if (task === undefined || !isTaskLogName(name)) continue;
      files.push({
        name: `workitems/${job.id}/job-1/${task.id}/${name}`,
        size: stored.size,
        lastModified: stored.lastModified.getTime(),
        creationTime: task.startTime ?? stored.lastModified.getTime(),
        storagePath: stored.path,
      });
    }
  }
  return files;
}

/** The job's preparation and release task ids (Batch's defaults when not given). */
async function jobTaskIds(ctx: ServiceContext, jobId: string) {
  try {
    const job = await ctx.jobs.get(jobId);
    const spec = jobSpecOf(job);
    return {
      id: job.id,
      jobPreparationTask: spec.jobPreparationTask?.id ?? defaultJobPreparationTaskId,
      jobReleaseTask: spec.jobReleaseTask?.id ?? defaultJobReleaseTaskId,
    };
  } catch (error) {
    if (isStoreNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Job preparation and release task logs, which the server keeps per node
 * (`nodes/<node>/<kind>/<job>/<name>`), as `workitems/<job>/job-1/<taskId>/<name>`.
 */
async function jobTaskFiles(
  ctx: ServiceContext,
  node: NodeRecord,
  prefix: string | undefined,
): Promise<HeldFile[]> {
  const files: HeldFile[] = [];
  for (const kind of ["jobPreparationTask", "jobReleaseTask"] as const) {
    for await (const stored of ctx.taskFiles.list(`nodes/${node.id}/${kind}/`)) {
      const [, , , jobId = "", name = ""] = stored.path.split("/");
      if (stored.kind !== "file" || !isTaskLogName(name)) continue;
      const ids = await jobTaskIds(ctx, jobId);
      if (ids === undefined || !overlaps(`workitems/${ids.id}/`, prefix)) continue;
      const lastModified = stored.lastModified.getTime();
      files.push({
        name: `workitems/${ids.id}/job-1/${ids[kind]}/${name}`,
        size: stored.size,
        lastModified,
        creationTime: lastModified,
        storagePath: stored.path,
      });
    }
  }
  return files;
}

async function startupFiles(ctx: ServiceContext, node: NodeRecord): Promise<HeldFile[]> {
  const started = nodeInfoOf(node).startTaskInfo?.startTime;
  const files: HeldFile[] = [];
  for (const name of ["stderr.txt", "stdout.txt"] as const) {
    const file = await ctx.taskFiles.stat(startTaskFilePath(node.id, name));
    if (file === undefined) continue;
    const lastModified = file.lastModified.getTime();
    files.push({
      name: `startup/${name}`,
      size: file.size,
      lastModified,
      creationTime: (started === undefined ? undefined : parseBatchTime(started)) ?? lastModified,
      storagePath: startTaskFilePath(node.id, name),
    });
  }
  return files;
}

/**
 * The tasks whose latest attempt ran (or runs) on the node, by job. The store keeps a task's
 * node, not a per-node history, so completed tasks are found by reading the pool's jobs.
 */
async function tasksOfNode(
  ctx: ServiceContext,
  pool: PoolRecord,
  nodeId: string,
  prefix: string | undefined,
): Promise<{ job: JobRecord; tasks: Map<string, TaskRecord> }[]> {
  const found: { job: JobRecord; tasks: Map<string, TaskRecord> }[] = [];
  const running = await ctx.tasks.listOnNode(nodeId);
  let token: string | undefined;
  do {
    const page = await ctx.jobs.listByPool(
      pool.id,
      token === undefined ? {} : { continuationToken: token },
    );
    for (const job of page.items) {
      if (!overlaps(`workitems/${job.id}/`, prefix)) continue;
      const tasks = new Map<string, TaskRecord>();
      for (const task of running)
        if (task.jobKey === job.id.toLowerCase()) tasks.set(normalizeId(task.id), task);
      for (const task of await completedTasks(ctx, job.id)) {
        if (task.nodeId === nodeId) tasks.set(normalizeId(task.id), task);
      }
      if (tasks.size > 0) found.push({ job, tasks });
    }
    token = page.continuationToken;
  } while (token !== undefined);
  return found;
}

async function completedTasks(ctx: ServiceContext, jobId: string): Promise<TaskRecord[]> {
  const tasks: TaskRecord[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.tasks.list(jobId, {
      state: "completed",
      ...(token === undefined ? {} : { continuationToken: token }),
    });
    tasks.push(...page.items);
    token = page.continuationToken;
  } while (token !== undefined);
  return tasks;
}

/** The node file (or directory) at `path`, or `FileNotFound`. */
export async function heldNodeFile(
  ctx: ServiceContext,
  pool: PoolRecord,
  node: NodeRecord,
  path: string,
): Promise<HeldNodeFile> {
  const clean = path.replace(/\/+$/, "");
  if (
    clean === "" ||
    clean.split("/").some((part) => part === "" || part === "." || part === "..")
  ) {
    throw fileNotFound(node.id, path);
  }
  const direct = await directFile(ctx, node, clean);
  if (direct !== undefined) return direct;
  // Not a task's or the start task's file: another held file, or a directory above some.
  const held = nodeFileEntries(await heldNodeFiles(ctx, pool, node, clean));
  const entry = held.find((candidate) => candidate.name === clean);
  if (entry === undefined) throw fileNotFound(node.id, path);
  return entry.storagePath === undefined ? { entry } : { entry, storagePath: entry.storagePath };
}

async function directFile(
  ctx: ServiceContext,
  node: NodeRecord,
  path: string,
): Promise<HeldNodeFile | undefined> {
  const parts = path.split("/");
  const name = parts.at(-1) ?? "";
  if (!isTaskLogName(name)) return undefined;
  if (parts.length === 2 && parts[0] === "startup") {
    const file = (await startupFiles(ctx, node)).find((held) => held.name === path);
    if (file === undefined) return undefined;
    return {
      entry: { ...file, isDirectory: false },
      storagePath: startTaskFilePath(node.id, name),
    };
  }
  const [root, jobId = "", jobDir, taskId = ""] = parts;
  if (parts.length !== 5 || root !== "workitems" || jobDir !== "job-1") return undefined;
  const task = await taskOrUndefined(ctx, jobId, taskId);
  if (task?.nodeId !== node.id) return undefined;
  const storagePath = taskFilePath(jobId, taskId, name as TaskLogName);
  const file = await ctx.taskFiles.stat(storagePath);
  if (file === undefined) return undefined;
  const lastModified = file.lastModified.getTime();
  const entry = {
    name: path,
    isDirectory: false,
    size: file.size,
    lastModified,
    creationTime: task.startTime ?? lastModified,
  };
  return { entry, storagePath };
}

async function taskOrUndefined(
  ctx: ServiceContext,
  jobId: string,
  taskId: string,
): Promise<TaskRecord | undefined> {
  try {
    return await ctx.tasks.get({ jobId, taskId });
  } catch (error) {
    if (isStoreNotFound(error)) return undefined;
    throw error;
  }
}

/** The bytes of a held file, or of `range` (clamped to the file; a directory reads as empty). */
export async function readHeldFile(
  ctx: ServiceContext,
  held: HeldNodeFile,
  range: ByteRange = {},
): Promise<FileContent> {
  const size = held.entry.size;
  const lastModified = new Date(held.entry.lastModified);
  const { start, end } = resolveRange(range, size);
  if (held.storagePath === undefined || start > end) {
    return { body: Readable.from([]), size, start, end, lastModified };
  }
  const body = await ctx.taskFiles.read(held.storagePath, { start, end });
  return { body, size, start, end, lastModified };
}
