// Task files: stdout.txt and stderr.txt kept in the `taskFiles` storage while a task runs
// (agents append them by offset) and after; listed and read with byte ranges, so a client
// can tail a running task. Node files are not served.
import { Buffer } from "node:buffer";
import { Readable } from "node:stream";
import type { TaskLogName } from "../../api/index.js";
import type { StorageFile } from "../../storage/index.js";
import { BatchError } from "../batch-error.js";
import { normalizeId } from "../ids.js";
import { toBatchTime } from "../duration.js";
import type { ServiceContext } from "./service-deps.js";

/** The files a task has, as Batch names them. */
export const taskLogNames: readonly TaskLogName[] = ["stdout.txt", "stderr.txt"];

/** Where a task's log lives in the `taskFiles` storage (ids lowercased: they match in any case). */
export function taskFilePath(jobId: string, taskId: string, name: TaskLogName): string {
  return `jobs/${normalizeId(jobId)}/${normalizeId(taskId)}/${name}`;
}

/** Where a node's start task log lives in the `taskFiles` storage. */
export function startTaskFilePath(nodeId: string, name: TaskLogName): string {
  return `nodes/${nodeId}/startup/${name}`;
}

/** One entry of `GET .../files`, in Batch's `NodeFile` shape. */
export interface NodeFileView {
  readonly name: string;
  readonly url: string;
  readonly isDirectory: false;
  readonly properties: {
    readonly lastModified: string;
    readonly contentLength: number;
    readonly contentType: string;
  };
}

/**
 * Bytes of a file to read: `start`..`end` inclusive (either may be absent), or the last
 * `suffix` bytes (HTTP's `bytes=-N`, a tail).
 */
export interface ByteRange {
  readonly start?: number;
  readonly end?: number;
  readonly suffix?: number;
}

/** The first and last byte of `range` in a file of `size` bytes; `end` < `start` when none. */
export function resolveRange(range: ByteRange, size: number): { start: number; end: number } {
  if (range.suffix !== undefined) return { start: Math.max(0, size - range.suffix), end: size - 1 };
  const start = range.start ?? 0;
  return { start, end: Math.min(range.end ?? size - 1, size - 1) };
}

/** A file's bytes (or a range of them) with what the response headers need. */
export interface FileContent {
  readonly body: Readable;
  /** The whole file's size. */
  readonly size: number;
  /** First and last byte sent; `end` < `start` when nothing is sent. */
  readonly start: number;
  readonly end: number;
  readonly lastModified: Date;
}

export function isTaskLogName(name: string): name is TaskLogName {
  return (taskLogNames as readonly string[]).includes(name);
}

function fileNotFound(name: string): BatchError {
  return new BatchError(
    "FileNotFound",
    `The task has no file '${name}'; its files are ${taskLogNames.join(" and ")}, once it has written them.`,
    { PropertyName: "filePath", PropertyValue: name },
  );
}

/** The task's files that exist. */
export async function listTaskFiles(
  ctx: ServiceContext,
  jobId: string,
  taskId: string,
  taskUrl: string,
): Promise<NodeFileView[]> {
  const files: NodeFileView[] = [];
  for (const name of taskLogNames) {
    const file = await ctx.taskFiles.stat(taskFilePath(jobId, taskId, name));
    if (file !== undefined) files.push(nodeFileView(name, file, taskUrl));
  }
  return files;
}

function nodeFileView(name: string, file: StorageFile, taskUrl: string): NodeFileView {
  return {
    name,
    url: `${taskUrl}/files/${name}`,
    isDirectory: false,
    properties: {
      lastModified: toBatchTime(file.lastModified.getTime()),
      contentLength: file.size,
      contentType: "text/plain",
    },
  };
}

/**
 * Reads a task file, or bytes `start`..`end` (inclusive; clamped to the file, so a tail
 * asking past the end gets nothing). `FileNotFound` for any other name or a file not written yet.
 */
export async function readTaskFile(
  ctx: ServiceContext,
  jobId: string,
  taskId: string,
  name: string,
  range: ByteRange = {},
): Promise<FileContent> {
  if (!isTaskLogName(name)) throw fileNotFound(name);
  const path = taskFilePath(jobId, taskId, name);
  const file = await ctx.taskFiles.stat(path);
  if (file === undefined) throw fileNotFound(name);
  const { start, end } = resolveRange(range, file.size);
  if (start > end) {
    return {
      body: Readable.from([]),
      size: file.size,
      start,
      end,
      lastModified: file.lastModified,
    };
  }
  const body = await ctx.taskFiles.read(path, { start, end });
  return { body, size: file.size, start, end, lastModified: file.lastModified };
}

/**
 * Appends `bytes` at `offset`: 0 starts the file afresh (a new attempt rewrites its logs, as
 * in Batch); any other offset must equal the file's current length (`AppendOffsetMismatch`
 * naming the length otherwise), so a resent chunk is never written twice.
 */
export function appendFile(
  ctx: ServiceContext,
  path: string,
  offset: number,
  bytes: Uint8Array,
): Promise<number> {
  // Appends are read-modify-write: one at a time per file in this process.
  const appendQueues = ctx.appendQueues;
  const previous = appendQueues.get(path) ?? Promise.resolve();
  const next = previous.then(
    () => appendNow(ctx, path, offset, bytes),
    () => appendNow(ctx, path, offset, bytes),
  );
  appendQueues.set(path, next);
  void next
    .finally(() => {
      if (appendQueues.get(path) === next) appendQueues.delete(path);
    })
    .catch(() => undefined);
  return next;
}

async function appendNow(
  ctx: ServiceContext,
  path: string,
  offset: number,
  bytes: Uint8Array,
): Promise<number> {
  if (offset === 0) {
    await ctx.taskFiles.write(path, bytes);
    return bytes.length;
  }
  const file = await ctx.taskFiles.stat(path);
  const length = file?.size ?? 0;
  if (length !== offset) {
    throw new BatchError(
      "AppendOffsetMismatch",
      `The append starts at offset ${offset}, but the server holds ${length} bytes of this file; resend from ${length}.`,
      { PropertyName: "offset", PropertyValue: String(offset), CurrentLength: String(length) },
    );
  }
  const existing = await readAll(await ctx.taskFiles.read(path));
  await ctx.taskFiles.write(path, Buffer.concat([existing, bytes]));
  return length + bytes.length;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Deletes a task's files (or, without `taskId`, every task file of the job). */
export async function deleteTaskFiles(
  ctx: ServiceContext,
  jobId: string,
  taskId?: string,
): Promise<void> {
  const prefix =
    taskId === undefined
      ? `jobs/${normalizeId(jobId)}/`
      : `jobs/${normalizeId(jobId)}/${normalizeId(taskId)}/`;
  const paths: string[] = [];
  for await (const entry of ctx.taskFiles.list(prefix)) {
    if (entry.kind === "file") paths.push(entry.path);
  }
  for (const path of paths) await ctx.taskFiles.delete(path);
}
