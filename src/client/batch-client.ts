import type {
  CloudJob,
  CloudPool,
  CloudTask,
  ComputeNode,
  DisableJobOption,
  JobAddParameter,
  JobPatchParameter,
  JobUpdateParameter,
  NodeRebootParameter,
  NodeRemoveParameter,
  PoolAddParameter,
  PoolPatchParameter,
  PoolResizeParameter,
  TaskAddParameter,
  TaskAddResult,
  TaskCountsResult,
  TaskUpdateParameter,
} from "../api/index.js";
import { ApiError, SluiceClient, type ClientOptions } from "./sluice-client.js";

/** One page of a Batch list: `{ value, "odata.nextLink"? }`. */
export interface BatchList<T> {
  readonly value: readonly T[];
  readonly "odata.nextLink"?: string;
}

/** OData options of Batch's list calls. */
export interface ListOptions {
  /** `$filter`, e.g. `state eq 'completed'`. */
  readonly filter?: string;
  readonly select?: string;
  /** `maxresults`: page size; default the server's (1000 in Batch). */
  readonly maxResults?: number;
}

/** A file of a task's directory, as `GET .../files` lists it (Batch's `NodeFile`). */
export interface NodeFile {
  readonly name: string;
  readonly url?: string;
  readonly isDirectory?: boolean;
  readonly properties?: {
    readonly creationTime?: string;
    readonly lastModified?: string;
    readonly contentLength?: number;
    readonly contentType?: string;
    readonly fileMode?: string;
  };
}

/** An inclusive byte range; `end` omitted = to the end of the file. */
export interface ByteRange {
  readonly start?: number;
  readonly end?: number;
}

/** Bytes of a task file, and its whole length when the server said (`Content-Range`). */
export interface TaskFileContent {
  readonly content: Uint8Array;
  readonly totalLength?: number;
}

/** Options of {@link BatchClient.addTasks}. */
export interface AddTasksOptions {
  /** Tasks per `addtaskcollection` call; default and maximum 100, as in Batch. */
  readonly chunkSize?: number;
  /** Called after each call with the results so far, for progress output. */
  readonly onChunk?: (done: number, total: number) => void;
}

/** Batch caps an `addtaskcollection` body at 1 MB; stay a little under it. */
const maxCollectionBytes = 1_000_000;

const seg = encodeURIComponent;
// TextEncoder, not Buffer: the web UI uses this client too.
const encoder = new TextEncoder();

/**
 * The typed client of Sluice's Batch API (Azure Batch's data-plane paths and shapes), over
 * {@link SluiceClient}. Errors are {@link ApiError}s carrying Batch's code.
 */
