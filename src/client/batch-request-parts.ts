// The parts of Batch requests and replies the typed client builds on: paths, OData query
// strings, task collection chunks, Content-Range totals and Batch's error body.
import type { TaskAddParameter } from "../api/index.js";
import { ApiError } from "./sluice-client.js";

/** Batch caps an `addtaskcollection` body at 1 MB; stay a little under it. */
const maxCollectionBytes = 1_000_000;

const seg = encodeURIComponent;
// TextEncoder, not Buffer: the web UI uses this client too.
const encoder = new TextEncoder();

export function nodePath(poolId: string, nodeId: string): string {
  return `/pools/${seg(poolId)}/nodes/${seg(nodeId)}`;
}

/** A string inside an OData literal: a quote is doubled. */
export function quoted(text: string): string {
  return text.replaceAll("'", "''");
}

export function taskPath(jobId: string, taskId: string): string {
  return `/jobs/${seg(jobId)}/tasks/${seg(taskId)}`;
}

/** The OData query string of a list call ("" when there is none). */
export function query(options: {
  readonly filter?: string;
  readonly select?: string;
  readonly maxResults?: number;
}): string {
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

export function totalLength(contentRange: string | null): { totalLength?: number } {
  const total = contentRange ? /\/(\d+)\s*$/.exec(contentRange)?.[1] : undefined;
  return total === undefined ? {} : { totalLength: Number(total) };
}

export async function errorOf(response: Response): Promise<ApiError> {
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
