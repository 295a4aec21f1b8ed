import type {
  ApplicationDetails,
  AutoScaleRun,
  ApplicationPackageInfo,
  ApplicationPatch,
  ApplicationSummary,
  CloudJob,
  CloudJobSchedule,
  CloudPool,
  CloudTask,
  CloudTaskListSubtasksResult,
  ComputeNode,
  DisableComputeNodeSchedulingOption,
  DisableJobOption,
  JobAddParameter,
  JobPatchParameter,
  JobScheduleAddParameter,
  JobUpdateParameter,
  NodeCounts,
  NodeRebootParameter,
  NodeRemoveParameter,
  PoolAddParameter,
  PoolEnableAutoScaleParameter,
  PoolPatchParameter,
  PoolResizeParameter,
  PoolUpdatePropertiesParameter,
  TaskAddParameter,
  TaskAddResult,
  TaskCountsResult,
  TaskUpdateParameter,
} from "../api/index.js";
import {
  chunkTasks,
  errorOf,
  nodePath,
  query,
  quoted,
  taskPath,
  totalLength,
} from "./batch-request-parts.js";
import { SluiceClient, type ClientOptions } from "./sluice-client.js";

export { chunkTasks };

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

/** One pool's node counts by state (Batch's `PoolNodeCounts`, from `GET /nodecounts`). */
export interface PoolNodeCounts {
  readonly poolId: string;
  readonly dedicated?: NodeCounts;
  readonly lowPriority?: NodeCounts;
}

/** Options of {@link BatchClient.listNodeFiles}. */
export interface NodeFileListOptions {
  /** Default false: only the node's root directory. */
  readonly recursive?: boolean;
  /** Only names starting with this (`$filter=startswith(name,'...')`). */
  readonly prefix?: string;
}

/** Options of {@link BatchClient.addTasks}. */
export interface AddTasksOptions {
  /** Tasks per `addtaskcollection` call; default and maximum 100, as in Batch. */
  readonly chunkSize?: number;
  /** Called after each call with the results so far, for progress output. */
  readonly onChunk?: (done: number, total: number) => void;
}