export class BatchClient {
  /** The underlying JSON client. */
  readonly http: SluiceClient;
  private readonly base: URL;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ClientOptions) {
    this.http = new SluiceClient(options);
    this.base = new URL(options.url.replace(/\/*$/, "/"));
    this.fetchImpl = options.fetch ?? fetch;
  }

  // ---- pools ----
  addPool(pool: PoolAddParameter): Promise<void> {
    return this.http.request("POST", "/pools", pool);
  }
  listPools(options: ListOptions = {}): Promise<BatchList<CloudPool>> {
    return this.http.request("GET", `/pools${query(options)}`);
  }
  listAllPools(options: ListOptions = {}): Promise<CloudPool[]> {
    return this.listAll(`/pools${query(options)}`);
  }
  getPool(poolId: string): Promise<CloudPool> {
    return this.http.request("GET", `/pools/${seg(poolId)}`);
  }
  patchPool(poolId: string, patch: PoolPatchParameter): Promise<void> {
    return this.http.request("PATCH", `/pools/${seg(poolId)}`, patch);
  }
  deletePool(poolId: string): Promise<void> {
    return this.http.request("DELETE", `/pools/${seg(poolId)}`);
  }
  resizePool(poolId: string, resize: PoolResizeParameter): Promise<void> {
    return this.http.request("POST", `/pools/${seg(poolId)}/resize`, resize);
  }
  stopResizePool(poolId: string): Promise<void> {
    return this.http.request("POST", `/pools/${seg(poolId)}/stopresize`);
  }
  removeNodes(poolId: string, remove: NodeRemoveParameter): Promise<void> {
    return this.http.request("POST", `/pools/${seg(poolId)}/removenodes`, remove);
  }

  // ---- nodes ----
  listNodes(poolId: string, options: ListOptions = {}): Promise<BatchList<ComputeNode>> {
    return this.http.request("GET", `/pools/${seg(poolId)}/nodes${query(options)}`);
  }
  listAllNodes(poolId: string, options: ListOptions = {}): Promise<ComputeNode[]> {
    return this.listAll(`/pools/${seg(poolId)}/nodes${query(options)}`);
  }
  getNode(poolId: string, nodeId: string): Promise<ComputeNode> {
    return this.http.request("GET", `/pools/${seg(poolId)}/nodes/${seg(nodeId)}`);
  }
  rebootNode(poolId: string, nodeId: string, reboot: NodeRebootParameter = {}): Promise<void> {
    return this.http.request("POST", `/pools/${seg(poolId)}/nodes/${seg(nodeId)}/reboot`, reboot);
  }

  // ---- jobs ----
  addJob(job: JobAddParameter): Promise<void> {
    return this.http.request("POST", "/jobs", job);
  }
  listJobs(options: ListOptions = {}): Promise<BatchList<CloudJob>> {
    return this.http.request("GET", `/jobs${query(options)}`);
  }
  listAllJobs(options: ListOptions = {}): Promise<CloudJob[]> {
    return this.listAll(`/jobs${query(options)}`);
  }
  getJob(jobId: string): Promise<CloudJob> {
    return this.http.request("GET", `/jobs/${seg(jobId)}`);
  }
  patchJob(jobId: string, patch: JobPatchParameter): Promise<void> {
    return this.http.request("PATCH", `/jobs/${seg(jobId)}`, patch);
  }
  updateJob(jobId: string, update: JobUpdateParameter): Promise<void> {
    return this.http.request("PUT", `/jobs/${seg(jobId)}`, update);
  }
  deleteJob(jobId: string): Promise<void> {
    return this.http.request("DELETE", `/jobs/${seg(jobId)}`);
  }
  disableJob(jobId: string, disableTasks: DisableJobOption): Promise<void> {
    return this.http.request("POST", `/jobs/${seg(jobId)}/disable`, { disableTasks });
  }
  enableJob(jobId: string): Promise<void> {
    return this.http.request("POST", `/jobs/${seg(jobId)}/enable`);
  }
  /** `terminateReason` default (server side) `UserTerminate`. */
  terminateJob(jobId: string, terminateReason?: string): Promise<void> {
    const body = terminateReason === undefined ? {} : { terminateReason };
    return this.http.request("POST", `/jobs/${seg(jobId)}/terminate`, body);
  }
  getTaskCounts(jobId: string): Promise<TaskCountsResult> {
    return this.http.request("GET", `/jobs/${seg(jobId)}/taskcounts`);
  }

  // ---- tasks ----
  addTask(jobId: string, task: TaskAddParameter): Promise<void> {
    return this.http.request("POST", `/jobs/${seg(jobId)}/tasks`, task);
  }
  /** One `addtaskcollection` call (Batch allows at most 100 tasks and 1 MB). */
  async addTaskCollection(
    jobId: string,
    tasks: readonly TaskAddParameter[],
  ): Promise<readonly TaskAddResult[]> {
    const result = await this.http.request<{ value?: readonly TaskAddResult[] }>(
      "POST",
      `/jobs/${seg(jobId)}/addtaskcollection`,
      { value: tasks },
    );
    return result?.value ?? [];
  }
  /**
   * Adds any number of tasks through `addtaskcollection`, in calls of at most `chunkSize`
   * tasks (default 100) and under 1 MB each, one call after another so the server sees
   * them in order. Resolves to every per-task result; a call that fails throws.
   */
  async addTasks(
    jobId: string,
    tasks: readonly TaskAddParameter[],
    options: AddTasksOptions = {},
  ): Promise<TaskAddResult[]> {
    const results: TaskAddResult[] = [];
    for (const chunk of chunkTasks(tasks, Math.min(100, options.chunkSize ?? 100))) {
      results.push(...(await this.addTaskCollection(jobId, chunk)));
      options.onChunk?.(results.length, tasks.length);
    }
    return results;
  }
  listTasks(jobId: string, options: ListOptions = {}): Promise<BatchList<CloudTask>> {
    return this.http.request("GET", `/jobs/${seg(jobId)}/tasks${query(options)}`);
  }
  listAllTasks(jobId: string, options: ListOptions = {}): Promise<CloudTask[]> {
    return this.listAll(`/jobs/${seg(jobId)}/tasks${query(options)}`);
  }
  getTask(jobId: string, taskId: string): Promise<CloudTask> {
    return this.http.request("GET", taskPath(jobId, taskId));
  }
  updateTask(jobId: string, taskId: string, update: TaskUpdateParameter): Promise<void> {
    return this.http.request("PUT", taskPath(jobId, taskId), update);
  }
  deleteTask(jobId: string, taskId: string): Promise<void> {
    return this.http.request("DELETE", taskPath(jobId, taskId));
  }
  terminateTask(jobId: string, taskId: string): Promise<void> {
    return this.http.request("POST", `${taskPath(jobId, taskId)}/terminate`);
  }
  reactivateTask(jobId: string, taskId: string): Promise<void> {
    return this.http.request("POST", `${taskPath(jobId, taskId)}/reactivate`);
  }

  // ---- task files ----
  /** Lists a task's files; `recursive` default false. Follows `odata.nextLink`. */
  listTaskFiles(jobId: string, taskId: string, recursive = false): Promise<NodeFile[]> {
    return this.listAll(`${taskPath(jobId, taskId)}/files${recursive ? "?recursive=true" : ""}`);
  }

  /**
   * Reads a task file (`stdout.txt`, `stderr.txt`, `wd/...`), whole or a byte range sent as
   * `ocp-range` (Batch's header) and `Range`. A range starting at or past the end of the
   * file (HTTP 416) reads as empty, so a tail can poll past the end.
   */
  async readTaskFile(
    jobId: string,
    taskId: string,
    name: string,
    range: ByteRange = {},
  ): Promise<TaskFileContent> {
    const path = `${taskPath(jobId, taskId)}/files/${name.split("/").map(seg).join("/")}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}` };
    if (range.start !== undefined || range.end !== undefined) {
      const bytes = `bytes=${range.start ?? 0}-${range.end ?? ""}`;
      headers["ocp-range"] = bytes;
      headers.range = bytes;
    }
    const response = await this.fetchImpl(this.resolve(path), { headers });
    if (response.status === 416) return { content: new Uint8Array(0) };
    if (!response.ok) throw await errorOf(response);
    const body = new Uint8Array(await response.arrayBuffer());
    const ranged = range.start !== undefined || range.end !== undefined;
    const contentRange = response.headers.get("content-range");
    // Batch answers an `ocp-range` read 200 with a Content-Range; without one, the server
    // ignored the range and sent the whole file, so cut the range out here.
    if (ranged && contentRange === null) {
      const end = range.end === undefined ? body.length : range.end + 1;
      return { content: body.subarray(range.start ?? 0, end), totalLength: body.length };
    }
    return { content: body, ...totalLength(contentRange) };
  }

  // ---- paging ----
  /** Every item of a Batch list, following `odata.nextLink` page after page. */
  async listAll<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    for await (const page of this.pages<T>(path)) items.push(...page);
    return items;
  }

  /** The pages of a Batch list, following `odata.nextLink`. */
  async *pages<T>(path: string): AsyncGenerator<readonly T[]> {
    let next: string | undefined = path;
    while (next !== undefined) {
      const page: BatchList<T> | undefined = await this.http.request("GET", next);
      yield page?.value ?? [];
      const link: string | undefined = page?.["odata.nextLink"];
      next = link ? this.relativePath(link) : undefined;
    }
  }

  /**
   * A `nextLink` as a path under the base URL. Its host is ignored: a server behind a proxy
   * may not know the name the client reached it by.
   */
  private relativePath(link: string): string {
    const url = new URL(link, this.base);
    const basePath = this.base.pathname.replace(/\/$/, "");
    const path = url.pathname.startsWith(`${basePath}/`)
      ? url.pathname.slice(basePath.length)
      : url.pathname;
    return `${path}${url.search}`;
  }

  private resolve(path: string): string {
    return `${this.base.href.replace(/\/$/, "")}${path}`;
  }
}

