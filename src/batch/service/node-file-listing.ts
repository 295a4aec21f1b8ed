// What a node file listing shows: Batch's node layout (`startup/stdout.txt`,
// `workitems/<job>/job-1/<task>/stdout.txt`) built from the files the server holds, with the
// directories above them, narrowed by `recursive` and `startswith(name,'...')`, and paged by
// name. Pure.
import { Buffer } from "node:buffer";
import { BatchError } from "../batch-error.js";
import type { ListResult } from "./paging.js";

/** A file the server holds for a node, under its node-relative name. Times in epoch ms. */
export interface HeldFile {
  readonly name: string;
  readonly size: number;
  readonly lastModified: number;
  readonly creationTime: number;
  /** Where the server keeps its bytes (the `taskFiles` storage); absent for a directory. */
  readonly storagePath?: string;
}

/** One entry of a node's files: a held file, or a directory above some. */
export interface NodeFileEntry extends HeldFile {
  readonly isDirectory: boolean;
}

/** The held files and every directory above them, sorted by name (code-point order). */
export function nodeFileEntries(files: readonly HeldFile[]): NodeFileEntry[] {
  const directories = new Map<string, NodeFileEntry>();
  for (const file of files) {
    const parts = file.name.split("/");
    for (let depth = 1; depth < parts.length; depth++) {
      const name = parts.slice(0, depth).join("/");
      const known = directories.get(name);
      directories.set(name, {
        name,
        isDirectory: true,
        size: 0,
        lastModified: Math.max(known?.lastModified ?? 0, file.lastModified),
        creationTime: Math.min(known?.creationTime ?? Infinity, file.creationTime),
      });
    }
  }
  const entries = [
    ...directories.values(),
    ...files.map((file) => ({ ...file, isDirectory: false })),
  ];
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const startsWith = /^\s*startswith\s*\(\s*name\s*,\s*'((?:[^']|'')*)'\s*\)\s*$/i;

/**
 * The name prefix of a node file `$filter` (`startswith(name,'workitems/job/')`, the one form
 * Batch documents for file lists; `''` escapes a quote); undefined when there is no filter.
 */
export function parseNodeFileFilter(filter: string | undefined): string | undefined {
  if (filter === undefined || filter.trim() === "") return undefined;
  const match = startsWith.exec(filter);
  if (match === null) {
    throw new BatchError(
      "InvalidQueryParameterValue",
      `$filter "${filter}" is not supported for files: use startswith(name,'<prefix>').`,
      {
        PropertyName: "$filter",
        PropertyValue: filter,
        Reason: "Only startswith(name,'<prefix>') is supported.",
      },
    );
  }
  return (match[1] ?? "").replaceAll("''", "'");
}

/** Reads `recursive=true|false` (any case); absent is false, as in Batch. */
export function parseRecursive(text: string | undefined): boolean {
  if (text === undefined) return false;
  const value = text.trim().toLowerCase();
  if (value === "true" || value === "false") return value === "true";
  throw new BatchError(
    "InvalidQueryParameterValue",
    `recursive '${text}' is not valid: give true or false.`,
    { PropertyName: "recursive", PropertyValue: text },
  );
}

/**
 * The entries a listing returns: all of them when `recursive`, otherwise only those in the
 * node's root directory; then those whose name starts with `prefix`.
 */
export function selectNodeFiles(
  entries: readonly NodeFileEntry[],
  options: { readonly recursive: boolean; readonly prefix?: string },
): NodeFileEntry[] {
  return entries.filter(
    (entry) =>
      (options.recursive || !entry.name.includes("/")) &&
      (options.prefix === undefined || entry.name.startsWith(options.prefix)),
  );
}

/** One page of sorted entries after the name in `continuationToken`; `maxResults` default 1000. */
export function pageByName<T extends { readonly name: string }>(
  entries: readonly T[],
  options: { readonly maxResults?: number; readonly continuationToken?: string },
): ListResult<T> {
  const after =
    options.continuationToken === undefined ? undefined : nameAfter(options.continuationToken);
  const rest = after === undefined ? entries : entries.filter((entry) => entry.name > after);
  const size = options.maxResults ?? 1000;
  const value = rest.slice(0, size);
  const last = value.at(-1);
  if (rest.length <= size || last === undefined) return { value };
  const token = Buffer.from(JSON.stringify({ after: last.name }), "utf8").toString("base64url");
  return { value, continuationToken: token };
}

function nameAfter(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown;
    const after = (parsed as { after?: unknown } | null)?.after;
    if (typeof after === "string") return after;
  } catch {
    // not JSON: refused below like any other token that is not ours
  }
  throw new BatchError(
    "InvalidQueryParameterValue",
    `$skiptoken '${token}' is not valid: pass the odata.nextLink of the previous page unchanged.`,
    { PropertyName: "$skiptoken", PropertyValue: token },
  );
}