const seg = encodeURIComponent;

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
  /** Replaces the pool's start task, metadata, ...: those absent are cleared, as in Batch. */
  updatePoolProperties(poolId: string, update: PoolUpdatePropertiesParameter): Promise<void> {
    return this.http.request("POST", `/pools/${seg(poolId)}/updateproperties`, update);
  }
  /** Sets the formula and/or interval; the server runs the formula at once and applies it. */
  enableAutoScale(poolId: string, settings: PoolEnableAutoScaleParameter): Promise<void> {
    return this.http.request("POST", `/pools/${seg(poolId)}/enableautoscale`, settings);
  }
  /** The pool keeps its current target node count. */
  disableAutoScale(poolId: string): Promise<void> {
    return this.http.request("POST", `/pools/${seg(poolId)}/disableautoscale`);
  }
  /** Runs `formula` against the pool without applying it (autoscale must be enabled). */
  evaluateAutoScale(poolId: string, formula: string): Promise<AutoScaleRun> {
    const body = { autoScaleFormula: formula };
    return this.http.request("POST", `/pools/${seg(poolId)}/evaluateautoscale`, body);
  }
  /** Sluice: samples and runs the pool's own formula now, applying it (Batch cannot). */
  runAutoScale(poolId: string): Promise<void> {
    return this.http.request("POST", `/pools/${seg(poolId)}/sluice/runautoscale`);
  }
  /** Every pool's node counts (`GET /nodecounts`), or one pool's. */
  listPoolNodeCounts(poolId?: string): Promise<PoolNodeCounts[]> {
    const filter = poolId === undefined ? "" : `?$filter=${seg(`poolId eq '${quoted(poolId)}'`)}`;
    return this.listAll(`/nodecounts${filter}`);
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
  /** The node claims no more tasks; its running ones are requeued (default), terminated or left to finish. */
  disableNodeScheduling(
    poolId: string,
    nodeId: string,
    option?: DisableComputeNodeSchedulingOption,
  ): Promise<void> {
    const body = option === undefined ? {} : { nodeDisableSchedulingOption: option };
    return this.http.request("POST", `${nodePath(poolId, nodeId)}/disablescheduling`, body);
  }
  enableNodeScheduling(poolId: string, nodeId: string): Promise<void> {
    return this.http.request("POST", `${nodePath(poolId, nodeId)}/enablescheduling`);
  }
  /** The node's files the server holds (start task and task logs in Batch's node layout). */
  listNodeFiles(
    poolId: string,
    nodeId: string,
    options: NodeFileListOptions = {},
  ): Promise<NodeFile[]> {
    const parts: string[] = [];
    if (options.recursive) parts.push("recursive=true");
    if (options.prefix !== undefined)
      parts.push(`$filter=${seg(`startswith(name,'${quoted(options.prefix)}')`)}`);
    const search = parts.length ? `?${parts.join("&")}` : "";
    return this.listAll(`${nodePath(poolId, nodeId)}/files${search}`);
  }
  /** Reads a node file (`startup/stdout.txt`, ...), whole or a byte range, as {@link readTaskFile}. */
  readNodeFile(
    poolId: string,
    nodeId: string,
    name: string,
    range: ByteRange = {},
  ): Promise<TaskFileContent> {
    const path = `${nodePath(poolId, nodeId)}/files/${name.split("/").map(seg).join("/")}`;
    return this.readBytes(path, range);
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

  // ---- job schedules ----
  addJobSchedule(schedule: JobScheduleAddParameter): Promise<void> {
    return this.http.request("POST", "/jobschedules", schedule);
  }
  listAllJobSchedules(): Promise<CloudJobSchedule[]> {
    return this.listAll("/jobschedules");
  }
  getJobSchedule(id: string): Promise<CloudJobSchedule> {
    return this.http.request("GET", `/jobschedules/${seg(id)}`);
  }
  deleteJobSchedule(id: string): Promise<void> {
    return this.http.request("DELETE", `/jobschedules/${seg(id)}`);
  }
  /** `disable`, `enable` or `terminate`. */
  jobScheduleAction(id: string, action: "disable" | "enable" | "terminate"): Promise<void> {
    return this.http.request("POST", `/jobschedules/${seg(id)}/${action}`);
  }
  /** The jobs a schedule created, oldest first. */
  listAllJobsOfSchedule(id: string): Promise<CloudJob[]> {
    return this.listAll(`/jobschedules/${seg(id)}/jobs`);
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
  /** Batch's List Subtasks of a multi-instance task (ids 1..n-1; empty for another task). */
  listSubtasks(jobId: string, taskId: string): Promise<CloudTaskListSubtasksResult> {
    return this.http.request("GET", `${taskPath(jobId, taskId)}/subtasksinfo`);
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
    return this.readBytes(path, range);
  }

  /** A file's bytes or a range of them (`ocp-range` and `Range`); past the end reads empty. */
  private async readBytes(path: string, range: ByteRange): Promise<TaskFileContent> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}` };
    const ranged = range.start !== undefined || range.end !== undefined;
    if (ranged) {
      const bytes = `bytes=${range.start ?? 0}-${range.end ?? ""}`;
      headers["ocp-range"] = bytes;
      headers.range = bytes;
    }
    const response = await this.fetchImpl(this.resolve(path), { headers });
    if (response.status === 416) return { content: new Uint8Array(0) };
    if (!response.ok) throw await errorOf(response);
    const body = new Uint8Array(await response.arrayBuffer());
    const contentRange = response.headers.get("content-range");
    if (ranged && contentRange === null) {
      const end = range.end === undefined ? body.length : range.end + 1;
      return { content: body.subarray(range.start ?? 0, end), totalLength: body.length };
    }
    return { content: body, ...totalLength(contentRange) };
  }

  // ---- application packages ----
  /** Uploads `zip` as `version` of application `id` (created on first upload). */
  async uploadApplicationPackage(
    id: string,
    version: string,
    zip: Uint8Array,
  ): Promise<ApplicationPackageInfo> {
    const response = await this.fetchImpl(
      this.resolve(`/sluice/applications/${seg(id)}/versions/${seg(version)}`),
      {
        method: "PUT",
        headers: {
          authorization: `Bearer ${this.options.token}`,
          "content-type": "application/zip",
        },
        body: new Blob([new Uint8Array(zip)]),
      },
    );
    if (!response.ok) throw await errorOf(response);
    return (await response.json()) as ApplicationPackageInfo;
  }
  listApplications(): Promise<ApplicationSummary[]> {
    return this.listAll("/applications");
  }
  getApplication(id: string): Promise<ApplicationDetails> {
    return this.http.request("GET", `/sluice/applications/${seg(id)}`);
  }
  patchApplication(id: string, patch: ApplicationPatch): Promise<ApplicationDetails> {
    return this.http.request("PATCH", `/sluice/applications/${seg(id)}`, patch);
  }
  /** Deletes one version, or the application with all its versions. */
  deleteApplication(id: string, version?: string): Promise<void> {
    const path = `/sluice/applications/${seg(id)}`;
    return this.http.request(
      "DELETE",
      version === undefined ? path : `${path}/versions/${seg(version)}`,
    );
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
