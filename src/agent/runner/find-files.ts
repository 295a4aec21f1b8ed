import { readdir, stat } from "node:fs/promises";
import type { Dirent } from "node:fs";
import * as path from "node:path";
import { compileFilePattern, segmentMatches, type SegmentMatcher } from "./file-pattern.js";

/** A file matched by an output file pattern. */
export interface MatchedFile {
  /** Path below the pattern's literal base directory, `/`-separated. */
  readonly relativePath: string;
  readonly absolutePath: string;
}

/**
 * Finds the regular files `pattern` (variable-expanded) matches, relative to `workingDir`
 * unless absolute; sorted by relative path. A missing base directory matches nothing.
 * Directories reached through symbolic links are not walked by `**`, so a link loop cannot
 * hang an upload.
 */
export async function findFiles(pattern: string, workingDir: string): Promise<MatchedFile[]> {
  const compiled = compileFilePattern(pattern);
  const baseDir = path.resolve(workingDir, compiled.baseDir);
  const found = new Map<string, MatchedFile>();
  await walk(baseDir, "", compiled.segments, 0, found);
  return [...found.values()].sort((a, b) => (a.relativePath < b.relativePath ? -1 : 1));
}

async function walk(
  dir: string,
  rel: string,
  segments: readonly SegmentMatcher[],
  index: number,
  found: Map<string, MatchedFile>,
): Promise<void> {
  const segment = segments[index];
  if (segment === undefined) return;
  const entries = await listDir(dir);
  if (segment.kind === "globstar") {
    // `**` matches zero directories (try the next segment here; a trailing `**` means every
    // file below), or one more directory (stay on `**` one level down).
    const rest = index + 1 < segments.length ? index + 1 : -1;
    for (const entry of entries) {
      if (!segmentMatches(segment, entry.name)) continue;
      const kind = await entryKind(dir, entry);
      if (rest < 0 && kind === "file") add(found, dir, rel, entry.name);
      if (kind === "dir" && !entry.isSymbolicLink()) {
        await walk(path.join(dir, entry.name), join(rel, entry.name), segments, index, found);
      }
    }
    if (rest >= 0) await walk(dir, rel, segments, rest, found);
    return;
  }
  const last = index === segments.length - 1;
  for (const entry of entries) {
    if (!segmentMatches(segment, entry.name)) continue;
    const kind = await entryKind(dir, entry);
    if (last && kind === "file") add(found, dir, rel, entry.name);
    if (!last && kind === "dir") {
      await walk(path.join(dir, entry.name), join(rel, entry.name), segments, index + 1, found);
    }
  }
}

function add(found: Map<string, MatchedFile>, dir: string, rel: string, name: string): void {
  const relativePath = join(rel, name);
  found.set(relativePath, { relativePath, absolutePath: path.join(dir, name) });
}

function join(rel: string, name: string): string {
  return rel === "" ? name : `${rel}/${name}`;
}

async function listDir(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    // A directory the pattern names but the task never created matches nothing, as in Batch.
    if (isCode(error, "ENOENT") || isCode(error, "ENOTDIR")) return [];
    throw error;
  }
}

async function entryKind(dir: string, entry: Dirent): Promise<"file" | "dir" | "other"> {
  if (entry.isFile()) return "file";
  if (entry.isDirectory()) return "dir";
  if (!entry.isSymbolicLink()) return "other";
  try {
    const target = await stat(path.join(dir, entry.name));
    return target.isFile() ? "file" : target.isDirectory() ? "dir" : "other";
  } catch (error) {
    if (isCode(error, "ENOENT")) return "other"; // a dangling link is not a file to upload
    throw error;
  }
}

/** True when `error` is a Node system error with the given `code`. */
export function isCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code;
}