function taskPath(jobId: string, taskId: string): string {
  return `/jobs/${seg(jobId)}/tasks/${seg(taskId)}`;
}

/** The OData query string of a list call ("" when there is none). */
function query(options: ListOptions): string {
  const parts: string[] = [];
  if (options.filter !== undefined) parts.push(`$filter=${seg(options.filter)}`);
  if (options.select !== undefined) parts.push(`$select=${seg(options.select)}`);
  if (options.maxResults !== undefined) parts.push(`maxresults=${options.maxResults}`);
  return parts.length ? `?${parts.join("&")}` : "";
}

/** Splits tasks into `addtaskcollection` bodies of at most `size` tasks and ~1 MB. */
export function chunkTasks(tasks: readonly TaskAddParameter[], size = 100): TaskAddParameter[][] {
  const chunks: TaskAddParameter[][] = [];
  let current: TaskAddParameter[] = [];
  let bytes = 0;
  for (const task of tasks) {
    const taskBytes = encoder.encode(JSON.stringify(task)).length + 1;
    if (current.length && (current.length >= size || bytes + taskBytes > maxCollectionBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(task);
    bytes += taskBytes;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

function totalLength(contentRange: string | null): { totalLength?: number } {
  const total = contentRange ? /\/(\d+)\s*$/.exec(contentRange)?.[1] : undefined;
  return total === undefined ? {} : { totalLength: Number(total) };
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  let body: { code?: unknown; message?: { value?: string }; values?: unknown } | undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined; // not JSON: reported below with the raw text
  }
  if (body && typeof body.code === "string") {
    const values = Array.isArray(body.values) ? body.values : [];
    return new ApiError(response.status, body.code, body.message?.value ?? body.code, values);
  }
  return new ApiError(
    response.status,
    "UnexpectedResponse",
    `The server answered ${response.status}: ${text.slice(0, 200)}`,
  );
}
