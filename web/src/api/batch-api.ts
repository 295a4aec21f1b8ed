// Batch's pool, node, job, task and task file calls, typed with the API's wire shapes.
import type {
  CloudJob,
  CloudPool,
  CloudTask,
  ComputeNode,
  TaskCountsResult,
} from "../../../src/api/index.js";
import { parseContentRange, nextOffset } from "../logic/content-range.js";
import { linkPath, seg, type Http } from "./http.js";

/** Batch's list body. */
export interface BatchList<T> {
  readonly value: readonly T[];
  readonly "odata.nextLink"?: string;
}

/** A chunk of a task file from `offset`. */
export interface FileChunk {
  /** False while the file does not exist yet (the task has not started or written). */
  readonly exists: boolean;
  readonly bytes: Uint8Array;
  readonly nextOffset: number;
  readonly size: number;
}

const maxPages = 20;

export function batchApi(http: Http) {
  const all = async <T>(path: string): Promise<T[]> => {
    const items: T[] = [];
    let next: string | undefined = path;
    for (let page = 0; next !== undefined && page < maxPages; page++) {
      const body: BatchList<T> = await http.json<BatchList<T>>("GET", next);
      items.push(...body.value);
      const link = body["odata.nextLink"];
      next = link === undefined ? undefined : linkPath(link);
    }
    return items;
  };
  return {
    listPools: () => all<CloudPool>("/pools"),
    listNodes: (poolId: string) => all<ComputeNode>(`/pools/${seg(poolId)}/nodes`),
    resizePool: (poolId: string, targetDedicatedNodes: number) =>
      http.json<void>("POST", `/pools/${seg(poolId)}/resize`, { targetDedicatedNodes }),
    listJobs: () => all<CloudJob>("/jobs"),
    getJob: (jobId: string) => http.json<CloudJob>("GET", `/jobs/${seg(jobId)}`),
    taskCounts: (jobId: string) =>
      http.json<TaskCountsResult>("GET", `/jobs/${seg(jobId)}/taskcounts`),
    /** One page of tasks; pass the previous page's `odata.nextLink` to read the next. */
    taskPage: (jobId: string, options: { pageSize: number; state?: string; nextLink?: string }) => {
      if (options.nextLink !== undefined) {
        return http.json<BatchList<CloudTask>>("GET", linkPath(options.nextLink));
      }
      const query = new URLSearchParams({ maxresults: String(options.pageSize) });
      if (options.state) query.set("$filter", `state eq '${options.state}'`);
      return http.json<BatchList<CloudTask>>(
        "GET",
        `/jobs/${seg(jobId)}/tasks?${query.toString()}`,
      );
    },
    getTask: (jobId: string, taskId: string) =>
      http.json<CloudTask>("GET", `/jobs/${seg(jobId)}/tasks/${seg(taskId)}`),
    /** The bytes of a task file from `offset` on (Batch's `ocp-range`). */
    readTaskFile: async (
      jobId: string,
      taskId: string,
      name: string,
      offset: number,
    ): Promise<FileChunk> => {
      const path = `/jobs/${seg(jobId)}/tasks/${seg(taskId)}/files/${name}`;
      const response = await http.raw(path, { "ocp-range": `bytes=${offset}-` });
      if (response.status === 404)
        return { exists: false, bytes: new Uint8Array(), nextOffset: offset, size: 0 };
      const bytes = new Uint8Array(response.body);
      const range = parseContentRange(response.headers.get("content-range"));
      return {
        exists: true,
        bytes,
        nextOffset: nextOffset(offset, bytes.length, range),
        size: range?.size ?? offset + bytes.length,
      };
    },
  };
}

export type BatchApi = ReturnType<typeof batchApi>;
